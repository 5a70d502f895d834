"""``extractor extract``: one output per input, and every failure names its file."""

from __future__ import annotations

import builtins
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from tests.batch.conftest import write_doc
from tests.cli.conftest import run

runner = CliRunner()


def test_two_inputs_with_one_stem_get_two_outputs(tmp_path: Path) -> None:
    a, b = write_doc(tmp_path / "a" / "report.txt", 1), write_doc(tmp_path / "b" / "report.txt", 2)
    write_doc(tmp_path / "a" / "report.md", 3)  # same stem, same folder
    out = tmp_path / "out"
    res = runner.invoke(app, ["extract", str(a), str(b), str(tmp_path / "a" / "report.md"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert written == ["a/report.md.json", "a/report.txt.json", "b/report.json"]
    totals = {json.loads((out / w).read_text(encoding="utf-8"))["facts"][0]["value"] for w in written}
    assert len(totals) == 3  # three documents, three different results


def test_files_in_one_folder_keep_flat_names(tmp_path: Path) -> None:
    paths = [write_doc(tmp_path / f"r{i}.txt", i) for i in range(2)]
    res = runner.invoke(app, ["extract", *map(str, paths), "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["r0.json", "r1.json"]


def unreadable(monkeypatch: pytest.MonkeyPatch, bad: Path) -> None:
    """``bad`` cannot be opened, as a file mode 000 is for anyone but root (the tests may run as root)."""
    real_open, real_access = io.open, os.access

    def fake_open(file: Any, *args: Any, **kw: Any) -> Any:
        if isinstance(file, str | os.PathLike) and Path(file) == bad:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kw)

    monkeypatch.setattr(io, "open", fake_open)
    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **kw: Path(p) != bad and real_access(p, mode, *a, **kw))


@pytest.mark.parametrize("command", ["extract", "batch"])
def test_an_unreadable_file_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    good = [write_doc(tmp_path / f"good{i}.txt", i) for i in range(2)]
    bad = write_doc(tmp_path / "locked.txt", 9)
    unreadable(monkeypatch, bad)
    out = tmp_path / "out"
    res = runner.invoke(app, [command, str(good[0]), str(bad), str(good[1]), "-o", str(out)])
    assert res.exit_code not in (0, 2), res.output  # 2: the command line refused before reading anything
    assert sorted(p.name for p in out.glob("*.json")) == ["good0.json", "good1.json"]
    [line] = [ln for ln in res.output.splitlines() if "error" in ln]
    assert str(bad) in line


def test_a_model_error_names_its_file(tmp_path: Path) -> None:
    doc = write_doc(tmp_path / "report.txt")
    proc = run(
        "extract",
        doc,
        "--backend",
        "llm",
        "-o",
        tmp_path / "out",
        EXTRACTOR_BASE_URL="http://127.0.0.1:9/v1",
        EXTRACTOR_MAX_RETRIES="0",
        EXTRACTOR_RETRY_BASE_WAIT_S="0",
        EXTRACTOR_TIMEOUT_S="2",
    )
    assert proc.returncode in (30, 31), proc.stderr
    [line] = [ln for ln in proc.stderr.splitlines() if "error" in ln]
    assert f"{doc}: " in line
