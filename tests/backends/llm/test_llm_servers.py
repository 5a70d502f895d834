"""Servers as they are: structured-output mode, replies wrapped in fences or reasoning, server
options passed through, sampling settings, and chunks sized to the model's context."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from extractor.backends.llm import LLMBackend, estimate_tokens
from extractor.backends.llm.client import json_of
from extractor.document import build_document
from extractor.errors import ConfigError
from extractor.settings import Settings

from .conftest import good_answer
from .stub_server import Reply, prompt_tokens

GOOD = json.dumps(good_answer().answer, ensure_ascii=False)


def test_json_schema_mode_sends_the_schema_as_structured_output(server, make_settings, doc):
    server.queue(good_answer())
    ex = LLMBackend(make_settings(instructor_mode="json_schema")).extract(doc)
    rf = server.requests[0]["response_format"]
    assert rf["type"] == "json_schema"
    assert "facts" in rf["json_schema"]["schema"]["properties"]
    assert "tools" not in server.requests[0]
    assert [f.value for f in ex.facts] == [Decimal("405.35")]


REPLIES = [
    ("fenced", f"```json\n{GOOD}\n```"),
    ("think then JSON", f"<think>支出合计是405.35，先确认单位……</think>\n{GOOD}"),
    ("think then fenced", f"<think>\n推理过程\n</think>\n\n```json\n{GOOD}\n```\n"),
    ("prose around", f"Here is the extraction:\n{GOOD}\nHope this helps."),
]


@pytest.mark.parametrize("mode", ["json", "json_schema", "md_json"])
@pytest.mark.parametrize(("case", "raw"), REPLIES, ids=[r[0] for r in REPLIES])
def test_content_modes_accept_replies_as_servers_send_them(server, make_settings, doc, mode, case, raw):
    server.queue(Reply(answer=raw))
    ex = LLMBackend(make_settings(instructor_mode=mode)).extract(doc)
    assert len(server.requests) == 1 and ex.ledger.reasks == 0, case
    assert [f.value for f in ex.facts] == [Decimal("405.35")]


def test_json_of_leaves_plain_json_alone():
    assert json_of(GOOD) == GOOD
    assert json_of('  {"facts": []}\n') == '{"facts": []}'


def test_extra_body_temperature_and_max_tokens_reach_the_request(server, make_settings, doc):
    extra = {"chat_template_kwargs": {"enable_thinking": False}, "options": {"num_ctx": 16384}}
    server.queue(good_answer())
    LLMBackend(make_settings(extra_body=extra, temperature=0.3, max_tokens=2048)).extract(doc)
    sent = server.requests[0]
    assert sent["chat_template_kwargs"] == {"enable_thinking": False}
    assert sent["options"] == {"num_ctx": 16384}
    assert sent["temperature"] == 0.3 and sent["max_tokens"] == 2048


def test_server_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("EXTRACTOR_EXTRA_BODY", '{"options": {"num_ctx": 8192}}')
    monkeypatch.setenv("EXTRACTOR_TEMPERATURE", "0.2")
    monkeypatch.setenv("EXTRACTOR_MAX_TOKENS", "1024")
    monkeypatch.setenv("EXTRACTOR_CONTEXT_TOKENS", "8192")
    monkeypatch.setenv("EXTRACTOR_INSTRUCTOR_MODE", "json_schema")
    s = Settings()
    assert s.extra_body == {"options": {"num_ctx": 8192}}
    assert (s.temperature, s.max_tokens, s.context_tokens, s.instructor_mode) == (0.2, 1024, 8192, "json_schema")


def test_chunks_are_sized_to_fit_the_context(server, make_settings):
    text = "\n".join(
        f"{i}、第{i}部分支出情况\n本部分支出合计{i}.00万元。" + "资金使用规范，按规定履行审批程序。" * 30
        for i in range(1, 13)
    )
    d = build_document("long.txt", text)
    server.responder = lambda body: Reply(answer={"facts": []})
    wide = LLMBackend(make_settings(chunk_chars=6000))
    narrow = LLMBackend(make_settings(chunk_chars=6000, context_tokens=9000, max_tokens=1024))
    assert narrow.chunk_chars() < wide.chunk_chars() == 6000
    assert len(narrow.plan(d)) > len(wide.plan(d))
    narrow.extract(d)
    for body in server.requests:  # the stub's count is lower than our estimate, as a tokenizer's should be
        assert prompt_tokens(body) + 1024 <= 9000
    assert estimate_tokens("支出合计abc") == 5


def test_a_context_too_small_for_the_prompt_is_a_config_error(make_settings):
    with pytest.raises(ConfigError, match="leaves no room for a chunk"):
        LLMBackend(make_settings(context_tokens=2048, max_tokens=1024)).chunk_chars()
