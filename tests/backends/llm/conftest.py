"""Fixtures for the model backend: a real OpenAI-compatible server over real HTTP.

``stub`` starts :class:`StubServer` (starlette + uvicorn in a background thread on
127.0.0.1, a free port) once per session; ``server`` hands it to a test with an empty
script and an empty request log. ``make_settings`` builds isolated settings pointing at it,
with backoff waits in milliseconds so fault tests stay fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from extractor.backends.llm.breaker import reset_breakers
from extractor.document import Document, build_document
from extractor.settings import Settings

from .stub_server import Reply, StubServer

KEY = "sk-test-4f1c9e-DO-NOT-LEAK"
"""The API key used in tests; test_llm_secrets asserts it appears nowhere but the wire."""

TEXT = (
    "一、部门整体支出情况\n"
    "本单位2023年度支出合计405.35万元，其中:基本支出318.20万元，占78.50%;项目支出87.15万元。\n"
    "年末在职人员19人。\n"
)


@pytest.fixture(scope="session")
def stub() -> Iterator[StubServer]:
    server = StubServer().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _fresh_breakers() -> Iterator[None]:
    """The circuit breaker is per process: no test inherits another's endpoint failures."""
    reset_breakers()
    yield
    reset_breakers()


@pytest.fixture
def server(stub: StubServer) -> Iterator[StubServer]:
    stub.reset()
    yield stub
    stub.reset()


@pytest.fixture
def make_settings(server: StubServer, tmp_path: Any) -> Callable[..., Settings]:
    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "EXTRACTOR_BASE_URL": server.url,
            "EXTRACTOR_API_KEY": KEY,
            "model": "stub-model",
            "timeout_s": 5.0,
            "max_retries": 2,
            "max_reasks": 1,
            "retry_base_wait_s": 0.001,
            "retry_max_wait_s": 0.05,
            "concurrency": 4,
        }
        values.update(overrides)
        return Settings.isolated(**values)

    return make


@pytest.fixture
def doc() -> Document:
    return build_document("t.txt", TEXT)


def fact(concept: str, value: str, quote: str, **kw: Any) -> dict[str, Any]:
    return {"concept": concept, "value": value, "quote": quote, **kw}


def good_answer() -> Reply:
    return Reply(answer={"facts": [fact("expenditure.total", "405.35", "支出合计405.35万元", unit="万元")]})
