"""``extractor eval`` end to end: reports, exit codes and the regression gate."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.document import normalise
from tests.evaluate.synth import TEXT, gold, gold_data, result_from_gold, write_result, write_tree

EXE = Path(sys.executable).parent / "extractor"
runner = CliRunner()


def cli(*args: str | Path) -> tuple[int, str]:
    res = runner.invoke(app, ["eval", *map(str, args)])
    return res.exit_code, res.output


def planted_wrong_value(results: Path) -> None:
    """expenditure.total 500.00 → 450.00 (grounded on another line): a regression."""
    text = normalise(TEXT)[0]
    perfect = result_from_gold(gold(), text)
    facts = [
        f.model_copy(update={"value": Decimal("450.00")})
        if f.concept == "expenditure.total" and f.scope == "all"
        else f
        for f in perfect.facts
    ]
    write_result(results, perfect.model_copy(update={"facts": facts}))


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path, Path]:
    return write_tree(tmp_path / "case")


def score_results(tree: tuple[Path, Path, Path], out: Path, *extra: str | Path) -> tuple[int, str]:
    g, d, r = tree
    return cli("--gold", g, "--docs", d, "--results", r, "--out", out, *extra)


def test_scoring_results_writes_metrics_and_report(tree, tmp_path: Path) -> None:
    code, output = score_results(tree, tmp_path / "out")
    assert code == 0, output
    metrics = json.loads((tmp_path / "out" / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["metrics_version"] == 1 and metrics["scorer_version"]
    assert metrics["headline"]["facts.f1"] == 1.0 and metrics["aggregate"]["grounding"]["violations"] == 0
    run = metrics["run"]
    assert {"git_sha", "backend", "model", "prompt_version", "gold_digest", "timestamp"} <= set(run)
    assert run["mode"] == "results" and run["backend"] == "gold"
    assert len(metrics["outcomes"]) > len(gold().facts)
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "## Summary" in report and "## Worst misses" in report and "## Cost and speed" in report
    assert "synthetic_report" in output  # the terminal table


def test_worst_misses_show_gold_extracted_and_quote(tree, tmp_path: Path) -> None:
    planted_wrong_value(tree[2])
    code, _ = score_results(tree, tmp_path / "out")
    assert code == 0
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    line = next(x for x in report.splitlines() if "fact\\|expenditure.total\\|actual" in x and "wrong" in x)
    assert "| 500 |" in line and "| 450 |" in line and "本年支出合计500.00万元" in line


def test_planted_regression_fails_the_baseline_gate_through_the_entry_point(tree, tmp_path: Path) -> None:
    g, d, r = tree
    assert score_results(tree, tmp_path / "base")[0] == 0
    planted_wrong_value(r)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EXTRACTOR_", "OPENAI_"))}
    proc = subprocess.run(
        [
            str(EXE),
            "eval",
            "--gold",
            str(g),
            "--docs",
            str(d),
            "--results",
            str(r),
            "--out",
            str(tmp_path / "now"),
            "--baseline",
            str(tmp_path / "base" / "metrics.json"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert "regression" in proc.stderr and "facts.f1" in proc.stderr
    assert "newly wrong: 1" in proc.stderr and "fact|expenditure.total|actual|current|all|" in proc.stderr
    report = (tmp_path / "now" / "report.md").read_text(encoding="utf-8")
    assert "## Against the baseline" in report and "**regression**" in report


def test_an_improvement_passes_and_lists_newly_right(tree, tmp_path: Path) -> None:
    planted_wrong_value(tree[2])
    assert score_results(tree, tmp_path / "base")[0] == 0
    write_tree(tree[0].parent)  # the perfect result again
    code, output = score_results(tree, tmp_path / "now", "--baseline", tmp_path / "base" / "metrics.json")
    assert code == 0, output
    assert "newly right: 1" in output and "no regression" in output


def test_baseline_on_other_gold_is_refused(tree, tmp_path: Path) -> None:
    other = write_tree(tmp_path / "other", {**gold_data(), "fiscal_year": 2024})
    assert score_results(other, tmp_path / "base")[0] == 0
    code, output = score_results(tree, tmp_path / "now", "--baseline", tmp_path / "base" / "metrics.json")
    assert code == 40 and "gold digest differs" in output


def test_baseline_from_another_scorer_is_refused(tree, tmp_path: Path) -> None:
    assert score_results(tree, tmp_path / "base")[0] == 0
    path = tmp_path / "base" / "metrics.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "scorer_version": "0"}), encoding="utf-8")
    code, output = score_results(tree, tmp_path / "now", "--baseline", path)
    assert code == 40 and "scorer version differs" in output


@pytest.mark.parametrize(
    ("spec", "code"),
    [
        ("facts.f1=0.5", 0),
        ("facts.f1=1.01", 3),
        ("projects.cells.accuracy=1", 0),
        ("facts_by_family.expenditure.recall=1.5", 3),
        ("facts.f1", 40),
        ("facts.nope=0.5", 40),
        ("facts=0.5", 40),
    ],
)
def test_fail_under(tree, tmp_path: Path, spec: str, code: int) -> None:
    got, output = score_results(tree, tmp_path / "out", "--fail-under", spec)
    assert got == code, output


def test_missing_result_file_is_an_evaluation_error(tree, tmp_path: Path) -> None:
    for p in tree[2].iterdir():
        p.unlink()
    code, output = score_results(tree, tmp_path / "out")
    assert code == 40 and "no result file" in output


def test_missing_gold_is_an_evaluation_error(tmp_path: Path) -> None:
    code, output = cli("--gold", tmp_path / "nope", "--docs", tmp_path, "--out", tmp_path / "out")
    assert code == 40 and "gold directory does not exist" in output


def test_extract_mode_runs_the_backend(tree, tmp_path: Path) -> None:
    g, d, _ = tree
    code, output = cli("--gold", g, "--docs", d, "--backend", "rules", "--out", tmp_path / "out")
    assert code == 0, output
    metrics = json.loads((tmp_path / "out" / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["run"]["mode"] == "extract" and metrics["run"]["backend"] == "rules"
    doc = metrics["documents"]["synthetic_report.txt"]
    assert doc["error"] is None and doc["grounding_checked"] and doc["cost"]["wall_s"] >= 0
    assert metrics["aggregate"]["grounding"]["violations"] == 0  # the pipeline's promise, checked


def test_missing_document_is_an_evaluation_error(tree, tmp_path: Path) -> None:
    code, output = cli("--gold", tree[0], "--docs", tmp_path, "--backend", "rules", "--out", tmp_path / "out")
    assert code == 40 and "not found" in output


def test_a_document_that_fails_to_extract_is_scored_empty_and_exits_40(tree, tmp_path: Path) -> None:
    g, d, _ = tree
    (d / "synthetic_report.txt").write_bytes(b"")
    code, output = cli("--gold", g, "--docs", d, "--backend", "rules", "--out", tmp_path / "out")
    assert code == 40 and "EmptyDocumentError" in output
    metrics = json.loads((tmp_path / "out" / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["aggregate"]["failed_documents"] == 1 and metrics["headline"]["facts.recall"] == 0.0


def test_unknown_backend_is_a_config_error(tree, tmp_path: Path) -> None:
    code, _ = cli("--gold", tree[0], "--docs", tree[1], "--backend", "nope", "--out", tmp_path / "out")
    assert code == 20


def test_metrics_json_layout_round_trips() -> None:
    from extractor.evaluate.report import dumps_metrics

    data = {"a": {"b": [1, 2]}, "outcomes": [{"id": "x|y", "q": '引号"\n'}, {"id": "z"}], "violations": []}
    assert json.loads(dumps_metrics(data)) == data
