"""The model backend against a real HTTP server: good answers and every failure an API produces.

Each test scripts the server's replies, runs the real openai client through instructor, and
asserts both what the server received and what the extraction holds.
"""

from __future__ import annotations

import json
import logging
from decimal import Decimal

import pytest

from extractor.backends.llm import LLMBackend
from extractor.chunk import Chunk
from extractor.document import build_document
from extractor.errors import ModelError, ModelOutputError, RetryExhaustedError

from .conftest import KEY, fact, good_answer
from .stub_server import Reply

BAD_SHAPE = {"facts": "none found"}
"""An answer whose structure is wrong (not an item failing): the whole answer is re-asked."""


def test_good_answer_is_grounded_and_metered(server, make_settings, doc):
    server.queue(good_answer())
    ex = LLMBackend(make_settings()).extract(doc)

    assert [(f.concept, f.value, f.decimals) for f in ex.facts] == [("expenditure.total", Decimal("405.35"), 2)]
    ev = ex.facts[0].evidence
    assert doc.text[ev.start : ev.end] == ev.quote == "支出合计405.35万元"
    assert len(server.requests) == 1
    sent = server.requests[0]
    assert sent["temperature"] == 0
    assert sent["model"] == "stub-model"
    assert sent["tools"][0]["function"]["name"] == "ChunkExtraction"
    assert "405.35" in sent["messages"][-1]["content"]
    assert ex.ledger.requests == 1 and ex.ledger.attempts == 1 and ex.ledger.reasks == 0
    assert ex.ledger.prompt_tokens > 0 and ex.ledger.completion_tokens > 0
    assert ex.prompt_version and ex.prompt_version.startswith("1+")
    assert ex.model == "stub-model"
    assert ex.counters["dropped_ungrounded"] == 0


def test_requests_share_one_prefix_and_ask_only_the_routed_groups(server, make_settings, doc):
    two = build_document("two.txt", doc.text + "二、采购情况\n" + "政府采购支出10.00万元，程序规范。" * 12 + "\n")
    server.responder = lambda body: good_answer()
    LLMBackend(make_settings(chunk_chars=200, chunk_overlap=0)).extract(two)
    first, *rest = server.requests
    assert rest and all(r["tools"] == first["tools"] and r["messages"][0] == first["messages"][0] for r in rest)
    schema = first["tools"][0]["function"]["parameters"]
    assert "enum" not in json.dumps(schema["$defs"]["FactItem"]["properties"]["concept"]), "catalogue once"
    assert {"projects", "indicators", "metadata"} <= set(schema["properties"])
    for r in server.requests:  # routing narrows what the variable part asks
        asked, excerpt = r["messages"][-1]["content"].split("\n", 1)
        assert ("staff" in asked) == ("人员" in excerpt) and "projects" not in asked
    assert len({r["messages"][-1]["content"].split("\n", 1)[0] for r in server.requests}) > 1


def test_429_with_retry_after_then_success(server, make_settings, doc, caplog):
    server.queue(Reply(status=429, headers={"Retry-After": "0.02"}), good_answer())
    with caplog.at_level(logging.INFO, logger="extractor"):
        ex = LLMBackend(make_settings()).extract(doc)
    assert len(server.requests) == 2
    assert ex.ledger.requests == 1 and ex.ledger.attempts == 2 and ex.ledger.reasks == 0
    assert len(ex.facts) == 1
    assert "HTTP 429; retry 1 in 0.02s (Retry-After)" in caplog.text


def test_500_then_success(server, make_settings, doc):
    server.queue(Reply(status=500), Reply(status=503), good_answer())
    ex = LLMBackend(make_settings()).extract(doc)
    assert len(server.requests) == 3
    assert ex.ledger.attempts == 3 and ex.ledger.requests == 1
    assert [f.value for f in ex.facts] == [Decimal("405.35")]


def test_timeout_then_success(server, make_settings, doc):
    server.queue(Reply(delay=1.5, answer={"facts": []}), good_answer())
    ex = LLMBackend(make_settings(timeout_s=0.3)).extract(doc)
    assert len(server.requests) == 2
    assert ex.ledger.attempts == 2
    assert len(ex.facts) == 1


