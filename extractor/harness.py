"""Orchestration: get a result for every gold document, score it, describe the run.

Two modes. By default each document that has gold is read from ``docs`` and extracted with
the configured backend, timed end to end. With ``results`` the harness extracts nothing and
scores the ``<stem>.json`` result files found there (a nightly job can extract once and
score many times); the documents are still read, when present, for the grounding check.

A document that fails to extract is scored as an empty result (so it costs what it should
in every metric) and recorded in ``errors``; the CLI writes the reports and then exits with
:class:`~extractor.errors.EvaluationError`'s code, so a broken run never passes for a
regression or for a clean one. Missing gold, documents or result files are
:class:`EvaluationError` straight away.
"""

from __future__ import annotations

import logging
import platform
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extractor._version import __version__
from extractor.errors import EvaluationError, ExtractorError
from extractor.evaluate import METRICS_VERSION, SCORER_VERSION
from extractor.evaluate.gold import Gold, gold_digest, load_gold_dir
from extractor.evaluate.injected import audit, load_injections
from extractor.evaluate.report import EvalRun
from extractor.evaluate.score import DocScore, score_document
from extractor.ingest import SUPPORTED_SUFFIXES, read
from extractor.result import Provenance, Result, SourceInfo
from extractor.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["EvalRun", "evaluate", "find_document", "git_revision"]

ProgressCallback = Callable[[int, int, str], None]
"""``(done, total, document)`` after each document; the CLI draws the bar."""


def git_revision(cwd: Path | None = None) -> tuple[str | None, bool | None]:
    """``(sha, dirty)`` of the working tree, ``(None, None)`` outside git or without git."""
    where = cwd or Path(__file__).resolve().parents[1]
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=where, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=where,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None, None
    return sha or None, bool(status.strip())


def find_document(docs_dir: Path, gold: Gold) -> Path | None:
    """``docs/<document>``, else a supported file with the same stem."""
    exact = docs_dir / gold.document
    if exact.is_file():
        return exact
    for suffix in SUPPORTED_SUFFIXES:
        candidate = docs_dir / f"{gold.stem}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def _empty_result(document: str, backend: str) -> Result:
    return Result(
        document=document,
        provenance=Provenance(
            backend=backend, extractor_version=__version__, source=SourceInfo(format="none", sha256="", size_bytes=0)
        ),
    )


def _load_result(results_dir: Path, gold: Gold) -> Result:
    path = results_dir / f"{gold.stem}.json"
    if not path.is_file():
        raise EvaluationError(f"no result file for {gold.document}", path=path)
    try:
        return Result.from_json(path.read_bytes())
    except (ValidationError, ValueError) as exc:
        raise EvaluationError(f"not a cn-budget-report/1 result: {str(exc).splitlines()[0]}", path=path) from exc


def evaluate(
    gold_dir: str | Path,
    docs_dir: str | Path,
    *,
    settings: Settings,
    backend: str | None = None,
    results_dir: str | Path | None = None,
    on_progress: ProgressCallback | None = None,
    injections: str | Path | None = None,
) -> EvalRun:
    """Score every gold document; extract it first unless ``results_dir`` is given. With
    ``injections`` (a fault-injecting endpoint's log) also audit what became of each injected
    error (:mod:`extractor.evaluate.injected`)."""
    golds = load_gold_dir(gold_dir)
    results: dict[str, Result] = {}
    docs = Path(docs_dir)
    paths = {g.document: find_document(docs, g) for g in golds}
    warnings: list[str] = []
    be = None
    if results_dir is None:
        missing = [g.document for g in golds if paths[g.document] is None]
        if missing:
            raise EvaluationError(f"gold documents not found in {docs}: {', '.join(missing)}", path=docs)
        from extractor.backends import get_backend

        be = get_backend(backend or settings.backend, settings)
    scores: list[DocScore] = []
    errors: list[str] = []
    for n, gold in enumerate(golds, 1):
        path = paths[gold.document]
        text: str | None = None
        wall: float | None = None
        error: str | None = None
        if be is not None:
            from extractor.pipeline import run as run_pipeline

            assert path is not None
            t0 = time.perf_counter()
            try:
                doc = read(path, settings)
                text = doc.text
                result = run_pipeline(doc, be, settings, path=str(path))
            except ExtractorError as exc:
                error = f"{exc.kind}: {exc.one_line()}"
            except Exception as exc:  # a bug in the extractor must not hide the other documents
                log.debug("extraction crashed", exc_info=True)
                error = f"InternalError: {path}: {type(exc).__name__}: {exc}"
            wall = time.perf_counter() - t0
            if error is not None:
                errors.append(error)
                result = _empty_result(gold.document, be.name)
        else:
            assert results_dir is not None
            result = _load_result(Path(results_dir), gold)
            if path is None:
                warnings.append(f"{gold.document}: not in {docs}; grounding not checked")
            else:
                try:
                    text = read(path, settings).text
                except ExtractorError as exc:
                    warnings.append(f"{gold.document}: cannot read for grounding: {exc.one_line()}")
        if result.document != gold.document:
            warnings.append(f"result names document {result.document!r}, gold {gold.document!r}")
        scores.append(score_document(gold, result, text=text, wall_s=wall, error=error))
        results[gold.document] = result
        if on_progress is not None:
            on_progress(n, len(golds), gold.document)
    return EvalRun(
        golds=tuple(golds),
        scores=tuple(scores),
        errors=tuple(errors),
        warnings=tuple(warnings),
        run=_describe(golds, scores, settings, backend, results_dir, gold_dir, docs),
        injected=audit(load_injections(injections), results) if injections is not None else None,
    )


def _distinct(values: list[object]) -> str | None:
    seen = sorted({str(v) for v in values if v is not None})
    return ",".join(seen) if seen else None


def _describe(
    golds: list[Gold],
    scores: list[DocScore],
    settings: Settings,
    backend: str | None,
    results_dir: str | Path | None,
    gold_dir: str | Path,
    docs: Path,
) -> dict[str, Any]:
    sha, dirty = git_revision()
    return {
        "metrics_version": METRICS_VERSION,
        "scorer_version": SCORER_VERSION,
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_sha": sha,
        "git_dirty": dirty,
        "extractor_version": __version__,
        "python": platform.python_version(),
        "mode": "results" if results_dir is not None else "extract",
        "backend_requested": backend or settings.backend,
        "backend": _distinct([s.meta.get("backend") for s in scores]),
        "model": _distinct([s.meta.get("model") for s in scores]),
        "prompt_version": _distinct([s.meta.get("prompt_version") for s in scores]),
        "gold_dir": str(gold_dir),
        "docs_dir": str(docs),
        "results_dir": str(results_dir) if results_dir is not None else None,
        "gold_digest": gold_digest(golds),
        "gold_files": [g.document for g in golds],
    }
