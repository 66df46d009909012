"""The PDF reader's loops over pdfium calls, compiled (``_pdfium_loops``), when they were built.

``setup.py`` builds ``_pdfium_loops`` from ``_pdfium_loops.c`` and ``_pdfium_paths.c``
when a C compiler is at hand; it is optional.  It calls the very pdfium that pypdfium2
bundles, through the addresses of its functions, so it needs no pdfium at build time.

``LOOPS`` is the bound module, or None: not built, or ``PLANPARSE_PURE_PYTHON`` set
(which forces the Python loops, e.g. to compare the two).  The Python loops
(``pdf_chars.python_segments``, ``pdf_rules`` ``_Walker``) are the reference: both
give the same segments and subpaths (tests/test_reader_pdf_fast.py).
"""

from __future__ import annotations

import ctypes
import os
from types import ModuleType

import pypdfium2.raw as pdfium_c


def function_address(name: str) -> int:
    """Where pypdfium2's bundled pdfium has the C function ``name``."""
    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
    if not address:
        raise ImportError(f"pdfium has no {name}")
    return address


def load() -> ModuleType | None:
    """The compiled loops bound to pdfium, or None (see module doc)."""
    if os.environ.get("PLANPARSE_PURE_PYTHON"):
        return None
    try:
        from planparse.readers import _pdfium_loops  # type: ignore[attr-defined]
    except ImportError:
        return None
    _pdfium_loops.bind(*map(function_address, _pdfium_loops.CALLS))
    return _pdfium_loops


LOOPS = load()
