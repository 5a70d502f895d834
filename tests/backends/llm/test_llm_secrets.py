"""The API key goes to the endpoint and nowhere else: not to logs, results, errors, the cache."""

from __future__ import annotations

import logging

import pytest

from extractor.backends.llm import LLMBackend
from extractor.errors import RetryExhaustedError
from extractor.pipeline import run

from .conftest import KEY, good_answer
from .stub_server import Reply


@pytest.fixture
def debug_logs(caplog):
    with caplog.at_level(logging.DEBUG):  # root: openai, httpx, instructor and ours
        yield caplog


def test_key_is_sent_to_the_endpoint(server, make_settings, doc):
    server.queue(good_answer())
    LLMBackend(make_settings()).extract(doc)
    assert server.request_headers[0]["authorization"] == f"Bearer {KEY}"


def test_key_never_logged_stored_or_reported(server, make_settings, doc, debug_logs, tmp_path):
    settings = make_settings(cache_path=tmp_path / "c.sqlite")
    assert KEY not in repr(settings) and KEY not in str(settings) and KEY not in settings.model_dump_json()

    server.queue(Reply(status=429, headers={"Retry-After": "0"}), Reply(answer="{broken"), good_answer())
    result = run(doc, LLMBackend(settings), settings)
    assert result.facts
    server.queue(*[Reply(status=500)] * 3)
    with pytest.raises(RetryExhaustedError) as info:
        LLMBackend(make_settings()).extract(doc)

    assert len(debug_logs.records) > 0
    assert KEY not in debug_logs.text
    assert all(KEY not in str(r.args) for r in debug_logs.records)
    assert KEY not in result.to_json()
    assert KEY not in str(info.value) and KEY not in str(info.value.to_dict())
    assert KEY.encode() not in (tmp_path / "c.sqlite").read_bytes()
    for extra in tmp_path.glob("c.sqlite-*"):  # WAL files
        assert KEY.encode() not in extra.read_bytes()
