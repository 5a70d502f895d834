"""Changes stated of the 收入总计: a budget's 收入预算 is often 本年收入 plus the carry-over.

The sentence scanner reads only the changes of a ``收入预算`` wording and leaves its level to the
tables (:mod:`.lexicon`, ``changes_only``), since the level is often the 收入总计. Whether it is
shows once the tables are read: when the level the sentence states (its first amount) is no
stated income total but equals one plus the carry-over (本年收入合计 + 上年结转结余), the change
is the 总计's, not the income's — no catalogue figure, and checked against the income total it
would be a false alarm (``…为61.00万元，比上年增加8.00万元，增长15.09%``, 本年收入 55.00).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from extractor.backends.rules.patterns import UNIT_NUMBER, unit_kind
from extractor.numbers import decimals_of, parse_number, to_wan
from extractor.result import Fact

__all__ = ["drop_grand_total_changes"]


def _levels(facts: Sequence[Fact], concept: str) -> set[Decimal]:
    return {
        f.value
        for f in facts
        if f.concept == concept and f.scope == "all" and f.period == "current" and f.measure in ("budget", "actual")
    }


def _stated_level(quote: str) -> Decimal | None:
    """The first amount of the quote, in 万元 (the level the change is written after)."""
    m = next((m for m in UNIT_NUMBER.finditer(quote) if unit_kind(m.group("unit")) == "money"), None)
    if m is None:
        return None
    value, _ = to_wan(parse_number(m.group("num")), m.group("unit"), decimals_of(m.group("num")))
    return value


def drop_grand_total_changes(facts: list[Fact]) -> list[Fact]:
    """``facts`` without the income changes written after a level that is the 收入总计."""
    totals = _levels(facts, "income.total")
    grand = {t + c for t in totals for c in _levels(facts, "carryover.opening") if c} - totals
    if not grand:
        return facts
    out: list[Fact] = []
    for f in facts:
        if f.concept == "income.total" and f.scope == "all" and f.measure in ("change", "change_pct"):
            level = _stated_level(f.evidence.quote)
            if level is not None and level in grand:
                continue
        out.append(f)
    return out
