"""The ledger is whole: every attempt's tokens, failed documents included (batch manifest
too), the cached and reasoning shares the server reports, a cache key that covers what is
sent, and a replay that reports what the recording cost."""

from __future__ import annotations

import json

import pytest

from extractor.backends.llm import LLMBackend
from extractor.backends.llm.prompts import PromptSet
from extractor.batch import run_batch
from extractor.errors import RetryExhaustedError
from extractor.result import Ledger
from extractor.settings import Settings

from .conftest import TEXT, good_answer
from .stub_server import Reply, prompt_tokens, tokens

BAD_SHAPE = {"facts": "none"}


def _server_tokens(server) -> tuple[int, int]:
    return sum(prompt_tokens(b) for b in server.requests), len(server.requests)


def test_a_failed_document_keeps_every_attempts_tokens(server, make_settings, doc):
    server.queue(Reply(status=503), Reply(answer=BAD_SHAPE), Reply(answer=BAD_SHAPE))
    with pytest.raises(RetryExhaustedError) as info:
        LLMBackend(make_settings(max_reasks=1, max_retries=2)).extract(doc)
    ledger = Ledger(**info.value.context["ledger"])
    assert ledger.requests == 1 and ledger.attempts == len(server.requests) == 3 and ledger.reasks == 1
    answered = server.requests[1:]  # the 503 reports no usage
    assert ledger.prompt_tokens == sum(prompt_tokens(b) for b in answered)
    assert ledger.completion_tokens == 2 * tokens(json.dumps(BAD_SHAPE, ensure_ascii=False))
    assert info.value.to_dict()["ledger"] == info.value.context["ledger"]


def test_the_batch_manifest_records_a_failed_documents_ledger(server, make_settings, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    server.queue(Reply(answer=BAD_SHAPE), Reply(answer=BAD_SHAPE))
    summary = run_batch(
        [tmp_path / "in"], tmp_path / "out", settings=make_settings(max_reasks=1), backend="llm", workers=1
    )
    assert summary.count("failed") == 1
    rows = [json.loads(line) for line in (tmp_path / "out" / "manifest.jsonl").read_text().splitlines()]
    (row,) = [r for r in rows if r.get("status") == "failed"]
    ledger = row["error"]["ledger"]
    assert ledger["attempts"] == len(server.requests) == 2
    assert ledger["prompt_tokens"] == sum(prompt_tokens(b) for b in server.requests) > 0


def test_cached_and_reasoning_tokens_are_counted_where_reported(server, make_settings, doc):
    server.queue(
        Reply(
            answer=good_answer().answer,
            usage={
                "prompt_tokens_details": {"cached_tokens": 128},
                "completion_tokens_details": {"reasoning_tokens": 40},
            },
        )
    )
    ex = LLMBackend(make_settings()).extract(doc)
    assert (ex.ledger.cached_tokens, ex.ledger.reasoning_tokens) == (128, 40)
    server.queue(Reply(answer=good_answer().answer, usage={"prompt_cache_hit_tokens": 64}))  # DeepSeek's name
    assert LLMBackend(make_settings()).extract(doc).ledger.cached_tokens == 64


def test_the_cache_key_covers_the_system_prompt(server, make_settings, doc, tmp_path, monkeypatch):
    settings = make_settings(cache_path=tmp_path / "c.sqlite")
    server.queue(good_answer(), good_answer())
    LLMBackend(settings).extract(doc)
    LLMBackend(settings).extract(doc)
    assert len(server.requests) == 1
    monkeypatch.setattr(PromptSet, "system", lambda self: "A different system prompt.")
    LLMBackend(settings).extract(doc)
    assert len(server.requests) == 2


def test_replay_reports_what_the_recording_cost(server, make_settings, doc, tmp_path):
    path = tmp_path / "recorded.sqlite"
    server.queue(good_answer())
    recorded = LLMBackend(make_settings(cache_path=path)).extract(doc)
    replayed = LLMBackend(Settings.isolated(cache_path=path, replay_only=True, model="stub-model")).extract(doc)
    assert replayed.ledger.requests == 0 and replayed.ledger.prompt_tokens == 0 and replayed.ledger.cache_hits == 1
    assert replayed.ledger.recorded_prompt_tokens == recorded.ledger.prompt_tokens > 0
    assert replayed.ledger.recorded_completion_tokens == recorded.ledger.completion_tokens > 0


def test_ledgers_add_up():
    a = Ledger(requests=1, prompt_tokens=10, cached_tokens=4, wall_s=0.1)
    b = Ledger(requests=2, prompt_tokens=5, reasoning_tokens=3, wall_s=0.2)
    assert a + b == Ledger(requests=3, prompt_tokens=15, cached_tokens=4, reasoning_tokens=3, wall_s=0.3)
    assert sum([a, b], Ledger()) == a + b