@pytest.mark.parametrize("mode", ["tools", "json", "md_json"])
def test_malformed_json_is_reasked_and_repaired(server, make_settings, doc, mode):
    server.queue(Reply(answer='{"facts": [{"concept": "expenditure.total", '), good_answer())
    ex = LLMBackend(make_settings(instructor_mode=mode)).extract(doc)
    assert len(server.requests) == 2
    assert ex.ledger.requests == 1 and ex.ledger.attempts == 2 and ex.ledger.reasks == 1
    assert len(server.requests[1]["messages"]) > len(server.requests[0]["messages"])
    assert [f.value for f in ex.facts] == [Decimal("405.35")]


@pytest.mark.parametrize("mode", ["tools", "json", "md_json"])
def test_wrong_shape_is_reasked_with_the_validation_error(server, make_settings, doc, mode):
    server.queue(Reply(answer=BAD_SHAPE), good_answer())
    ex = LLMBackend(make_settings(instructor_mode=mode)).extract(doc)
    assert len(server.requests) == 2
    reask = json.dumps(server.requests[1]["messages"][len(server.requests[0]["messages"]) :], ensure_ascii=False)
    assert "facts" in reask and "list_type" in reask
    assert "none found" not in json.dumps(server.requests[0]["messages"], ensure_ascii=False)
    assert ex.ledger.reasks == 1
    assert [f.value for f in ex.facts] == [Decimal("405.35")]


def test_invented_number_is_dropped_and_counted(server, make_settings, doc):
    server.queue(
        Reply(
            answer={
                "facts": [
                    fact("expenditure.total", "405.35", "支出合计405.35万元"),
                    fact("expenditure.basic", "999.99", "基本支出318.20万元"),  # number not in its quote
                ]
            }
        )
    )
    ex = LLMBackend(make_settings()).extract(doc)
    assert [f.concept for f in ex.facts] == ["expenditure.total"]
    assert ex.counters["dropped_ungrounded"] == 1


def test_quote_not_in_text_is_dropped_and_counted(server, make_settings, doc):
    server.queue(
        Reply(
            answer={
                "facts": [
                    fact("expenditure.total", "405.35", "支出合计405.35万元"),
                    fact("expenditure.project", "500.00", "项目支出500.00万元"),  # nowhere in the document
                ]
            }
        )
    )
    ex = LLMBackend(make_settings()).extract(doc)
    assert [f.concept for f in ex.facts] == ["expenditure.total"]
    assert ex.counters["dropped_ungrounded"] == 1


def test_concept_outside_the_catalogue_is_dropped_not_reasked(server, make_settings, doc):
    # one schema for every chunk (a cacheable prefix): concept ids are checked against the
    # catalogue per item, not by a per-chunk enum
    answer = good_answer().answer
    server.queue(Reply(answer={"facts": [*answer["facts"], fact("income.totals", "405.35", "支出合计405.35万元")]}))
    ex = LLMBackend(make_settings()).extract(doc)
    assert len(server.requests) == 1 and ex.ledger.reasks == 0
    assert [f.concept for f in ex.facts] == ["expenditure.total"]
    assert ex.counters["dropped_invalid"] == ex.counters["dropped_invalid.unknown_concept"] == 1


def test_transport_retries_exhausted_raise_with_attempts(server, make_settings, doc):
    server.queue(*[Reply(status=500)] * 3)
    with pytest.raises(RetryExhaustedError) as info:
        LLMBackend(make_settings(max_retries=2)).extract(doc)
    assert info.value.attempts == 3
    assert len(server.requests) == 3
    assert info.value.exit_code == 31


def test_reasks_exhausted_raise_with_attempts_and_tokens(server, make_settings, doc):
    server.queue(Reply(answer=BAD_SHAPE), Reply(answer=BAD_SHAPE))
    with pytest.raises(RetryExhaustedError) as info:
        LLMBackend(make_settings(max_reasks=1)).extract(doc)
    assert info.value.attempts == 2
    assert len(server.requests) == 2
    assert info.value.usage["prompt_tokens"] > 0 and info.value.usage["completion_tokens"] > 0


def test_refused_request_is_not_retried(server, make_settings, doc):
    server.queue(Reply(status=400))
    with pytest.raises(ModelError, match="HTTP 400") as info:
        LLMBackend(make_settings()).extract(doc)
    assert not isinstance(info.value, RetryExhaustedError)
    assert len(server.requests) == 1


