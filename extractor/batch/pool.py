"""Running documents in worker processes that may die.

A worker killed while it holds a document (the OOM killer's SIGKILL, a crash in a native
library) costs that document only: the pool (``pebble``, which knows which task each worker
held) starts a replacement, the document is tried once more at the end of the queue, and a
second death records it failed (:class:`~extractor.errors.WorkerDiedError`). The dead
worker's ``.part`` file is removed. The other documents go on.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, wait
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

from pebble import ProcessExpired, ProcessPool

from extractor.batch.manifest import forget_lock
from extractor.errors import ExtractorError, InternalError, WorkerDiedError
from extractor.output import atomic_write_text, part_path
from extractor.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["ATTEMPTS", "Job", "execute", "work"]

ATTEMPTS = 2
"""Tries per document when its worker dies (the first, and one in a fresh worker)."""


@dataclass(frozen=True)
class Job:
    path: Path
    output: Path
    sha256: str
    attempt: int = 1


def _failed(exc: ExtractorError, seconds: float = 0.0) -> dict[str, Any]:
    return {"status": "failed", "error": exc.to_dict(), "seconds": seconds}


def work(path: str, output: str, settings: Settings, backend: str | None) -> dict[str, Any]:
    """Extract one document and write its result (in a worker process: the settings are
    pickled, so a secret key reaches the worker without being written anywhere)."""
    from extractor.pipeline import extract

    t0 = time.perf_counter()
    try:
        result = extract(path, backend=backend, settings=settings)
        atomic_write_text(Path(output), result.to_json() + "\n")
    except ExtractorError as exc:
        if exc.path is None:  # a model or output error names the document it belongs to
            exc.path = path
        return _failed(exc, time.perf_counter() - t0)
    except Exception as exc:  # a bug in us must not lose the batch
        log.debug("internal error on %s", path, exc_info=True)
        return _failed(
            InternalError(f"internal error: {type(exc).__name__}: {exc}", path=path), time.perf_counter() - t0
        )
    return {
        "status": "ok",
        "seconds": time.perf_counter() - t0,
        "facts": len(result.facts),
        "projects": len([p for p in result.projects if p.is_project]),
        "indicators": len(result.indicators),
        "material_findings": sum(f.severity == "material" for f in result.findings),
        "dropped_ungrounded": result.provenance.counters.get("dropped_ungrounded", 0),
    }


def _death(exc: ProcessExpired) -> str:
    code = exc.exitcode
    if isinstance(code, int) and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


def execute(
    jobs: list[Job], settings: Settings, backend: str | None, workers: int, stop: Callable[[], bool] = lambda: False
) -> Iterator[tuple[Job, dict[str, Any]]]:
    """Each job with its outcome, as they finish. No job is started once ``stop()`` is true;
    the ones running are waited for."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            if stop():
                return
            yield job, work(str(job.path), str(job.output), settings, backend)
        return
    # fork: workers start with the pipeline already imported (spawn would import it per worker)
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    pool = ProcessPool(max_workers=min(workers, len(jobs)), initializer=forget_lock, context=ctx)
    queue = deque(jobs)
    pending: dict[Future[dict[str, Any]], Job] = {}
    finished = False
    try:
        while queue or pending:
            while queue and len(pending) < 2 * workers and not stop():
                job = queue.popleft()
                pending[pool.submit(work, None, str(job.path), str(job.output), settings, backend)] = job
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                job = pending.pop(fut)
                try:
                    res = fut.result()
                except ProcessExpired as exc:
                    if exc.pid:
                        part_path(job.output, exc.pid).unlink(missing_ok=True)
                    how = _death(exc)
                    if job.attempt < ATTEMPTS:
                        log.warning("%s: the worker reading it died (%s); trying it once more", job.path, how)
                        queue.append(replace(job, attempt=job.attempt + 1))
                        continue
                    res = _failed(
                        WorkerDiedError(
                            f"the worker process reading it died ({how}) on each of {ATTEMPTS} tries: out of memory? "
                            "(the other documents went on)",
                            path=job.path,
                            exitcode=exc.exitcode,
                        )
                    )
                except CancelledError:
                    continue
                except Exception as exc:  # the pool itself failed this task (e.g. a result it cannot unpickle)
                    res = _failed(InternalError(f"worker failed: {type(exc).__name__}: {exc}", path=job.path))
                yield job, {**res, "attempts": job.attempt}
        finished = True
    finally:
        if finished:
            cast(Any, pool).close()  # pebble leaves close/stop unannotated
        else:  # the caller gave up (an exception, Ctrl-C): no more work
            cast(Any, pool).stop()
        pool.join()
