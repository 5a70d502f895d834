"""extractor: grounded, reconciled numbers from Chinese budget and performance reports.

    >>> from extractor import extract
    >>> result = extract("report.docx")            # offline rules backend by default
    >>> [(f.concept, f.value, f.evidence.quote) for f in result.facts][:3]

Library modules log through ``logging.getLogger(__name__)``; only the CLI configures output.
"""

from __future__ import annotations

__version__ = "0.1.0"

# The extract *stage* is the subpackage ``extractor.extract`` (backends); the public
# *function* is ``extractor.extract``. Importing the subpackage first means the import
# system has already bound it as an attribute when the function below rebinds the name,
# so later ``import extractor.extract.rules`` cannot shadow the function again
# (tests/test_api.py guards this).
import extractor.extract as _extract_stage  # noqa: F401
from extractor.document import Document
from extractor.errors import ExtractorError
from extractor.result import Evidence, Fact, Finding, Indicator, Project, Result
from extractor.settings import Settings, load_settings


def extract(source, **kwargs):
    """Extract one document (path, bytes with ``filename=``, or Document) → :class:`Result`.

    See :func:`extractor.pipeline.extract` for the keyword arguments.
    """
    from extractor.pipeline import extract as _extract

    return _extract(source, **kwargs)


def read(path, settings=None):
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
