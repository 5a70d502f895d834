"""Which rows of a project table are projects: category rows out, repeated tables once.

A project table groups its projects in categories (一级项目 over 二级项目, 类 over 项, a
numbered 一、二、 over 1、2、) whose rows carry the category's subtotal. Such a row is not a
project; it is recognised, in this order, by

1. its number: rows numbered 一、二… in a table that numbers its other rows 1、2…;
2. its column: the name stands in a shallower name column (一级项目) than the deepest one
   another row uses (二级项目);
3. its sum: where the rows do not add up to the table's 合计 but do once each row equal to the
   sum of the rows right below it is taken out, those rows are subtotals; categories nested in
   categories (全额 over 专用项目 over 其他履职尽责专项业务费 over its projects, each row the sum of
   the rows under it) are found, in a table grouped by budget unit, by parsing each unit's rows
   against the unit's subtotal.

The same project in a later table (a 绩效目标表 restating the 项目支出表, the same list in
another form) is one row: a later table's row whose name an earlier table already gave is
left out, one for one, so two projects of one name in one table (two units') both stay —
unless a table of the projects' 绩效目标 restates the project with other figures: then it
stays, flagged ``restates``, for the reconciler to find the disagreement (not scored).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from extractor.result import PROJECT_NUMBERS, Project

__all__ = ["Read", "drop_categories", "drop_repeats", "restated"]

_CHINESE_ORDINAL = re.compile(r"^[一二三四五六七八九十]+[、.．]?$")
_ARABIC_ORDINAL = re.compile(r"^\d{1,3}[、.．]?$")
_CENT = Decimal("0.01")
_MAX_DEPTH = 6
"""Categories open at once in a parse of nested subtotals (a unit, 一级 over 二级 over 三级 …)."""


@dataclass(frozen=True, slots=True)
class Read:
    project: Project
    marker: str = ""
    """The text left of the name (序号, a code, a unit), ``""`` when none."""
    depth: int = 0
    """Which of the name columns holds the name (0 the first, 1 the next …)."""
    unit: bool = False
    """A budget unit's subtotal row (its 单位编码, a unit's name): no project, but the rows after
    it up to the next unit's add up to it."""
    unit_code: bool = False
    """The row has a code in the table's 单位编码 column."""


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


def _nested_subtotals(amounts: Sequence[Decimal], total: Decimal, budget: int = 200_000) -> set[int] | None:
    """The fewest rows that, read as subtotals, make the table a forest adding up to ``total``.

    A category row's amount is the sum of the rows right under it, which may be categories in
    turn (专用项目 over 其他履职尽责专项业务费 over its projects: three rows of one amount). The
    rows are read top to bottom, each a project or a category opening over the rows after it;
    a category closes when the rows under it have used up its amount, and every row counts
    against the innermost open category (the table's 合计 when none is open). Of the readings
    that use up the 合计 exactly, the one with the fewest categories; ``None`` when there is
    none or the search would run too long."""
    cents = [int((a / _CENT).to_integral_value()) for a in amounts]
    after = [0] * (len(cents) + 1)  # the sum of the rows from i on: no reading needs more
    for i in range(len(cents) - 1, -1, -1):
        after[i] = after[i + 1] + max(cents[i], 0)
    states: dict[tuple[int, ...], frozenset[int]] = {(int((total / _CENT).to_integral_value()),): frozenset()}
    steps = 0
    for i, a in enumerate(cents):
        nxt: dict[tuple[int, ...], frozenset[int]] = {}
        for stack, heads in states.items():
            steps += 1
            if steps > budget:
                return None
            rest = stack[-1] - a
            if rest < -1:
                continue  # more than the open category (or the 合计) has left
            options = [((*stack[:-1], rest), heads)]
            if a > 0 and len(stack) < _MAX_DEPTH:
                options.append(((*stack[:-1], rest, a), heads | {i}))
            for new, marked in options:
                while len(new) > 1 and abs(new[-1]) <= 1:
                    new = new[:-1]  # a category whose rows have used up its amount closes
                if sum(new) > after[i + 1] + len(new) or (new in nxt and len(nxt[new]) <= len(marked)):
                    continue
                nxt[new] = marked
        states = nxt
    done: list[frozenset[int]] = [heads for stack, heads in states.items() if len(stack) == 1 and abs(stack[0]) <= 1]
    if not done:
        return None
    best: frozenset[int] = min(done, key=len)
    return set(best)


