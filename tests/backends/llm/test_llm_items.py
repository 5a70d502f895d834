"""Items, not documents, fail: one malformed item among good ones costs only itself.

Over real HTTP: the server answers one request with a good item and one planted item. An
amount written the way models write amounts is read by code (no re-ask); an item that is
wrong in shape is dropped and counted with its reason; the good item is always kept.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.backends.llm import LLMBackend

from .conftest import fact, good_answer
from .stub_server import Reply

GOOD = good_answer().answer["facts"][0]

READ_BY_CODE = [
    # (case, planted item, (concept, measure, value, decimals) kept)
    (
        "string with its unit",
        fact("expenditure.basic", "318.20万元", "基本支出318.20万元"),
        ("expenditure.basic", "actual", Decimal("318.20"), 2),
    ),
    (
        "full-width digits",
        fact("expenditure.basic", "３１８．２０", "基本支出318.20万元", unit="万元"),
        ("expenditure.basic", "actual", Decimal("318.20"), 2),
    ),
    (
        "a JSON number",
        fact("expenditure.project", 87.15, "项目支出87.15万元", unit="万元"),
        ("expenditure.project", "actual", Decimal("87.15"), 2),
    ),
    (
        "percent with its sign",
        fact("expenditure.basic", "78.50%", "占78.50%", measure="share"),
        ("expenditure.basic", "share", Decimal("78.50"), 2),
    ),
]
DROPPED = [
    # (case, planted item, reason counted)
    ("unknown concept", fact("expenditure.mystery", "87.15", "项目支出87.15万元"), "unknown_concept"),
    ("extra key", fact("expenditure.project", "87.15", "项目支出87.15万元", confidence=0.9), "extra_key"),
    ("not a number", fact("expenditure.project", "about 87", "项目支出87.15万元"), "not_a_number"),
    ("no value", fact("expenditure.project", None, "项目支出87.15万元"), "missing_value"),
    (
        "unknown measure",
        fact("expenditure.project", "87.15", "项目支出87.15万元", measure="estimate"),
        "unknown_measure",
    ),
    ("unit that does not fit", fact("expenditure.project", "87.15", "项目支出87.15万元", unit="%"), "unit_mismatch"),
    ("empty quote", fact("expenditure.project", "87.15", " "), "empty_quote"),
    ("not an object", "项目支出87.15万元", "model_type"),
]


@pytest.mark.parametrize(("case", "item", "kept"), READ_BY_CODE, ids=[c[0] for c in READ_BY_CODE])
def test_amounts_as_models_write_them_are_read_by_code(server, make_settings, doc, case, item, kept):
    server.queue(Reply(answer={"facts": [GOOD, item]}))
    ex = LLMBackend(make_settings()).extract(doc)
    assert len(server.requests) == 1 and ex.ledger.reasks == 0, case
    got = {(f.concept, f.measure, f.value, f.decimals) for f in ex.facts}
    assert got == {("expenditure.total", "actual", Decimal("405.35"), 2), kept}
    assert ex.counters["dropped_invalid"] == 0


@pytest.mark.parametrize(("case", "item", "reason"), DROPPED, ids=[c[0] for c in DROPPED])
def test_a_bad_item_is_dropped_with_its_reason_and_the_rest_kept(server, make_settings, doc, case, item, reason):
    server.queue(Reply(answer={"facts": [GOOD, item]}))
    ex = LLMBackend(make_settings()).extract(doc)
    assert len(server.requests) == 1 and ex.ledger.reasks == 0, case
    assert [(f.concept, f.value) for f in ex.facts] == [("expenditure.total", Decimal("405.35"))]
    assert ex.counters["dropped_invalid"] == 1
    assert ex.counters[f"dropped_invalid.{reason}"] == 1


def test_bad_rows_and_an_unknown_top_level_key_cost_only_themselves(server, make_settings):
    from extractor.document import build_document

    text = "一、项目情况\n项目名称\t预算数\t执行数\n困难职工帮扶\t9.67\t9.67\n送温暖活动\t(0.40)\t1.00\n"
    d = build_document("p.txt", text)
    server.queue(
        Reply(
            answer={
                "projects": [
                    {"name": "困难职工帮扶", "budget": "9.67", "actual": "9.67", "quote": "困难职工帮扶\t9.67\t9.67"},
                    {
                        "name": "送温暖活动",
                        "budget": "(0.40)",
                        "actual": "1.00万元",
                        "quote": "送温暖活动\t(0.40)\t1.00",
                    },
                    {"name": "", "budget": "1.00", "quote": "送温暖活动\t(0.40)\t1.00"},
                ],
                "notes": "the model's own remark",
            }
        )
    )
    ex = LLMBackend(make_settings()).extract(d)
    assert len(server.requests) == 1
    assert [(p.name, p.budget, p.actual) for p in ex.projects] == [
        ("困难职工帮扶", Decimal("9.67"), Decimal("9.67")),
        ("送温暖活动", Decimal("-0.40"), Decimal("1.00")),
    ]
    assert ex.counters["dropped_invalid.missing_name"] == 1 and ex.counters["dropped_invalid.extra_key"] == 1
