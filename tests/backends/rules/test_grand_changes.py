"""Changes written after a 收入预算 that is the 收入总计 (本年收入 + 上年结转) are no income changes."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.rules.grand_changes import drop_grand_total_changes
from extractor.document import build_document
from extractor.ground import evidence_for
from extractor.result import Fact

TEXT = "收入预算为61.00万元，比上年增加8.00万元，增长15.09%。\n本年收入合计\t55.00\n上年结转结余\t6.00\n"


def _fact(doc, quote: str, concept: str, measure: str, value: str) -> Fact:
    s = doc.text.index(quote)
    return Fact(concept=concept, measure=measure, value=Decimal(value), evidence=evidence_for(doc, s, s + len(quote)))


def _facts(total: str) -> list[Fact]:
    doc = build_document("p.txt", TEXT.replace("55.00", total))
    return [
        _fact(doc, "收入预算为61.00万元，比上年增加8.00万元", "income.total", "change", "8.00"),
        _fact(doc, "收入预算为61.00万元，比上年增加8.00万元，增长15.09%", "income.total", "change_pct", "15.09"),
        _fact(doc, total, "income.total", "budget", total),
        _fact(doc, "6.00", "carryover.opening", "budget", "6.00"),
    ]


def test_the_changes_of_a_level_that_is_income_plus_carry_over_are_dropped() -> None:
    assert [f.measure for f in drop_grand_total_changes(_facts("55.00"))] == ["budget", "budget"]


def test_the_changes_of_a_level_that_is_the_income_total_stay() -> None:
    kept = drop_grand_total_changes(_facts("61.00"))
    assert [f.measure for f in kept] == ["change", "change_pct", "budget", "budget"]
