"""One fact per key and value: the first statement's evidence, a later statement's code."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends import dedupe_facts
from extractor.document import build_document
from extractor.ground import evidence_for
from extractor.result import Fact

TEXT = "其他事务支出(项)12.50万元。\n201\t其他事务支出\t12.50\n"


def _item(doc, text: str, code: str | None) -> Fact:
    s = doc.text.index(text)
    return Fact(
        concept="expenditure.function_item",
        measure="budget",
        label="其他事务支出",
        value=Decimal("12.50"),
        code=code,
        evidence=evidence_for(doc, s, s + len(text)),
    )


def test_a_repeated_statement_collapses_to_the_first_and_takes_the_later_code() -> None:
    doc = build_document("p.txt", TEXT)
    prose, row = _item(doc, "其他事务支出(项)12.50万元", None), _item(doc, "201\t其他事务支出\t12.50", "2010199")
    facts, collapsed = dedupe_facts([row, prose])
    assert collapsed == 1
    assert [(f.evidence.start, f.code) for f in facts] == [(prose.evidence.start, "2010199")]


def test_a_kept_code_is_not_replaced() -> None:
    doc = build_document("p.txt", TEXT)
    first, later = _item(doc, "其他事务支出(项)12.50万元", "20101"), _item(doc, "201\t其他事务支出\t12.50", "2010199")
    facts, _ = dedupe_facts([first, later])
    assert [f.code for f in facts] == ["20101"]
