"""Batch extraction: thousands of documents, one result file each, nothing lost to one bad
file, one dead worker or a full disk.

:func:`run_batch` takes the output folder for itself (a second batch on it is refused with
:class:`~extractor.errors.OutputLockedError`), walks files and folders
(:mod:`~extractor.batch.files`: one output per input, mirroring the input tree), extracts each
document in worker processes (:mod:`~extractor.batch.pool`), writes ``OUT/<relative
path>.json`` atomically, and appends one row per document to ``OUT/manifest.jsonl``
(:mod:`~extractor.batch.manifest`):

* ``path`` (absolute), ``sha256`` of the content, ``status``: ``ok`` (with ``output``),
  ``failed`` (with ``error``: class, exit code, message), or ``skipped`` with a ``reason``
  (a file of a type that is not a document, found in a folder);
* ``attempts``, ``seconds`` and the result's counts.

Resume (the default) is keyed on content: a document whose sha256 already has an ``ok`` row
for the same output, and whose output file exists, is not redone and gets no new row (the
summary counts it ``done``), whatever path string named it. Write errors are the failure of
one document; after :data:`STOP_AFTER_WRITE_FAILURES` in a row (the disk stays full) the batch
starts nothing more, records what was running and stops with that error.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.batch.files import Input, discover, name_files, output_names
from extractor.batch.manifest import LOCK, MANIFEST, Manifest, compact, load, lock_folder
from extractor.errors import DiskFullError, ExtractorError, OutputError
from extractor.output import ensure_folder, part_owner
from extractor.settings import Settings

if TYPE_CHECKING:  # the worker pool (pebble, multiprocessing) is imported by a batch only, not by `extract`
    from extractor.batch.pool import Job

log = logging.getLogger(__name__)

__all__ = [
    "LOCK",
    "MANIFEST",
    "BatchItem",
    "BatchSummary",
    "Input",
    "compact_folder",
    "default_workers",
    "discover",
    "name_files",
    "output_names",
    "run_batch",
]

STOP_AFTER_WRITE_FAILURES = 3
UNSUPPORTED = "unsupported type"


@dataclass(frozen=True)
class BatchItem:
    """One document's outcome. ``status``: ``ok``, ``failed``, ``skipped`` (listed, not read:
    see ``reason``) or ``done`` (finished by an earlier run: counted, never a manifest row)."""

    path: str
    output: str | None
    status: str
    sha256: str
    reason: str | None = None
    attempts: int = 1
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
    stopped: ExtractorError | None = None
    """Why the batch stopped before the end (the disk stayed full), or ``None``."""
    not_attempted: int = 0

    @property
    def failed(self) -> list[BatchItem]:
        return [i for i in self.items if i.status == "failed"]

    def count(self, status: str) -> int:
        return sum(i.status == status for i in self.items)


def default_workers() -> int:
    """Worker processes when none are asked for: the CPUs this process may use, at most 4
    (beyond that a batch is usually bound by the disk or the model endpoint, and each
    worker holds a document's pages in memory)."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        n = os.cpu_count() or 1
    return max(1, min(n, 4))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return ""  # unreadable: the worker's read says why
    return h.hexdigest()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sweep_parts(out: Path) -> None:
    """Remove the ``.part`` files of processes that died writing them (an earlier run killed)."""
    for p in out.rglob("*.part"):
        owner = part_owner(p)
        if owner is not None and owner != os.getpid() and not _alive(owner):
            with contextlib.suppress(OSError):
                p.unlink()


class _Recorder:
    """Collects items into the summary and the manifest; notices when writing keeps failing."""

    def __init__(self, manifest: Manifest, summary: BatchSummary, on_item: Callable[[BatchItem], None] | None):
        self.manifest, self.summary, self.on_item = manifest, summary, on_item
        self.cause: OutputError | None = None  # set: start nothing more
        self.writable = True
        self.in_a_row = 0

    def record(self, item: BatchItem, *, row: bool = True) -> None:
        self.summary.items.append(item)
        if row and self.writable:
            try:
                self.manifest.append(asdict(item))
            except OutputError as exc:
                self.writable = False
                self.cause = exc
        if item.status in ("ok", "failed"):
            code = (item.error or {}).get("exit_code")
            self.in_a_row = self.in_a_row + 1 if code in (OutputError.exit_code, DiskFullError.exit_code) else 0
            if self.in_a_row >= STOP_AFTER_WRITE_FAILURES and self.cause is None:
                self.cause = (DiskFullError if code == DiskFullError.exit_code else OutputError)(
                    (item.error or {}).get("message", "cannot write"), path=item.output
                )
        if self.on_item:
            self.on_item(item)


def run_batch(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    settings: Settings,
    backend: str | None = None,
    workers: int | None = None,
    resume: bool = True,
    compact_manifest: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_item: Callable[[BatchItem], None] | None = None,
) -> BatchSummary:
    """Extract every document; see the module docstring. ``workers`` defaults to
    :func:`default_workers`; ``on_start`` receives the number of files found."""
    out = ensure_folder(Path(os.path.abspath(out_dir)))  # rows name absolute paths, whatever the cwd
    with lock_folder(out):
        _sweep_parts(out)
        inputs = discover(paths, exclude=out)
        if on_start:
            on_start(len(inputs))
        rows = load(out)
        done = {(r.get("sha256"), r.get("output")) for r in rows if r.get("status") in ("ok", "skipped")}
        listed = {r["path"] for r in rows if r.get("status") == "skipped" and r.get("reason") == UNSUPPORTED}
        summary = BatchSummary()
        manifest = Manifest(out)
        from extractor.batch.pool import execute

        try:
            rec = _Recorder(manifest, summary, on_item)
            jobs = _plan(inputs, out, rec, done if resume else set(), listed)
            for job, res in execute(
                jobs, settings, backend, workers or default_workers(), stop=lambda: rec.cause is not None
            ):
                ok = res["status"] == "ok"
                rec.record(
                    BatchItem(
                        path=str(job.path),
                        output=str(job.output) if ok else None,
                        sha256=job.sha256,
                        **{k: v for k, v in res.items() if k in BatchItem.__dataclass_fields__},
                    )
                )
        finally:
            manifest.close()
        summary.not_attempted = len(jobs) - summary.count("ok") - summary.count("failed")
        if rec.cause is not None:
            summary.stopped = _stopped(rec.cause, summary, out)
        elif compact_manifest:
            compact(out)
    return summary


def _plan(inputs: list[Input], out: Path, rec: _Recorder, done: set[tuple[Any, Any]], listed: set[str]) -> list[Job]:
    """The jobs to run; documents done before and files that are not documents are recorded
    at once (the latter get a manifest row the first time they are seen)."""
    from extractor.batch.pool import Job

    names = output_names([i for i in inputs if i.supported])
    jobs: list[Job] = []
    for i in inputs:
        if not i.supported:
            rec.record(
                BatchItem(path=str(i.path), output=None, status="skipped", sha256="", reason=UNSUPPORTED, attempts=0),
                row=str(i.path) not in listed,
            )
            continue
        output = out / f"{names[i.path]}.json"
        sha = _sha256(i.path)
        if (sha, str(output)) in done and output.exists():
            rec.record(
                BatchItem(path=str(i.path), output=str(output), status="done", sha256=sha, attempts=0), row=False
            )
            continue
        jobs.append(Job(i.path, output, sha))
    return jobs


def _stopped(cause: OutputError, summary: BatchSummary, out: Path) -> OutputError:
    what = "the disk holding it is full" if isinstance(cause, DiskFullError) else "results cannot be written there"
    return type(cause)(
        f"batch stopped: {what} ({cause.message}); {summary.not_attempted} document(s) not attempted. "
        f"Fix it and run the same command again: the {summary.count('ok') + summary.count('done')} finished "
        "are kept and not redone",
        path=out,
    )


def compact_folder(out_dir: str | Path) -> tuple[int, int]:
    """Rewrite ``OUT/manifest.jsonl`` to one row per document (under the folder's lock);
    returns the rows before and after."""
    out = Path(out_dir)
    with lock_folder(ensure_folder(out)):
        return compact(out)
