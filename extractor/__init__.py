"""extractor: grounded, reconciled numbers from Chinese budget and performance reports.

    >>> from extractor import extract
    >>> result = extract("report.docx")            # offline rules backend by default
    >>> [(f.concept, f.value, f.evidence.quote) for f in result.facts][:3]

Library modules log through ``logging.getLogger(__name__)``; only the CLI configures output.
The pipeline is imported on first use, so ``import extractor`` stays cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from extractor._version import __version__
from extractor.document import Document
from extractor.errors import ExtractorError
from extractor.result import Evidence, Fact, Finding, Indicator, Project, Result
from extractor.settings import Settings, load_settings

if TYPE_CHECKING:
    from extractor.backends import Backend


def extract(
    source: str | Path | bytes | Document,
    *,
    filename: str | None = None,
    backend: str | Backend | None = None,
    settings: Settings | None = None,
) -> Result:
    """Extract one document: a path, raw bytes (with ``filename=`` naming its type), or a read
    :class:`Document` → a grounded, reconciled :class:`Result`.

    ``backend`` is a name (``auto``, ``rules``, ``llm``, ``hybrid``) or a backend object; it
    defaults to ``settings.backend`` (``auto``: offline rules unless ``EXTRACTOR_BASE_URL`` is set).
    """
    from extractor.pipeline import extract as _extract

    return _extract(source, filename=filename, backend=backend, settings=settings)


def read(path: str | Path, settings: Settings | None = None) -> Document:
    """Read and normalise a document without extracting (see :mod:`extractor.ingest`)."""
    from extractor.ingest import read as _read

    return _read(path, settings)


__all__ = [
    "Document",
    "Evidence",
    "ExtractorError",
    "Fact",
    "Finding",
    "Indicator",
    "Project",
    "Result",
    "Settings",
    "__version__",
    "extract",
    "load_settings",
    "read",
]
