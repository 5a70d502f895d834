"""Scope words: the most specific scope a text names, and the same for every prefix at once."""

from __future__ import annotations

import re

import pytest

from extractor.backends.rules.scopes import SCOPE_WORDS, SentenceScopes, scope_in


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("一般公共预算财政拨款支出", "general_public_budget"),
        ("政府性基金预算财政拨款收入", "government_fund"),
        ("国有资本经营预算支出", "state_capital"),
        ("财政拨款收入", "fiscal"),
        ("事业收入", None),
    ],
)
def test_the_most_specific_scope_is_named(text: str, scope: str | None) -> None:
    assert scope_in(text) == scope


def test_non_fiscal_is_not_fiscal() -> None:
    assert scope_in("使用非财政拨款结余") is None
    assert scope_in("财政拨款结转") == "fiscal"


@pytest.mark.parametrize(
    "sentence",
    [
        "一般公共预算财政拨款支出30万元，政府性基金预算财政拨款支出2万元",
        "使用非财政拨款结余5万元，财政拨款结转3万元，国有资本经营预算支出1万元",
        "非财政资金10万元，其中财政资金8万元",
        "支出合计358.52万元",
    ],
)
def test_sentence_scopes_equal_reading_every_prefix(sentence: str) -> None:
    # a scope word followed by its own figure ("其中财政资金8万元") is a list item: it scopes nothing
    qualifying = sentence
    for _, pattern in SCOPE_WORDS:
        for m in pattern.finditer(sentence):
            if re.match(r"\s*(?:收入|支出)?\s*[:：为]?\s*[-+]?\d", sentence[m.end() :]):
                qualifying = qualifying[: m.start()] + "#" * (m.end() - m.start()) + qualifying[m.end() :]
    scopes = SentenceScopes(sentence)
    for n in range(len(sentence) + 1):
        assert scopes.before(n) == scope_in(qualifying[:n]), sentence[:n]


def test_a_scope_word_with_its_own_figure_is_an_item_and_scopes_what_follows_not() -> None:
    sentence = "收入预算80万元，其中，一般公共预算 80.00 万元，政府性基金预算 0.00 万元，上年结转 0.00 万元"
    assert SentenceScopes(sentence).before(len(sentence)) is None
    assert SentenceScopes("一般公共预算安排的基本支出60万元").before(10) == "general_public_budget"


def test_a_scope_word_with_its_own_income_and_figure_is_an_item_too() -> None:
    # "收入包括：一般公共预算收入80万元、…、上年结转结余收入5万元": the carry-over is no item of the fund
    sentence = "收入包括:一般公共预算收入80.00万元、政府性基金收入15.00万元、上年结转结余收入5.00万元"
    assert SentenceScopes(sentence).before(len(sentence)) is None
    assert SentenceScopes("一般公共预算支出中,基本支出60万元").before(12) == "general_public_budget"
