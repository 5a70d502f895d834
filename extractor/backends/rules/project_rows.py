"""Which rows of a project table are projects: category rows out, repeated tables once.

A project table groups its projects in categories (一级项目 over 二级项目, 类 over 项, a
numbered 一、二、 over 1、2、) whose rows carry the category's subtotal. Such a row is not a
project; it is recognised, in this order, by

1. its number: rows numbered 一、二… in a table that numbers its other rows 1、2…;
2. its column: the name stands in a shallower name column (一级项目) than the deepest one
   another row uses (二级项目);
3. its sum: where the rows do not add up to the table's 合计 but do once each row equal to the
   sum of the rows right below it is taken out, those rows are subtotals.

The same project in a later table (a 绩效目标表 restating the 项目支出表, the same list in
another form) is one row: a later table's row whose name an earlier table already gave is
left out, one for one, so two projects of one name in one table (two units') both stay.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from extractor.result import Project

__all__ = ["Read", "drop_categories", "drop_repeats"]

_CHINESE_ORDINAL = re.compile(r"^[一二三四五六七八九十]+[、.．]?$")
_ARABIC_ORDINAL = re.compile(r"^\d{1,3}[、.．]?$")
_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Read:
    project: Project
    marker: str = ""
    """The text left of the name (序号, a code, a unit), ``""`` when none."""
    depth: int = 0
    """Which of the name columns holds the name (0 the first, 1 the next …)."""


def _amount(p: Project) -> Decimal | None:
    return p.budget if p.budget is not None else p.actual


def _close(a: Decimal, b: Decimal, terms: int) -> bool:
    return abs(a - b) <= _CENT * max(1, terms)


def _subtotals(rows: Sequence[Read], total: Decimal) -> set[int]:
    """Rows equal to the sum of the rows right below them, when taking them out makes the
    rest add up to ``total`` (and the rows as they are do not)."""
    values = [_amount(r.project) for r in rows]
    if not values or any(v is None for v in values):
        return set()
    amounts = [v for v in values if v is not None]
    if _close(sum(amounts, Decimal(0)), total, len(amounts)):
        return set()
    heads: set[int] = set()
    i = 0
    while i < len(amounts):
        v, run, j = amounts[i], Decimal(0), i + 1
        found = None
        while v > 0 and j < len(amounts):
            run += amounts[j]
            if _close(run, v, j - i):
                found = j
                break
            if run > v:
                break
            j += 1
        if found is None:
            i += 1
            continue
        heads.add(i)
        i = found + 1
    rest = [a for k, a in enumerate(amounts) if k not in heads]
    return heads if heads and _close(sum(rest, Decimal(0)), total, len(rest)) else set()


def drop_categories(found: Sequence[Read]) -> list[Project]:
    """The table's projects (and its 合计 row), category rows left out."""
    body = [r for r in found if not r.project.is_total]
    out: set[int] = set()
    chinese = {i for i, r in enumerate(body) if _CHINESE_ORDINAL.match(r.marker)}
    if chinese and any(_ARABIC_ORDINAL.match(r.marker) for r in body):
        out |= chinese
    depths = {r.depth for r in body}
    if len(depths) > 1:
        out |= {i for i, r in enumerate(body) if r.depth < max(depths)}
    if not out:
        total = next((_amount(r.project) for r in found if r.project.is_total), None)
        if total is not None:
            out = _subtotals(body, total)
    kept = [r for i, r in enumerate(body) if i not in out]
    return [r.project for r in found if r.project.is_total] + [r.project for r in kept]


def drop_repeats(tables: Sequence[Sequence[Project]]) -> list[Project]:
    """All tables' rows, a project an earlier table gave left out of the later ones."""
    given: Counter[str] = Counter()
    out: list[Project] = []
    for rows in tables:
        left, here = given.copy(), Counter[str]()
        for p in rows:
            key = re.sub(r"\s+", "", p.name)
            if not p.is_total and left[key] > 0:
                left[key] -= 1  # this table restates a project given before
                continue
            if not p.is_total:
                here[key] += 1
            out.append(p)
        given += here
    return out
