"""Grounding in one place: planted cases of how a quoted number is found in the text, or not.

Every text here is written for the test. Each case plants one way a (quote, value) pair
offered by a model (or a table reader) relates to the text; the invariant
``text[start:end] == quote`` is checked on every case that aligns.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.document import build_document
from extractor.ground import align, evidence_for, locate, number_evidence, occurrences, verify
from extractor.result import Evidence, Extraction, Fact

TEXT = (
    "一、收支情况\n"
    "本年支出合计100.00万元，其中基本支出100.00万元，项目支出0万元。\n"
    "本年收入合计1,234,500元，比上年减少0.40万元，与上年持平的是公用经费。\n"
    "资产总额3 58.52万元。\n"
    "二、其他\n"
    "人员经费88.00万元。\n"
)
DOC = build_document("g.txt", TEXT)
CUT = TEXT.index("二、其他")

CASES = [
    # (case, quote, value, expected quote of the span or None, how, number as written)
    ("exact", "基本支出100.00万元", "100.00", "基本支出100.00万元", "exact", "100.00"),
    (
        "twice: the occurrence its quote names",
        "其中基本支出100.00万元",
        "100.00",
        "其中基本支出100.00万元",
        "exact",
        "100.00",
    ),
    ("full-width digits", "基本支出１００．００万元", "100.00", "基本支出100.00万元", "normalised", "100.00"),
    (
        "spaces inside the quote",
        "本年收入合计 1,234, 500 元",
        "1234500",
        "本年收入合计1,234,500元",
        "normalised",
        "1,234,500",
    ),
    (
        "spaces inside the number in the text",
        "资产总额3 58.52万元",
        "358.52",
        "资产总额3 58.52万元",
        "exact",
        "3 58.52",
    ),
    ("trimmed quote", "收入合计1,234,500", "1234500", "收入合计1,234,500", "exact", "1,234,500"),
    (
        "extended quote: its clause",
        "本年收入合计1,234,500元，主要是上级补助增加所致",
        "1234500",
        "本年收入合计1,234,500元",
        "fuzzy",
        "1,234,500",
    ),
    (
        "one character off",
        "本年支出总计100.00万元，其中基本支出100.00万元",
        "100.00",
        "本年支出合计100.00万元，其中基本支出100.00万元",
        "fuzzy",
        "100.00",
    ),
    (
        "converted by the model (元 → 万元)",
        "本年收入合计1,234,500元",
        "123.45",
        "本年收入合计1,234,500元",
        "exact",
        "1,234,500",
    ),
    ("unsigned in the text, signed by the model", "比上年减少0.40万元", "-0.40", "比上年减少0.40万元", "exact", "0.40"),
    ("zero stated in words", "与上年持平的是公用经费", "0", "与上年持平的是公用经费", "exact", None),
    ("invented number", "基本支出100.00万元", "101.00", None, None, None),
    ("quote not in the text", "基本支出200.00万元", "200.00", None, None, None),
    ("quote only outside the window", "人员经费88.00万元", "88.00", None, None, None),
    ("empty quote", "", "100.00", None, None, None),
]


@pytest.mark.parametrize(("case", "quote", "value", "span", "how", "number"), CASES, ids=[c[0] for c in CASES])
def test_planted_cases(case, quote, value, span, how, number):
    found = locate(DOC, quote, Decimal(value), lo=0, hi=CUT)
    if span is None:
        assert found is None, case
        return
    assert found is not None, case
    a = found.span
    assert DOC.text[a.start : a.end] == span
    assert a.how == how
    if number is None:
        assert found.number is None
    else:
        assert found.number is not None and found.number.text == number
        assert a.start <= found.number.start < found.number.end <= a.end
        assert DOC.text[found.number.start : found.number.end] == number
    ev = evidence_for(DOC, a.start, a.end, a.how)
    assert DOC.text[ev.start : ev.end] == ev.quote and ev.alignment == how


def test_the_twice_mentioned_number_keeps_the_named_occurrence():
    first = locate(DOC, "本年支出合计100.00万元", Decimal("100.00"))
    second = locate(DOC, "基本支出100.00万元", Decimal("100.00"))
    assert first is not None and second is not None and first.number and second.number
    assert first.number.start < second.number.start
    assert TEXT[second.number.start - 4 : second.number.start] == "基本支出"


def test_occurrences_put_numbers_as_written_first():
    start = TEXT.index("本年收入")
    occ = occurrences(DOC, start, start + 20, Decimal("123.45"))
    assert [n.text for n in occ] == ["1,234,500"]
    assert occurrences(DOC, start, start + 20, Decimal("7")) == []


def test_number_evidence_spans_the_number_and_its_unit():
    found = locate(DOC, "项目支出0万元", Decimal("0"))
    assert found is not None and found.number is not None
    ev = number_evidence(DOC, found.number)
    assert ev.quote == "0万元" and DOC.text[ev.start : ev.end] == ev.quote


def test_align_offsets_are_into_the_text_and_respect_the_window():
    a = align("人员经费88.00万元", TEXT, lo=CUT)
    assert a is not None and TEXT[a.start : a.end] == "人员经费88.00万元"
    assert align("人员经费88.00万元", TEXT, hi=CUT) is None


def test_verify_drops_what_does_not_hold_and_keeps_spaced_numbers():
    good = locate(DOC, "资产总额3 58.52万元", Decimal("358.52"))
    assert good is not None
    ev = evidence_for(DOC, good.span.start, good.span.end)
    moved = Evidence(quote=ev.quote, start=ev.start + 1, end=ev.end + 1)
    ex = Extraction(
        facts=(
            Fact(concept="assets.total", value=Decimal("358.52"), evidence=ev),
            Fact(concept="assets.total", value=Decimal("358.52"), evidence=moved),
            Fact(concept="assets.total", value=Decimal("999"), evidence=ev),
        )
    )
    kept, counts = verify(DOC, ex)
    assert [f.evidence for f in kept.facts] == [ev]
    assert counts == {"dropped_ungrounded": 2}