def _unit_subtotals(rows: Sequence[Read], total: Decimal) -> set[int] | None:
    """Category rows of a table that groups its projects by budget unit, as indices into the
    rows that are not units. Each unit's rows (up to the next unit) are parsed against the
    unit's amount; a row above the first unit equal to the sum of the units is a category over
    them (全额). ``None`` when a unit's rows cannot be read so, or the leaves miss the 合计."""
    amounts = [_amount(r.project) for r in rows]
    if any(a is None for a in amounts):
        return None
    values = [a for a in amounts if a is not None]
    units = [i for i, r in enumerate(rows) if r.unit]
    unit_sum = sum((values[i] for i in units), Decimal(0))
    heads = {i for i in range(units[0]) if _close(values[i], unit_sum, len(units))}
    for n, u in enumerate(units):
        end = units[n + 1] if n + 1 < len(units) else len(rows)
        inner = _nested_subtotals(values[u + 1 : end], values[u])
        if inner is None:
            return None
        heads |= {u + 1 + k for k in inner}
    leaves = [values[i] for i, r in enumerate(rows) if not r.unit and i not in heads]
    if not _close(sum(leaves, Decimal(0)), total, len(leaves)):
        return None
    index = {i: k for k, i in enumerate(i for i, r in enumerate(rows) if not r.unit)}
    return {index[i] for i in heads}


def drop_categories(found: Sequence[Read]) -> list[Project]:
    """The table's projects (and its 合计 row), category rows and unit rows left out."""
    grouped = [r for r in found if not r.project.is_total]
    body = [r for r in grouped if not r.unit]
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
            if not out and len(grouped) > len(body):
                out = _unit_subtotals(grouped, total) or set()
    kept = [r for i, r in enumerate(body) if i not in out]
    return [r.project for r in found if r.project.is_total] + [r.project for r in kept]


def restated(row: Project, given: Project) -> Project | None:
    """``row``, flagged as a restatement, when it states a figure of ``given`` (the same
    project, read before) otherwise; ``None`` when it agrees (it is the same row again)."""
    differs = any(
        getattr(row, f) is not None and getattr(given, f) is not None and getattr(row, f) != getattr(given, f)
        for f in PROJECT_NUMBERS
    )
    return row.model_copy(update={"restates": True}) if differs else None


def drop_repeats(tables: Sequence[Sequence[Project]], restating: Sequence[bool] = ()) -> list[Project]:
    """All tables' rows, a project an earlier table gave left out of the later ones; in a table
    that restates projects beside their 绩效目标 (``restating``, by table) kept as a restatement
    where its figures differ. Other tables that repeat a name with other figures (a table by
    unit, by fund, of procurement) are not restatements of one figure."""
    given: dict[str, list[Project]] = {}
    out: list[Project] = []
    for k, rows in enumerate(tables):
        compare = k < len(restating) and restating[k]
        names = Counter(re.sub(r"\s+", "", p.name) for p in rows if not p.is_total)
        used, here = Counter[str](), dict[str, list[Project]]()
        for p in rows:
            key = re.sub(r"\s+", "", p.name)
            before = given.get(key, [])
            if not p.is_total and used[key] < len(before):
                # restates a project given before: paired by name only where the name is one project's
                # (two units' 日常运行 in each table are not told apart by their order)
                again = restated(p, before[0]) if compare and len(before) == 1 and names[key] == 1 else None
                used[key] += 1
                if again is not None:
                    out.append(again)
                continue
            if not p.is_total:
                here.setdefault(key, []).append(p)
            out.append(p)
        for key, ps in here.items():
            given.setdefault(key, []).extend(ps)
    return out
