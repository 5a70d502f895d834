"""Scope words: the most specific scope a text names, and the same for every prefix at once."""

from __future__ import annotations

import pytest

from extractor.backends.rules.scopes import SentenceScopes, scope_in


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
    scopes = SentenceScopes(sentence)
    for n in range(len(sentence) + 1):
        assert scopes.before(n) == scope_in(sentence[:n]), sentence[:n]
