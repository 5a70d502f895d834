"""One exception root, branches by cause, context attached.

Every error the package raises on purpose is an :class:`ExtractorError`. The tree::

    ExtractorError                      exit 1   (root; never raised bare)
    ├── InputError                      exit 10  bad input: the caller can fix the file
    │   ├── UnsupportedFormatError      exit 11  not TXT/MD/DOCX/PDF (or a binary named .txt)
    │   ├── EmptyDocumentError          exit 12  zero bytes, or no text at all
    │   ├── CorruptDocumentError        exit 13  the container cannot be parsed
    │   ├── EncryptedDocumentError      exit 14  password-protected PDF/DOCX
    │   ├── DocumentTooLargeError       exit 15  over a limit in Settings (bytes, pages, text, unpacked size, XML depth)
    │   ├── NeedsOCRError               exit 16  pages without a text layer (scanned PDF)
    │   ├── DecodingError               exit 17  text whose encoding cannot be decided
    │   └── UnreadableFileError         exit 18  the file cannot be read (permission denied, I/O error, missing)
    ├── ConfigError                     exit 20  settings are wrong (bad backend name, missing model)
    │   └── CacheError                  exit 21  the response cache file is corrupt or cannot be written
    ├── ModelError                      exit 30  the model endpoint failed us
    │   ├── RetryExhaustedError         exit 31  transport retries or re-asks used up
    │   ├── ModelOutputError            exit 32  unusable output (truncated, refused)
    │   └── EndpointUnavailableError    exit 33  the circuit breaker is open: the endpoint is down
    ├── EvaluationError                 exit 40  the eval cannot run (no gold, mismatched baseline)
    ├── OutputError                     exit 50  a result cannot be written (``-o`` is a file, no permission)
    │   ├── DiskFullError               exit 51  no space left on the output's device (or over quota)
    │   └── OutputLockedError           exit 52  another batch is writing into the same output folder
    ├── WorkerDiedError                 exit 60  the worker process reading the document died (OOM killer, signal)
    └── InternalError                   exit 70  a bug in us

A regression found by ``extractor eval --fail-under`` is not an error of the program:
it exits with :data:`EXIT_REGRESSION`, and material findings in ``extractor reconcile``
with :data:`EXIT_FINDINGS`, so scripts can tell them apart from infrastructure failures.
"""

from __future__ import annotations

import errno
import logging
import re
from pathlib import Path
from typing import Any, ClassVar

EXIT_OK = 0
EXIT_MIXED = 9
"""Several documents failed for different reasons."""
EXIT_REGRESSION = 3
"""``eval --fail-under`` or ``--baseline`` found a regression."""
EXIT_FINDINGS = 4
"""``reconcile`` found material findings."""


# --------------------------------------------------------------------------- secrets

REDACTED = "[redacted]"
_SECRET = re.compile(
    r"(?P<bearer>(?i:bearer)\s+)[A-Za-z0-9._~+/=\-]{6,}"  # Bearer <token>
    r"|(?P<header>(?i:authorization|api[-_]?key|x-api-key)[\"']?\s*[:=]\s*[\"']?)(?!(?i:bearer))[^\s\"',;}]{6,}"
    r"|sk-[A-Za-z0-9_\-]{8,}"  # OpenAI-style keys
)
_KNOWN_SECRETS: set[str] = set()


def register_secret(value: str | None) -> None:
    """Make :func:`redact` remove ``value`` (the configured API key) wherever it appears."""
    if value and len(value) >= 6:
        _KNOWN_SECRETS.add(value)


def redact(text: str) -> str:
    """``text`` without secrets: the configured key, ``Bearer …`` and ``Authorization: …``
    values, ``sk-…`` keys. Every message that may carry a server's words passes through here
    before it reaches a log, stderr, a manifest or a result."""
    for secret in _KNOWN_SECRETS:
        text = text.replace(secret, REDACTED)
    return _SECRET.sub(lambda m: (m.group("bearer") or m.group("header") or "") + REDACTED, text)


