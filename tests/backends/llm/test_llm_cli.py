"""``extractor extract --backend llm|hybrid`` against an endpoint configured by environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import KEY
from .stub_server import plausible_responder

ROOT = Path(__file__).resolve().parents[3]
EXE = Path(sys.executable).parent / "extractor"
SAMPLE = sorted((ROOT / "eval" / "samples").glob("*.txt"))[0]


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("EXTRACTOR_", "OPENAI_"))}
    return subprocess.run(
        [str(EXE), *args], capture_output=True, text=True, cwd=ROOT, env={**clean, **env}, timeout=300
    )


@pytest.mark.parametrize("backend", ["llm", "hybrid"])
def test_extract_with_a_configured_endpoint(server, tmp_path, backend):
    server.responder = plausible_responder
    proc = run_cli(
        "extract",
        str(SAMPLE),
        "--backend",
        backend,
        "-o",
        str(tmp_path),
        "-vv",
        OPENAI_BASE_URL=server.url,
        OPENAI_API_KEY=KEY,
        EXTRACTOR_MODEL="stub-model",
        EXTRACTOR_CACHE_PATH=str(tmp_path / "cache.sqlite"),
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / f"{SAMPLE.stem}.json").read_text(encoding="utf-8"))
    prov = data["provenance"]
    assert prov["backend"] == backend and prov["model"] == "stub-model" and prov["prompt_version"]
    assert prov["ledger"]["requests"] == len(server.requests) > 0
    assert KEY not in proc.stderr + proc.stdout
    assert KEY not in (tmp_path / f"{SAMPLE.stem}.json").read_text(encoding="utf-8")


def test_llm_without_an_endpoint_is_a_config_error():
    proc = run_cli("extract", str(SAMPLE), "--backend", "llm")
    assert proc.returncode == 20
    assert "no model endpoint configured" in proc.stderr


def test_unreachable_endpoint_fails_the_document_with_the_model_exit_code(tmp_path):
    proc = run_cli(
        "extract",
        str(SAMPLE),
        "--backend",
        "llm",
        "-o",
        str(tmp_path),
        EXTRACTOR_BASE_URL="http://127.0.0.1:9/v1",
        EXTRACTOR_MAX_RETRIES="1",
        EXTRACTOR_RETRY_BASE_WAIT_S="0",
        EXTRACTOR_TIMEOUT_S="2",
    )
    assert proc.returncode == 31, proc.stderr
    assert "RetryExhaustedError" in proc.stderr and "after 2 attempts" in proc.stderr


def test_eval_with_the_llm_backend_reports_the_ledger(server, tmp_path):
    server.responder = plausible_responder
    proc = run_cli(
        "eval",
        "--backend",
        "llm",
        "-o",
        str(tmp_path),
        "-q",
        OPENAI_BASE_URL=server.url,
        OPENAI_API_KEY=KEY,
        EXTRACTOR_MODEL="stub-model",
    )
    assert proc.returncode == 0, proc.stderr
    metrics = json.loads((tmp_path / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["aggregate"]["cost"]["requests"] == len(server.requests) > 0
    assert KEY not in (tmp_path / "metrics.json").read_text(encoding="utf-8") + proc.stderr
