"""Batch extraction: thousands of documents, one result file each, nothing lost to one bad file.

:func:`run_batch` walks files and folders, extracts each document (in worker processes
when ``workers > 1``), writes ``OUT/<name>.json`` atomically, and appends one line per
document to ``OUT/manifest.jsonl``: its status (``ok``, ``failed``, ``skipped``), the
error class and message for a failure, counts, and timings. With ``resume`` a document
whose result is already written for the same content (sha256) is skipped, so an
interrupted run picks up where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from extractor.errors import ExtractorError, InternalError
from extractor.ingest import SUPPORTED_SUFFIXES
from extractor.output import atomic_write_text
from extractor.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["BatchItem", "BatchSummary", "discover", "run_batch"]

MANIFEST = "manifest.jsonl"


@dataclass(frozen=True)
class BatchItem:
    path: str
    output: str | None
    status: str
    sha256: str
    seconds: float = 0.0
    facts: int = 0
    projects: int = 0
    indicators: int = 0
    material_findings: int = 0
    dropped_ungrounded: int = 0
    error: dict[str, Any] | None = None


@dataclass
class BatchSummary:
    items: list[BatchItem] = field(default_factory=list)

    @property
    def failed(self) -> list[BatchItem]:
        return [i for i in self.items if i.status == "failed"]

    def count(self, status: str) -> int:
        return sum(i.status == status for i in self.items)


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and the supported documents under each folder (sorted, recursive)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES))
        else:
            out.append(p)
    return out


def _names(paths: list[Path]) -> dict[Path, str]:
    """Output names: the stem, with a short path hash where two stems collide."""
    stems: dict[str, int] = {}
    for p in paths:
        stems[p.stem] = stems.get(p.stem, 0) + 1
    return {
        p: p.stem if stems[p.stem] == 1 else f"{p.stem}-{hashlib.sha1(str(p).encode()).hexdigest()[:8]}"
        for p in paths
    }


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return ""
    return h.hexdigest()


def _load_manifest(out_dir: Path) -> dict[str, dict[str, Any]]:
    done: dict[str, dict[str, Any]] = {}
    manifest = out_dir / MANIFEST
    if manifest.exists():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut by an interrupted run
            done[row["path"]] = row
    return done


def _work(path: str, output: str, settings: Settings, backend: str | None) -> dict[str, Any]:
    """Extract one document and write its result; runs in a worker process (settings are
    pickled, so a secret key reaches the worker without being written anywhere)."""
    from extractor.pipeline import extract

    t0 = time.perf_counter()
    try:
        result = extract(path, backend=backend, settings=settings)
    except ExtractorError as exc:
        return {"status": "failed", "error": exc.to_dict(), "seconds": time.perf_counter() - t0}
    except Exception as exc:  # a bug in us must not lose the batch
        bug = InternalError(f"internal error: {type(exc).__name__}: {exc}", path=path)
        return {"status": "failed", "error": bug.to_dict(), "seconds": time.perf_counter() - t0}
    atomic_write_text(Path(output), result.to_json() + "\n")
    return {
        "status": "ok",
        "seconds": time.perf_counter() - t0,
        "facts": len(result.facts),
        "projects": len([p for p in result.projects if not p.is_total]),
        "indicators": len(result.indicators),
        "material_findings": sum(f.severity == "material" for f in result.findings),
        "dropped_ungrounded": result.provenance.counters.get("dropped_ungrounded", 0),
    }


def run_batch(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    settings: Settings,
    backend: str | None = None,
    workers: int = 1,
    resume: bool = True,
    on_item: Callable[[BatchItem], None] | None = None,
) -> BatchSummary:
    """Extract every document; see the module docstring."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = discover(paths)
    names = _names(files)
    previous = _load_manifest(out) if resume else {}
    summary = BatchSummary()
    with (out / MANIFEST).open("a", encoding="utf-8") as manifest:

        def record(item: BatchItem) -> None:
            summary.items.append(item)
            manifest.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")
            manifest.flush()
            if on_item:
                on_item(item)

        todo: list[tuple[Path, str, str]] = []
        for path in files:
            output = out / f"{names[path]}.json"
            sha = _sha256(path)
            prev = previous.get(str(path))
            if prev and prev.get("status") in ("ok", "skipped") and prev.get("sha256") == sha and output.exists():
                record(BatchItem(path=str(path), output=str(output), status="skipped", sha256=sha))
                continue
            todo.append((path, str(output), sha))
        for (done_path, done_output, sha), res in _execute(todo, settings, backend, workers):
            ok = res["status"] == "ok"
            record(BatchItem(path=str(done_path), output=done_output if ok else None, sha256=sha,
                             **{k: v for k, v in res.items() if k in BatchItem.__dataclass_fields__}))
    return summary


def _execute(todo: list[tuple[Path, str, str]], settings: Settings, backend: str | None,
             workers: int) -> Iterator[tuple[tuple[Path, str, str], dict[str, Any]]]:
    if workers <= 1 or len(todo) <= 1:
        for job in todo:
            yield job, _work(str(job[0]), job[1], settings, backend)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: dict[Future[dict[str, Any]], tuple[Path, str, str]] = {}
        queue = iter(todo)
        for job in queue:
            pending[pool.submit(_work, str(job[0]), job[1], settings, backend)] = job
            if len(pending) >= workers * 2:
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                job = pending.pop(fut)
                try:
                    yield job, fut.result()
                except Exception as exc:  # the worker process died (memory, signal)
                    bug = InternalError(f"worker failed: {type(exc).__name__}: {exc}", path=job[0])
                    yield job, {"status": "failed", "error": bug.to_dict(), "seconds": 0.0}
                nxt = next(queue, None)
                if nxt is not None:
                    pending[pool.submit(_work, str(nxt[0]), nxt[1], settings, backend)] = nxt
