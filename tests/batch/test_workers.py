"""A worker killed mid-batch (what the OOM killer does) costs only the document it held."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

import extractor.pipeline
from extractor.batch import MANIFEST, BatchSummary, run_batch
from extractor.batch.pool import ATTEMPTS
from extractor.errors import WorkerDiedError
from extractor.output import part_path
from extractor.settings import Settings
from tests.batch.conftest import write_doc

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the workers inherit the poisoned reader by fork")


def poison(monkeypatch: pytest.MonkeyPatch, victim: str, *, once: Path | None = None) -> None:
    """The worker that reads ``victim`` SIGKILLs itself after leaving a half-written
    ``.part`` (every time, or only the first time when ``once`` names a marker file)."""
    real = extractor.pipeline.extract

    def extract(source, **kw):  # type: ignore[no-untyped-def]
        if Path(source).name == victim and not (once and once.exists()):
            if once:
                once.touch()
            out = Path(os.environ["TEST_BATCH_OUT"]) / Path(source).with_suffix(".json").name
            part_path(out).write_text("{half", encoding="utf-8")
            os.kill(os.getpid(), signal.SIGKILL)
        return real(source, **kw)

    monkeypatch.setattr(extractor.pipeline, "extract", extract)


def rows(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (out / MANIFEST).read_text(encoding="utf-8").splitlines()]


def run_poisoned(
    tmp_path: Path,
    docs: Path,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    victim: str,
    once: Path | None = None,
) -> tuple[Path, BatchSummary]:
    write_doc(docs / victim, 99)
    out = tmp_path / "out"
    monkeypatch.setenv("TEST_BATCH_OUT", str(out))
    poison(monkeypatch, victim, once=once)
    return out, run_batch([docs], out, settings=settings, backend="rules", workers=2)


def test_a_killed_worker_fails_only_its_document_and_the_batch_goes_on(
    tmp_path: Path, docs: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, summary = run_poisoned(tmp_path, docs, settings, monkeypatch, "poison.txt")
    assert summary.count("ok") == 6 and summary.not_attempted == 0 and summary.stopped is None
    [dead] = summary.failed
    assert Path(dead.path).name == "poison.txt" and dead.attempts == ATTEMPTS and dead.error is not None
    assert dead.error["error"] == "WorkerDiedError" and dead.error["exit_code"] == WorkerDiedError.exit_code
    assert "SIGKILL" in dead.error["message"]
    assert [r["status"] for r in rows(out)].count("ok") == 6
    assert not list(out.rglob("*.part"))  # the dead worker's half-written file is gone


def test_a_document_whose_worker_died_once_is_retried_in_a_fresh_worker(
    tmp_path: Path, docs: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, summary = run_poisoned(tmp_path, docs, settings, monkeypatch, "flaky.txt", once=tmp_path / "killed-once")
    assert summary.count("ok") == 7 and not summary.failed
    [flaky] = [i for i in summary.items if Path(i.path).name == "flaky.txt"]
    assert flaky.attempts == 2 and (tmp_path / "killed-once").exists()
    assert json.loads(Path(str(flaky.output)).read_text(encoding="utf-8"))["document"] == "flaky.txt"
