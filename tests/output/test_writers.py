"""The output stage: one result per file (json), per line (jsonl), or one row per figure (csv)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.errors import ConfigError
from extractor.output import open_writer
from extractor.pipeline import extract
from extractor.result import Result
from extractor.settings import Settings


@pytest.fixture(scope="module")
def results(sample_paths: list[Path]) -> list[Result]:
    return [extract(p, settings=Settings.isolated(), backend="rules") for p in sample_paths[:3]]


def test_json_and_jsonl_round_trip(tmp_path: Path, results: list[Result]) -> None:
    with open_writer("json", tmp_path) as w:
        for r in results:
            w.write(r)
    with open_writer("jsonl", tmp_path) as w:
        for r in results:
            w.write(r)
    for r in results:
        assert Result.from_json((tmp_path / f"{Path(r.document).stem}.json").read_bytes()) == r
    lines = (tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert [Result.model_validate(json.loads(line)) for line in lines] == results
    assert not list(tmp_path.glob("*.part"))


def test_csv_has_a_row_per_fact_and_per_finding_with_evidence(tmp_path: Path, results: list[Result]) -> None:
    with open_writer("csv", tmp_path) as w:
        for r in results:
            w.write(r)
    facts = list(csv.DictReader((tmp_path / "facts.csv").open(encoding="utf-8")))
    findings = list(csv.DictReader((tmp_path / "findings.csv").open(encoding="utf-8")))
    assert sum(1 for row in facts if row["concept"]) == sum(len(r.facts) for r in results)
    assert len(findings) == sum(len(r.findings) for r in results)
    for row in facts:
        assert row["document"] and row["quote"] and row["value"]


def test_csv_to_stdout_and_an_unknown_format_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--out"):
        open_writer("csv", None)
    with pytest.raises(ConfigError, match="known: json, jsonl, csv"):
        open_writer("xml", tmp_path)


def test_extract_command_writes_the_chosen_format(tmp_path: Path, sample_paths: list[Path]) -> None:
    exe = Path(sys.executable).with_name("extractor")
    out = subprocess.run(
        [str(exe), "extract", *map(str, sample_paths[:2]), "-o", str(tmp_path), "--format", "csv", "-q"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "facts.csv").exists() and (tmp_path / "findings.csv").exists()
    assert not list(tmp_path.glob("*.json"))