class RedactingFilter(logging.Filter):
    """A logging filter that redacts every record (message and arguments) it sees."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message or record.exc_info:
            record.msg, record.args = clean, None
            if record.exc_info and record.exc_info[1] is not None:
                record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
                record.exc_info = None
        return True


# --------------------------------------------------------------------------- the tree


class ExtractorError(Exception):
    """Root of every error raised on purpose by this package. Its message and context pass
    through :func:`redact`: an error never carries a secret, whatever a server echoed."""

    exit_code: ClassVar[int] = 1

    def __init__(self, message: str, *, path: str | Path | None = None, **context: Any) -> None:
        message = redact(message)
        context = {k: redact(v) if isinstance(v, str) else v for k, v in context.items()}
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.context = context

    @property
    def kind(self) -> str:
        return type(self).__name__

    def one_line(self) -> str:
        """``<file>: <reason>`` on one line, for the CLI and batch logs."""
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message}".replace("\n", " ")

    def to_dict(self) -> dict[str, Any]:
        return {
            "error": self.kind,
            "exit_code": self.exit_code,
            "message": self.message,
            "path": self.path,
            **{k: v for k, v in self.context.items() if isinstance(v, str | int | float | bool | dict | None)},
        }


class InputError(ExtractorError):
    exit_code = 10


class UnsupportedFormatError(InputError):
    exit_code = 11


class EmptyDocumentError(InputError):
    exit_code = 12


class CorruptDocumentError(InputError):
    exit_code = 13


class EncryptedDocumentError(InputError):
    exit_code = 14


class DocumentTooLargeError(InputError):
    """Over a limit in Settings; ``context["limit"]`` names the setting when it is not the byte size."""

    exit_code = 15


class NeedsOCRError(InputError):
    """Pages with no text layer. ``pages`` lists them (1-based)."""

    exit_code = 16

    def __init__(self, message: str, *, pages: list[int], path: str | Path | None = None, **context: Any):
        super().__init__(message, path=path, **context)
        self.pages = pages


class DecodingError(InputError):
    exit_code = 17


class UnreadableFileError(InputError):
    """The operating system would not give us the bytes: the file is missing, not ours to
    read, or reading it failed. The environment, not the document, needs fixing."""

    exit_code = 18


class ConfigError(ExtractorError):
    exit_code = 20


class ModelError(ExtractorError):
    exit_code = 30


class RetryExhaustedError(ModelError):
    """Carries how hard we tried: ``attempts`` and the token ``usage`` spent on the way."""

    exit_code = 31

    def __init__(
        self,
        message: str,
        *,
        attempts: int,
        usage: dict[str, int] | None = None,
        path: str | Path | None = None,
        **context: Any,
    ) -> None:
        super().__init__(message, path=path, attempts=attempts, **context)
        self.attempts = attempts
        self.usage = usage or {}


class ModelOutputError(ModelError):
    exit_code = 32


class EndpointUnavailableError(ModelError):
    """Consecutive transport failures opened the circuit breaker: fail fast, no request sent."""

    exit_code = 33


class CacheError(ConfigError):
    """``EXTRACTOR_CACHE_PATH`` names a file that is not a readable, writable SQLite cache."""

    exit_code = 21


class EvaluationError(ExtractorError):
    exit_code = 40


class OutputError(ExtractorError):
    exit_code = 50

    @staticmethod
    def from_os_error(
        exc: OSError, target: str | Path, *, doing: str = "write", path: str | Path | None = None
    ) -> OutputError:
        """The typed error for an ``OSError`` met while writing ``target`` (``path``: the
        document whose result it is, when that is not ``target`` itself)."""
        full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
        cls = DiskFullError if full else OutputError
        return cls(f"cannot {doing} {target}: {exc.strerror or exc}", path=path, errno=exc.errno)


class DiskFullError(OutputError):
    exit_code = 51


class OutputLockedError(OutputError):
    exit_code = 52


class WorkerDiedError(ExtractorError):
    exit_code = 60


class InternalError(ExtractorError):
    exit_code = 70


ALL_ERRORS: tuple[type[ExtractorError], ...] = (
    ExtractorError,
    InputError,
    UnsupportedFormatError,
    EmptyDocumentError,
    CorruptDocumentError,
    EncryptedDocumentError,
    DocumentTooLargeError,
    NeedsOCRError,
    DecodingError,
    UnreadableFileError,
    ConfigError,
    CacheError,
    ModelError,
    RetryExhaustedError,
    ModelOutputError,
    EndpointUnavailableError,
    EvaluationError,
    OutputError,
    DiskFullError,
    OutputLockedError,
    WorkerDiedError,
    InternalError,
)
