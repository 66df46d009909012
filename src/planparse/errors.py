"""Failures: a file that cannot be processed raises one of these.

Doubts about a value never raise: they become row flags (see ``confidence``).
Every error carries the process exit code the CLI returns for it.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    BAD_ARGS = 2  # click's own usage errors also exit 2
    INPUT_FILE = 3  # unreadable, empty, corrupt, wrong type
    NO_PLAN = 4  # readable, but no plan table found in it
    MISSING_DEPENDENCY = 5  # e.g. LibreOffice or tesseract absent
    ENCRYPTED = 6
    OUTPUT = 7  # cannot write the output
    FINISHED_WITH_FAILURES = 10  # batch: some files failed, the rest are written


class PlanparseError(Exception):
    """Base class: ``str(err)`` is one line a user can act on."""

    exit_code: ExitCode = ExitCode.INPUT_FILE

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class ReadError(PlanparseError):
    """The file exists but cannot be read as a document (empty, binary, corrupt)."""


class UnsupportedFormatError(ReadError):
    """The content is of a kind planparse does not read."""


class EncryptedDocumentError(ReadError):
    exit_code = ExitCode.ENCRYPTED


class ConverterUnavailableError(PlanparseError):
    """A system tool a reader needs (LibreOffice, tesseract) is not installed."""

    exit_code = ExitCode.MISSING_DEPENDENCY


class LayoutNotDetectedError(PlanparseError):
    """The document was read but holds no plan that any layout parser recognises."""

    exit_code = ExitCode.NO_PLAN


class OutputError(PlanparseError):
    exit_code = ExitCode.OUTPUT
