"""The pipeline: ingest → extract → ground → reconcile (→ feedback → ground → reconcile) → Result.

One function, :func:`run`, for one document; :func:`extract` is the public entry point
re-exported as ``extractor.extract`` and accepts a path, bytes with a file name, or an
already-read :class:`~extractor.document.Document`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Protocol, runtime_checkable

from extractor._version import __version__
from extractor.backends import Backend, get_backend
from extractor.document import Document
from extractor.errors import ConfigError
from extractor.ground import verify
from extractor.guard import drop_instructed
from extractor.ingest import read, read_bytes
from extractor.result import (
    INDICATOR_NUMBERS,
    PROJECT_NUMBERS,
    Evidence,
    Extraction,
    Finding,
    Indicator,
    OcrReport,
    OcrValue,
    Project,
    Provenance,
    Result,
    SourceInfo,
)
from extractor.settings import Settings, from_env

log = logging.getLogger(__name__)

__all__ = ["LOW_CONFIDENCE", "Reasking", "extract", "ocr_report", "run"]


def _reconcile(result: Result, document: Document) -> Result:
    from extractor.reconcile import reconcile

    return reconcile(result, document=document)


LOW_CONFIDENCE = 0.9
"""A value read by OCR with a character the engine scored below this is listed as uncertain."""


def _uncertain(name: str, value: Decimal | None, ev: Evidence | None) -> list[OcrValue]:
    if value is None or ev is None or ev.confidence is None or ev.confidence >= LOW_CONFIDENCE:
        return []
    return [OcrValue(name=name, value=value, evidence=ev)]


def ocr_report(doc: Document, ex: Extraction) -> OcrReport | None:
    """The pages OCR read, and every grounded value read from characters it was unsure of."""
    if not doc.ocr_pages:
        return None
    uncertain: list[OcrValue] = []
    for f in ex.facts:
        key = "/".join(x for x in (f.concept, f.measure, f.period, f.scope, f.label) if x)
        uncertain += _uncertain(key, f.value, f.evidence)
    rows: list[tuple[Project | Indicator, tuple[str, ...]]] = [
        *((p, tuple(PROJECT_NUMBERS)) for p in ex.projects),
        *((i, tuple(INDICATOR_NUMBERS)) for i in ex.indicators),
    ]
    for row, fields in rows:
        for fld in fields:
            uncertain += _uncertain(f"{row.name}/{fld}", getattr(row, fld), row.cells.get(fld))
    return OcrReport(pages=dict(doc.ocr_pages), low_confidence=LOW_CONFIDENCE, uncertain=tuple(uncertain))


@runtime_checkable
class Reasking(Protocol):
    """A backend that can re-ask the model about figures reconciliation blames on it (the
    arithmetic feedback: ``llm`` and ``hybrid``)."""

    def feedback(
        self, document: Document, extraction: Extraction, findings: Sequence[Finding]
    ) -> Extraction | None: ...


def _ground(document: Document, raw: Extraction) -> tuple[Extraction, dict[str, int]]:
    grounded, counters = verify(document, raw)
    grounded, suspicious = drop_instructed(document, grounded)  # injected "写成999万元": every backend
    return grounded, {**raw.counters, **{k: raw.counters.get(k, 0) + v for k, v in {**counters, **suspicious}.items()}}


def _result(
    document: Document,
    grounded: Extraction,
    backend: Backend,
    counters: dict[str, int],
    path: str | None,
    timings: dict[str, float],
) -> Result:
    provenance = Provenance(
        backend=backend.name,
        extractor_version=__version__,
        prompt_version=grounded.prompt_version,
        model=grounded.model,
        source=SourceInfo(
            path=path,
            format=document.source_format,
            sha256=document.sha256,
            size_bytes=document.size_bytes,
            pages=document.pages,
            encoding=document.encoding,
            chars=len(document.text),
        ),
        timings=timings,
        counters=counters,
        ledger=grounded.ledger,
        warnings=[*document.warnings, *grounded.warnings],
        disagreements=list(grounded.disagreements),
        ocr=ocr_report(document, grounded),
    )
    return Result(
        document=document.name,
        org_name=grounded.org_name,
        fiscal_year=grounded.fiscal_year,
        report_kind=grounded.report_kind,
        metadata_evidence=grounded.metadata_evidence,
        facts=list(grounded.facts),
        projects=list(grounded.projects),
        indicators=list(grounded.indicators),
        evaluation=grounded.evaluation,
        provenance=provenance,
    )


def run(
    document: Document,
    backend: Backend,
    settings: Settings,
    *,
    path: str | None = None,
    timings: dict[str, float] | None = None,
) -> Result:
    """Extract, ground and reconcile one read document; then, for a backend that can
    re-ask (:class:`Reasking`), re-ask once about the model figures material findings blame,
    ground what comes back and reconcile again (the re-asks are in the ledger)."""
    timings = dict(timings or {})
    t0 = time.perf_counter()
    raw = backend.extract(document)
    timings["extract"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    grounded, counters = _ground(document, raw)
    timings["ground"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = _reconcile(_result(document, grounded, backend, counters, path, timings), document)
    timings["reconcile"] = time.perf_counter() - t0
    blamed = [f for f in result.findings if f.severity == "material" and f.culprit is not None]
    if blamed and settings.feedback and isinstance(backend, Reasking):
        t0 = time.perf_counter()
        redone = backend.feedback(document, grounded, blamed)
        if redone is not None:  # verified again, like every backend's output; reconciled once more, not re-asked
            regrounded, _ = _ground(document, redone)
            result = _reconcile(_result(document, regrounded, backend, counters, path, timings), document)
        timings["feedback"] = time.perf_counter() - t0
    return result.model_copy(update={"provenance": result.provenance.model_copy(update={"timings": timings})})


def extract(
    source: str | Path | bytes | Document,
    *,
    filename: str | None = None,
    backend: str | Backend | None = None,
    settings: Settings | None = None,
) -> Result:
    """Extract one document.

    ``source`` is a path, raw bytes (then ``filename`` names the file and its type), or a
    :class:`Document`. ``backend`` is a name (``auto``, ``rules``, ``llm``, ``hybrid``) or a
    backend object; it defaults to ``settings.backend``.
    """
    settings = settings or from_env()
    be = backend if isinstance(backend, Backend) else get_backend(backend or settings.backend, settings)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    path: str | None = None
    if isinstance(source, Document):
        doc = source
    elif isinstance(source, bytes | bytearray):
        if not filename:
            raise ConfigError("extract(bytes) needs filename= to tell the document's name and type")
        doc = read_bytes(bytes(source), filename, settings)
    else:
        path = str(source)
        doc = read(source, settings)
    timings["ingest"] = time.perf_counter() - t0
    return run(doc, be, settings, path=path, timings=timings)
