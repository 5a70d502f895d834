"""The CLI end to end through its installed entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXE = Path(sys.executable).parent / "extractor"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EXTRACTOR_", "OPENAI_"))}
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


def test_entry_point_exists() -> None:
    assert EXE.exists(), "the package installs the `extractor` console script"


def test_extract_samples_writes_schema_valid_json(tmp_path: Path, sample_paths: list[Path]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    proc = run("extract", *map(str, sample_paths), "-o", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    schema = json.loads((ROOT / "extractor" / "schema" / "cn-budget-report-1.schema.json").read_text())
    written = sorted(tmp_path.glob("*.json"))
    assert [p.stem for p in written] == [p.stem for p in sample_paths]
    for p in written:
        data = json.loads(p.read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
        assert data["provenance"]["backend"] == "rules"
    assert "5 written" in proc.stdout


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path, fixtures_dir: Path, sample_paths: list[Path]) -> None:
    out = tmp_path / "out"
    proc = run(
        "extract", str(sample_paths[0]), str(fixtures_dir / "encrypted.pdf"), str(sample_paths[1]), "-o", str(out)
    )
    assert proc.returncode == 14  # EncryptedDocumentError
    assert len(list(out.glob("*.json"))) == 2
    assert "encrypted.pdf" in proc.stderr and "password-protected" in proc.stderr


def test_mixed_failures_exit_with_the_mixed_code(tmp_path: Path, fixtures_dir: Path) -> None:
    proc = run(
        "extract",
        str(fixtures_dir / "empty.txt"),
        str(fixtures_dir / "scan.pdf"),
        "-o",
        str(tmp_path),
        "--ocr",
        "never",
    )
    assert proc.returncode == 9
    assert "EmptyDocumentError" in proc.stderr and "NeedsOCRError" in proc.stderr


def test_single_document_goes_to_stdout(sample_paths: list[Path]) -> None:
    proc = run("extract", str(sample_paths[0]), "--backend", "rules", "-q")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["document"] == sample_paths[0].name


def test_unknown_backend_is_a_config_error(sample_paths: list[Path]) -> None:
    proc = run("extract", str(sample_paths[0]), "--backend", "nope")
    assert proc.returncode == 20
    assert "nope" in proc.stdout + proc.stderr


@pytest.mark.parametrize("command", [[], ["extract"]])
def test_help_is_available(command: list[str]) -> None:
    proc = run(*command, "--help")
    assert proc.returncode == 0
    assert "Usage" in proc.stdout
