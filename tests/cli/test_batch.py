"""``extractor batch``: the summary counts what was skipped, and ``--compact``."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from extractor.batch import MANIFEST
from extractor.cli import app
from tests.batch.conftest import write_doc

runner = CliRunner()


def test_unsupported_files_are_counted_in_the_summary(tmp_path: Path, docs: Path) -> None:
    for name in ("a.xlsx", "b.rtf", "c.doc"):
        (docs / name).write_bytes(b"\x00")
    res = runner.invoke(app, ["batch", str(docs), "-o", str(tmp_path / "out"), "-j", "1"])
    assert res.exit_code == 0, res.output
    assert "6 extracted, 0 already done, 0 failed, 3 skipped (unsupported type)" in res.output


def test_stems_that_collide_across_folders_mirror_the_tree(tmp_path: Path) -> None:
    write_doc(tmp_path / "a" / "report.txt", 1)
    write_doc(tmp_path / "b" / "report.txt", 2)
    out = tmp_path / "out"
    res = runner.invoke(app, ["batch", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == ["a/report.json", "b/report.json"]


def test_compact_alone_rewrites_the_manifest(tmp_path: Path, docs: Path) -> None:
    out = tmp_path / "out"
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 cut")
    for _ in range(2):
        runner.invoke(app, ["batch", str(docs), "-o", str(out), "-j", "1"])
    assert len((out / MANIFEST).read_text(encoding="utf-8").splitlines()) == 8
    res = runner.invoke(app, ["batch", "--compact", "-o", str(out)])
    assert res.exit_code == 0 and "8 rows → 7" in res.output, res.output
    rows = [json.loads(line) for line in (out / MANIFEST).read_text(encoding="utf-8").splitlines()]
    assert len({r["path"] for r in rows}) == len(rows) == 7


def test_no_paths_and_no_compact_is_a_usage_error(tmp_path: Path) -> None:
    res = runner.invoke(app, ["batch", "-o", str(tmp_path / "out")])
    assert res.exit_code == 20 and "give documents or folders" in res.output
