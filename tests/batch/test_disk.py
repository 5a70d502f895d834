"""A write error is the typed failure of one document; a disk that stays full stops the batch
cleanly: every manifest line parses, every ``ok`` row's result is whole, no ``.part`` is left."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest

import extractor.batch.manifest
from extractor.batch import MANIFEST, STOP_AFTER_WRITE_FAILURES, run_batch
from extractor.errors import DiskFullError, OutputError
from extractor.pipeline import extract
from extractor.settings import Settings
from tests.batch.conftest import write_doc


class Disk:
    """A fake device with ``free`` bytes: a write that does not fit writes what fits and
    raises ENOSPC, as a real one does."""

    def __init__(self, free: int) -> None:
        self.free = free

    def take(self, n: int) -> int:
        k = min(n, self.free)
        self.free -= k
        return k


def full(path: object) -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


def install(monkeypatch: pytest.MonkeyPatch, disk: Disk) -> None:
    """Results (written through ``.part`` files) and manifest rows both draw on ``disk``."""
    real_write_text, real_open = Path.write_text, open

    def write_text(self: Path, data: str, *args: Any, **kw: Any) -> int:
        if self.name.endswith(".part"):
            size = len(data.encode("utf-8"))
            fits = disk.take(size)
            if fits < size:
                real_write_text(self, data[: fits // 3], *args, **kw)
                raise full(self)
        return real_write_text(self, data, *args, **kw)

    class File:
        def __init__(self, raw: Any) -> None:
            self.raw = raw

        def write(self, data: memoryview) -> int:
            fits = disk.take(len(data))
            if fits < len(data):
                self.raw.write(data[:fits])
                raise full(self.raw.name)
            return int(self.raw.write(data))

        def __getattr__(self, name: str) -> Any:
            return getattr(self.raw, name)

    monkeypatch.setattr(Path, "write_text", write_text)
    monkeypatch.setattr(extractor.batch.manifest, "open", lambda *a, **kw: File(real_open(*a, **kw)), raising=False)


def many(tmp_path: Path, n: int) -> Path:
    src = tmp_path / "in"
    for i in range(n):
        write_doc(src / f"doc{i:02d}.txt", i)
    return src


def manifest_rows(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / MANIFEST).read_text(encoding="utf-8").splitlines()]  # all parse


def test_a_disk_that_stays_full_stops_the_batch_with_a_consistent_manifest(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = many(tmp_path, 12), tmp_path / "out"
    one = len(extract(src / "doc00.txt", settings=settings, backend="rules").to_json().encode("utf-8"))
    install(monkeypatch, Disk(free=int(2.5 * one) + 2000))  # room for two results and a few rows
    summary = run_batch([src], out, settings=settings, backend="rules", workers=1)
    assert isinstance(summary.stopped, DiskFullError) and summary.stopped.exit_code == 51
    assert "batch stopped" in summary.stopped.message and "not attempted" in summary.stopped.message
    assert summary.count("ok") == 2 and summary.not_attempted >= 12 - 2 - STOP_AFTER_WRITE_FAILURES
    assert summary.count("ok") + summary.count("failed") + summary.not_attempted == 12
    rows = manifest_rows(out)
    assert [r["status"] for r in rows][:2] == ["ok", "ok"]
    for r in rows:
        if r["status"] == "ok":
            assert json.loads(Path(r["output"]).read_text(encoding="utf-8"))["schema"] == "cn-budget-report/1"
        else:
            assert r["error"]["error"] == "DiskFullError" and r["error"]["path"].endswith(".txt")
    assert not list(out.rglob("*.part"))
    monkeypatch.undo()  # space again: the same command finishes the job, redoing nothing done
    again = run_batch([src], out, settings=settings, backend="rules", workers=1)
    assert again.count("done") == 2 and again.count("ok") == 10 and again.stopped is None


@pytest.mark.parametrize(("code", "error"), [(errno.ENOSPC, DiskFullError), (errno.EACCES, OutputError)])
def test_one_failed_write_fails_that_document_only(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch, code: int, error: type[OutputError]
) -> None:
    src, out = many(tmp_path, 4), tmp_path / "out"
    real = Path.write_text

    def write_text(self: Path, data: str, *args: Any, **kw: Any) -> int:
        if self.name.startswith("doc01.json.") and self.name.endswith(".part"):
            raise OSError(code, os.strerror(code), str(self))
        return real(self, data, *args, **kw)

    monkeypatch.setattr(Path, "write_text", write_text)
    summary = run_batch([src], out, settings=settings, backend="rules", workers=1)
    assert summary.count("ok") == 3 and summary.stopped is None
    [bad] = summary.failed
    assert bad.error is not None and bad.error["error"] == error.__name__ and bad.error["exit_code"] == error.exit_code
    assert Path(bad.path).name == "doc01.txt" and "doc01.json" in bad.error["message"]
    assert not list(out.rglob("*.part"))


def test_a_manifest_row_cut_by_a_full_disk_is_taken_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    disk = Disk(free=150)
    install(monkeypatch, disk)
    manifest = extractor.batch.manifest.Manifest(tmp_path)
    manifest.append({"path": "a", "status": "ok", "pad": "x" * 40})
    with pytest.raises(DiskFullError):
        manifest.append({"path": "b", "status": "ok", "pad": "x" * 200})  # half of it fits
    disk.free = 10_000
    manifest.append({"path": "c", "status": "ok"})
    manifest.close()
    assert [r["path"] for r in manifest_rows(tmp_path)] == ["a", "c"]
