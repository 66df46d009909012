"""planparse: legacy work-plan documents -> one normalized activity table."""

from __future__ import annotations

from planparse.api import ConversionResult, convert, convert_document, convert_text
from planparse.errors import ExitCode, PlanparseError
from planparse.model import Activity, Document, LayoutKind
from planparse.readers import read

__version__ = "0.1.0"
__all__ = [
    "Activity",
    "ConversionResult",
    "Document",
    "ExitCode",
    "LayoutKind",
    "PlanparseError",
    "__version__",
    "convert",
    "convert_document",
    "convert_text",
    "read",
]