def test_cache_hit_makes_zero_requests(server, make_settings, doc, tmp_path):
    settings = make_settings(cache_path=tmp_path / "cache.sqlite")
    server.queue(good_answer())
    first = LLMBackend(settings).extract(doc)
    assert len(server.requests) == 1 and first.ledger.cache_hits == 0
    server.reset()
    second = LLMBackend(settings).extract(doc)
    assert server.requests == []
    assert second.ledger.requests == 0 and second.ledger.attempts == 0 and second.ledger.cache_hits == 1
    assert second.facts == first.facts


def test_recorded_cache_replays_offline(server, make_settings, doc, tmp_path):
    from extractor.settings import Settings

    path = tmp_path / "recorded.sqlite"
    server.queue(good_answer())
    recorded = LLMBackend(make_settings(cache_path=path)).extract(doc)
    offline = Settings.isolated(cache_path=path, replay_only=True, model="stub-model")
    assert not offline.llm_configured
    replayed = LLMBackend(offline).extract(doc)
    assert replayed.facts == recorded.facts and replayed.ledger.cache_hits == 1
    assert len(server.requests) == 1
    other = build_document("o.txt", "一、支出\n支出合计1.00万元。\n")
    with pytest.raises(ModelError, match="replay: no recorded answer"):
        LLMBackend(offline).extract(other)


def test_cache_misses_when_the_model_changes(server, make_settings, doc, tmp_path):
    path = tmp_path / "cache.sqlite"
    server.queue(good_answer(), good_answer())
    LLMBackend(make_settings(cache_path=path)).extract(doc)
    LLMBackend(make_settings(cache_path=path, model="other-model")).extract(doc)
    assert len(server.requests) == 2


def test_truncated_short_chunk_raises_without_reasking(server, make_settings, doc):
    server.queue(Reply(answer={"facts": []}, finish_reason="length"))
    with pytest.raises(ModelOutputError, match="truncated"):
        LLMBackend(make_settings()).extract(doc)
    assert len(server.requests) == 1


def test_truncated_long_chunk_is_split_and_retried_smaller(server, make_settings):
    lines = [f"第{i}项支出合计{100 + i}.50万元，用于日常运转。" for i in range(1, 21)]
    d = build_document("long.txt", "\n".join(lines) + "\n")
    server.queue(Reply(answer={"facts": []}, finish_reason="length"))

    def answer_by_excerpt(body):
        excerpt = body["messages"][-1]["content"].split("<excerpt>\n", 1)[1]
        return Reply(
            answer={
                "facts": [
                    fact("expenditure.total", f"{100 + i}.50", f"支出合计{100 + i}.50万元")
                    for i in range(1, 21)
                    if f"支出合计{100 + i}.50万元" in excerpt
                ]
            }
        )

    server.responder = answer_by_excerpt
    ex = LLMBackend(make_settings()).extract(d)
    assert len(server.requests) == 3
    assert ex.counters["chunks_split"] == 1
    assert sorted(f.value for f in ex.facts) == [Decimal(f"{100 + i}.50") for i in range(1, 21)]
    assert ex.warnings


def test_concurrency_limit_holds(server, make_settings):
    text = "\n".join(f"{i}、第{i}部分支出\n本部分支出合计{i}.00万元。" + "说明文字。" * 40 for i in range(1, 9))
    d = build_document("many.txt", text)
    server.latency = 0.05
    server.responder = lambda body: Reply(answer={"facts": []})
    backend = LLMBackend(make_settings(concurrency=2, chunk_chars=300, chunk_overlap=0))
    assert len(backend.plan(d)) >= 6
    ex = backend.extract(d)
    assert 1 <= server.max_inflight <= 2
    assert ex.ledger.requests == len(backend.plan(d))


def test_whole_document_plan_is_one_request(server, make_settings, doc):
    server.queue(good_answer())
    backend = LLMBackend(make_settings())
    plan = backend.whole_document_plan(doc)
    assert plan == [Chunk(index=0, start=0, end=len(doc.text), text=doc.text, groups=plan[0].groups)]
    import asyncio

    ex = asyncio.run(backend.aextract(doc, plan))
    assert len(server.requests) == 1 and len(ex.facts) == 1
    assert "projects" in server.requests[0]["tools"][0]["function"]["parameters"]["properties"]
    assert KEY not in json.dumps(server.requests[0], ensure_ascii=False)
