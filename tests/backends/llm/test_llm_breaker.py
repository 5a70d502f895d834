"""A dead or hanging endpoint costs a batch seconds, not hours: the circuit breaker opens
after a few consecutive transport failures across documents and the rest fail fast; a
per-document deadline bounds what one document may spend."""

from __future__ import annotations

import json
import socket
from collections import Counter
from collections.abc import Iterator

import pytest

from extractor.backends.llm import LLMBackend
from extractor.backends.llm.breaker import Breaker
from extractor.batch import run_batch
from extractor.errors import EndpointUnavailableError, ModelError, RetryExhaustedError
from extractor.settings import Settings

from .conftest import KEY, TEXT, good_answer
from .stub_server import Reply

DOCS = 50


@pytest.fixture
def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens: connection refused
    return port


@pytest.fixture
def hanging_port() -> Iterator[int]:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(128)  # connections are accepted by the kernel and never answered
    yield s.getsockname()[1]
    s.close()


def _settings(port: int, **kw: object) -> Settings:
    values: dict[str, object] = {
        "EXTRACTOR_BASE_URL": f"http://127.0.0.1:{port}/v1",
        "EXTRACTOR_API_KEY": KEY,
        "model": "m",
        "timeout_s": 0.3,
        "max_retries": 1,
        "retry_base_wait_s": 0.001,
        "retry_max_wait_s": 0.01,
        "breaker_failures": 4,
        "breaker_cooldown_s": 600,
    }
    values.update(kw)
    return Settings.isolated(**values)


def _batch(tmp_path, settings: Settings) -> Counter[str]:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(DOCS):
        (src / f"d{i:02}.txt").write_text(TEXT, encoding="utf-8")
    summary = run_batch([src], tmp_path / "out", settings=settings, backend="llm", workers=1)
    assert summary.count("failed") == DOCS
    rows = [json.loads(x) for x in (tmp_path / "out" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    return Counter(r["error"]["error"] for r in rows if r.get("status") == "failed")


@pytest.mark.parametrize("endpoint", ["closed_port", "hanging_port"])
def test_a_batch_against_a_down_endpoint_fails_fast(endpoint, request, tmp_path):
    port = request.getfixturevalue(endpoint)
    kinds = _batch(tmp_path, _settings(port))
    # two documents spend their two attempts each (4 failures), every other one fails at once
    assert kinds["RetryExhaustedError"] == 2
    assert kinds["EndpointUnavailableError"] == DOCS - 2


def test_the_breaker_fails_fast_then_lets_one_request_try_again():
    b = Breaker("http://breaker.test/v1", threshold=2, cooldown_s=0.0)
    b.failure()
    b.check()
    b.failure()
    b.check()  # cooldown 0: half-open at once
    slow = Breaker("http://breaker.test/v1", threshold=2, cooldown_s=60)
    with pytest.raises(EndpointUnavailableError, match="endpoint unavailable"):
        slow.check()
    slow.success()
    slow.check()
    assert EndpointUnavailableError.exit_code == 33


def test_any_answer_resets_the_count_and_refusals_do_not_open_it(server, make_settings, doc):
    settings = make_settings(breaker_failures=2, max_retries=0)
    server.queue(Reply(status=503), Reply(status=400), Reply(status=503), good_answer())
    with pytest.raises(RetryExhaustedError):
        LLMBackend(settings).extract(doc)
    with pytest.raises(ModelError, match="HTTP 400"):  # the server answered: the count starts again
        LLMBackend(settings).extract(doc)
    with pytest.raises(RetryExhaustedError):
        LLMBackend(settings).extract(doc)
    assert LLMBackend(settings).extract(doc).facts  # one failure since the 400: still closed
    assert len(server.requests) == 4


def test_a_document_deadline_bounds_a_slow_endpoint(server, make_settings, doc):
    server.queue(Reply(delay=3.0, answer={"facts": []}))
    with pytest.raises(RetryExhaustedError, match=r"document deadline of 0\.5s exceeded") as info:
        LLMBackend(make_settings(document_deadline_s=0.5, timeout_s=5.0)).extract(doc)
    assert info.value.context["ledger"]["attempts"] == 1
