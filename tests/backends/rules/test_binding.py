"""Binding one number to its subject: unit, target and noise checks, the measure and the evidence."""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.backends.rules import binding, patterns
from extractor.backends.rules.lexicon import TermMatch, find_terms
from extractor.backends.rules.prose import join_paragraphs
from extractor.result import Fact
from tests.backends.rules.conftest import doc


def _bind_first(text: str) -> Fact | None:
    """The first term of ``text`` bound to its first number with a unit, as the scanner would."""
    d = doc(text)
    view = binding.View(d, join_paragraphs(d.text))
    terms: list[TermMatch] = list(find_terms(view.text))
    m: re.Match[str] | None = patterns.UNIT_NUMBER.search(view.text)
    assert terms and m is not None
    comparisons = patterns.LineComparisons(view.text, 0, len(view.text))
    subject = terms[0]
    return binding.bind(view, 0, m, subject, "all", subject.end, subject.end, comparisons)


def test_money_binds_in_wan_with_its_quote() -> None:
    f = _bind_first("基本支出12,345元。")
    assert f is not None
    assert (f.concept, f.measure, f.value, f.source_unit) == ("expenditure.basic", "actual", Decimal("1.2345"), "元")
    assert f.evidence.quote == "基本支出12,345元"


def test_a_head_count_does_not_bind_to_money() -> None:
    assert _bind_first("基本支出12人。") is None


def test_a_target_is_no_fact() -> None:
    assert _bind_first("项目支出目标值不低于30万元。") is None


def test_a_percentage_after_a_change_word_is_the_change_rate() -> None:
    f = _bind_first("基本支出比上年增长5.5%。")
    assert f is not None
    assert (f.measure, f.value, f.unit) == ("change_pct", Decimal("5.5"), "%")
