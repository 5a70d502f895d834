"""Budget scopes: the wordings that say which money a figure counts (财政拨款, 一般公共预算…).

:func:`scope_in` gives the most specific scope a text names; :class:`SentenceScopes` answers
the same for every prefix of one sentence at once. The scope fragments are shared with the
concept terms (:mod:`extractor.backends.rules.lexicon`), which fix the scope of wordings such as
``财政拨款收入``.
"""

from __future__ import annotations

import re

from extractor.backends.rules.firstchars import gated

__all__ = ["GOV_FUND", "GPB", "SCOPED", "SCOPE_WORDS", "STATE_CAP", "SentenceScopes", "scope_in"]

GPB = r"一般公共预算(?:财政)?(?:拨款)?"
GOV_FUND = r"政府性基金(?:预算)?(?:财政)?(?:拨款)?"
STATE_CAP = r"国有资本经营(?:预算)?(?:财政)?(?:拨款)?"
FISCAL = r"财政拨款"
SCOPED = rf"(?:{GPB}|{GOV_FUND}|{STATE_CAP}|{FISCAL})"
"""Any scope word, as a pattern fragment."""

SCOPE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("general_public_budget", re.compile(GPB)),
    ("government_fund", re.compile(GOV_FUND)),
    ("state_capital", re.compile(STATE_CAP)),
    ("fiscal", gated(r"(?<!非)财政拨款|(?<!非)财政资金")),
)


def scope_in(text: str) -> str | None:
    """The most specific scope named in ``text`` (a term, a sentence or a heading)."""
    for scope, pattern in SCOPE_WORDS:
        if pattern.search(text):
            return scope
    return None


_ITS_FIGURE = re.compile(r"\s*(?:收入|支出)?\s*[:：为]?\s*[-+]?\d")


def _qualifier(pattern: re.Pattern[str], sentence: str) -> re.Match[str] | None:
    """The first match of a scope word that qualifies what follows it. A scope word followed by
    its own figure, or by 收入/支出 and its figure, is an item of a list ("其中，一般公共预算 80.00
    万元，…，上年结转 0.00 万元", "收入包括：一般公共预算收入80万元、…、上年结转结余收入5万元"): it
    names that figure's money and scopes nothing after it."""
    return next((m for m in pattern.finditer(sentence) if not _ITS_FIGURE.match(sentence, m.end())), None)


class SentenceScopes:
    """:func:`scope_in` of every prefix of one sentence, from one search per scope word.

    A scope word is in ``sentence[:n]`` when its first match in the sentence ends by ``n``;
    one that starts at or after ``n`` is not (the patterns look behind, never ahead, so a
    match in the prefix is a match in the sentence); only a first match cut by ``n`` is
    searched again in the prefix. Linear where slicing the prefix for every subject of a
    long sentence was quadratic.
    """

    def __init__(self, sentence: str) -> None:
        self._sentence = sentence
        self._first: list[tuple[str, re.Pattern[str], re.Match[str] | None]] | None = None

    def before(self, n: int) -> str | None:
        if self._first is None:  # searched when first asked: most sentences name no subject
            self._first = [(scope, pattern, _qualifier(pattern, self._sentence)) for scope, pattern in SCOPE_WORDS]
        for scope, pattern, m in self._first:
            if m is None or m.start() >= n:
                continue
            if m.end() <= n or pattern.search(self._sentence, m.start(), n):
                return scope
        return None
