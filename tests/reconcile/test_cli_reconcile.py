"""``extractor reconcile RESULT.json...``: the table, the exit codes, ``--no-fail`` and ``--out``."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from extractor.cli import app
from extractor.errors import EXIT_FINDINGS, InputError
from extractor.result import Result
from tests.reconcile.build import Doc

runner = CliRunner()


def write(tmp_path: Path, name: str, basic: str) -> Path:
    doc = Doc()
    doc.fact("expenditure.basic", basic)
    doc.fact("expenditure.personnel", "302.92")
    doc.fact("expenditure.public", "8.28")
    p = tmp_path / name
    p.write_text(doc.result().to_json(), encoding="utf-8")  # no findings yet: reconcile adds them
    return p


def test_material_findings_exit_4_and_show_the_culprit(tmp_path: Path) -> None:
    good, bad = write(tmp_path, "good.json", "311.20"), write(tmp_path, "bad.json", "311.02")
    res = runner.invoke(app, ["reconcile", str(good), str(bad)])
    assert res.exit_code == EXIT_FINDINGS, res.output
    assert "2 result(s) checked: 1 material" in res.output
    assert "bad" in res.output and "311.02" in res.output and "transposed" in res.output
    assert "good" not in res.output.replace("good.json", "")


def test_no_fail_and_clean_results_exit_0(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.json", "311.02")
    assert runner.invoke(app, ["reconcile", "--no-fail", str(bad)]).exit_code == 0
    good = write(tmp_path, "good.json", "311.20")
    res = runner.invoke(app, ["reconcile", "-q", str(good)])
    assert res.exit_code == 0 and "0 material" in res.output


def test_out_writes_rechecked_results(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.json", "311.02")
    out = tmp_path / "out"
    runner.invoke(app, ["reconcile", "--no-fail", "-o", str(out), str(bad)])
    again = Result.from_json((out / "bad.json").read_bytes())
    assert [f.severity for f in again.findings] == ["material"]
    assert again.findings[0].message.startswith("基本支出311.02与302.92 + 8.28=311.20不符")
    assert any(c.status == "passed" for c in again.checks) is False
    assert [c.status for c in again.checks if c.rule.startswith("expenditure.basic=")] == ["failed"]


def test_unreadable_file_is_an_input_error_and_others_still_run(tmp_path: Path) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    good = write(tmp_path, "good.json", "311.20")
    res = runner.invoke(app, ["reconcile", str(junk), str(good)])
    assert res.exit_code == InputError.exit_code
    assert "1 result(s) checked" in res.output and "junk.json" in res.output
