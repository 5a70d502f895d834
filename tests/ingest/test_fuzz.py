"""A bounded fuzz run (scripts/fuzz_inputs.py, fixed seed): mutated PDF, DOCX and TXT inputs
derived from the fixtures each end in a result or a typed error naming the file — never in
an exception of another kind (exit 70) or a traceback, in the library or through the CLI."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES_PER_KIND = 60


@pytest.fixture(scope="module")
def fuzz() -> ModuleType:
    sys.path.insert(0, str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location("fuzz_inputs", ROOT / "scripts" / "fuzz_inputs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def outcomes(fuzz: ModuleType, fixtures_dir: Path) -> list:
    return fuzz.run(CASES_PER_KIND * 3, 14, fuzz.KINDS, folder=fixtures_dir, timeout_s=30)


def test_no_mutated_input_is_a_bug_in_us(fuzz: ModuleType, outcomes: list) -> None:
    bad = [o for o in outcomes if o.status in ("bug", "timeout")]
    assert not bad, fuzz.summary(outcomes, show=len(bad))
    kinds = {o.case.kind for o in outcomes}
    assert kinds == {"pdf", "docx", "txt"}
    assert {o.status for o in outcomes} - {"ok"}, "the mutations break inputs"
    assert any(o.status == "ok" for o in outcomes), "and some still read"


def test_the_same_seed_gives_the_same_cases(fuzz: ModuleType, fixtures_dir: Path) -> None:
    pool = fuzz.seeds(fixtures_dir)
    first = [(c.name, c.how, c.data) for c in fuzz.cases(12, 3, fuzz.KINDS, pool)]
    assert first == [(c.name, c.how, c.data) for c in fuzz.cases(12, 3, fuzz.KINDS, pool)]


def test_through_the_cli_no_traceback_and_no_exit_70(fuzz: ModuleType, outcomes: list, tmp_path: Path) -> None:
    files = []
    for i, o in enumerate(outcomes[:45]):
        path = tmp_path / "in" / f"{i:03d}_{o.case.name}"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(o.case.data)
        files.append(str(path))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EXTRACTOR_", "OPENAI_"))}
    exe = Path(sys.executable).parent / "extractor"
    proc = subprocess.run(
        [str(exe), "extract", *files, "-o", str(tmp_path / "out"), "-q"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert "Traceback" not in proc.stderr and "InternalError" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode != 70
    failed = [line for line in proc.stderr.splitlines() if line.startswith("error")]
    assert len(failed) == sum(o.status != "ok" for o in outcomes[:45])
