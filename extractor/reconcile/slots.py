"""The operands of the checks: every stated figure of a result, gathered by key.

A *slot* is one thing a report can state a number for — a fact key
``(concept, measure, period, scope, label)``, a project cell, an indicator cell, the
evaluation score — and holds every *candidate* value the result carries for it, in document
order. A result keeps every stated number, so a slot with two different values is a
conflict; the same value stated twice (at two places) is an agreeing duplicate, which
confirms it.

Each candidate carries the interval it stands for: money and percents by the decimals they
were written with (``Fact.decimals``, or the cell's ``decimals``), counts, indicator weights
and scores exactly (they are not rounded measurements). An amount written as ``0`` is taken
as exactly nothing (``无``/``0万元``), not as anything below 5000元.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from extractor.concepts import BY_ID, PERCENT_MEASURES, normalise_name
from extractor.reconcile.candidates import Candidate, Slot, SlotKey
from extractor.reconcile.intervals import Interval, decimals_of_value, written
from extractor.result import INDICATOR_NUMBERS, PROJECT_NUMBERS, Evidence, Fact, Project, Result

__all__ = ["EVAL_SCORE", "Book", "Candidate", "Slot", "SlotKey", "fact_key"]

EVAL_SCORE: SlotKey = ("evaluation", "score")
PROJECT_FIELDS = tuple(PROJECT_NUMBERS)


def fact_key(
    concept: str, measure: str = "actual", period: str = "current", scope: str = "all", label: str | None = None
) -> SlotKey:
    return ("fact", concept, measure, period, scope, normalise_name(label))


@dataclass
class Book:
    """All slots of one result, plus the indexes the relation table needs."""

    slots: dict[SlotKey, Slot] = field(default_factory=dict)
    labels: dict[tuple[str, str, str, str], list[str]] = field(default_factory=dict)
    """(concept, measure, period, scope) → normalised labels stated, in order."""
    projects: list[str] = field(default_factory=list)
    project_totals: list[str] = field(default_factory=list)
    project_members: dict[str, list[str]] = field(default_factory=dict)
    """A total row → the project rows of its table."""
    coded: dict[tuple[str, str, str, str], dict[str, set[tuple[SlotKey, bool]]]] = field(default_factory=dict)
    """(classification, measure, period, scope) → code → its rows' slots, each with whether
    the row repeats in another table (a cross-classified or second table: no Σ by code)."""
    indicators: list[int] = field(default_factory=list)
    indicator_rows: dict[int, tuple[str | None, str | None, str, bool]] = field(default_factory=dict)
    """index → (level1, level2, name, is_total)."""

    def get(self, key: SlotKey) -> Slot | None:
        return self.slots.get(key)

    def has(self, key: SlotKey) -> bool:
        return key in self.slots

    def add(self, key: SlotKey, kind: str, cand: Candidate, *, signed: bool = False) -> None:
        slot = self.slots.setdefault(key, Slot(key, kind, signed=signed))
        if any(c.value == cand.value and c.span == cand.span for c in slot.candidates):
            return  # the same statement read twice is one statement
        slot.add(cand)

    def const(self, value: Decimal) -> SlotKey:
        key: SlotKey = ("const", str(value))
        if key not in self.slots:
            self.add(key, "const", Candidate(value, 0, Interval.point(value), -1, None))
        return key


def _decimals(value: Decimal, declared: int | None) -> int:
    own = decimals_of_value(value)
    return own if declared is None else max(declared, own)


def _fact_kind(measure: str, unit: str) -> str:
    if measure in PERCENT_MEASURES:
        return "percent"
    if measure in ("change", "vs_budget"):
        return "change"
    return "count" if unit == "count" else "money"


CLASSIFICATION = {
    "expenditure.function": "function",
    "expenditure.function_item": "function",
    "expenditure.economic": "economic",
}
"""The classified concepts and the classification whose codes they carry (类 201, 款 20101, 项 2010101)."""
_CODE_DIGITS = {"expenditure.function": (3,), "expenditure.function_item": (5, 7)}
"""Code lengths a classified concept admits (Revision 2): a 类 has 3 digits, a 款 5, a 项 7."""


def _no_key(f: Fact) -> bool:
    """A figure that addresses no slot: a labelled concept without its label, or a code that
    contradicts the concept (a 项 code on a 类) — a misread row, not a statement of a key."""
    concept = BY_ID.get(f.concept)
    if concept is not None and concept.labelled and not f.label:
        return True
    lengths = _CODE_DIGITS.get(f.concept)
    return bool(f.code and lengths and len(f.code) not in lengths)


def _base(f: Fact) -> tuple[str, str, str, str, str]:
    return (f.concept, f.measure, f.period, f.scope, normalise_name(f.label))


def _row_labels(facts: Sequence[Fact], bases: Sequence[tuple[str, ...]]) -> dict[int, str | None]:
    """Which figures are rows of their own, and under what label suffix (``None``: left out).

    * A 款 or 项 name recurs under other classes (行政运行 under every 款): its code tells
      them apart, so a coded 款/项 row is keyed by its code.
    * One key stated under two codes (商品和服务支出 302 and 502, the 部门 and 政府 economic
      classifications) is two rows: each keyed by its code; an uncoded statement of the key
      could be either and is left out.
    * Table rows of one key and code that differ are two rows, not two statements: a
      cross-classified table repeats a code under each class of its other classification,
      and economic classes are published by tables of different coverage (基本支出 only, and
      all spending). Each such row is its own slot; a statement outside the tables could be
      either and is left out.
    * A 款/项 name without a code, stated with different values, names rows of different
      classes (the name recurs under every 款): left out.
    """
    codes: dict[tuple[str, ...], set[str]] = defaultdict(set)
    table_values: dict[tuple[str, ...], list[Decimal]] = defaultdict(list)
    uncoded_items: dict[tuple[str, ...], set[Decimal]] = defaultdict(set)
    for f, base in zip(facts, bases, strict=True):
        if f.code:
            codes[base].add(f.code)
            if f.evidence.alignment == "table":
                values = table_values[(*base, f.code)]
                if f.value not in values:
                    values.append(f.value)
        elif f.concept == "expenditure.function_item":
            uncoded_items[base].add(f.value)
    out: dict[int, str | None] = {}
    for i, (f, base) in enumerate(zip(facts, bases, strict=True)):
        split = len(codes.get(base, ())) > 1
        if not f.code:
            only = next(iter(codes[base])) if len(codes.get(base, ())) == 1 else None
            ambiguous = split or (only is not None and len(table_values.get((*base, only), ())) > 1)
            if ambiguous or len(uncoded_items.get(base, ())) > 1:
                out[i] = None
            else:  # the one coded row of its name, when there is one
                out[i] = f"#{only}" if only is not None and len(only) > 3 else ""
            continue
        suffix = f"#{f.code}" if split or len(f.code) > 3 else ""
        values = table_values.get((*base, f.code), [])
        if len(values) > 1:
            if f.evidence.alignment != "table":
                out[i] = None
                continue
            suffix += f"~{values.index(f.value) + 1}"
        out[i] = suffix
    return out


def _kind(f: Fact, kinds: tuple[str, ...]) -> str:
    """The kind a figure's wording names (``""`` for none): the one written last before the
    figure in its quote (``聘用人员3人，派遣人员2人``: 2 is the 派遣 staff's)."""
    quote = f.evidence.quote
    number = None
    if f.value == f.value.to_integral_value():
        number = re.search(rf"(?<![\d.]){int(f.value)}(?!\d)", quote)
    head = quote[: number.start()] if number else quote
    ends = {k: head.rfind(k) + len(k) for k in kinds if k in head}
    return max(ends, key=lambda k: ends[k]) if ends else ""


def _kinds(facts: Sequence[Fact], bases: Sequence[tuple[str, ...]]) -> dict[int, str]:
    """Figures keyed by the kind their wording names, where a report writes more than one kind
    of one concept (聘用 and 派遣 staff, each counted): two kinds are two numbers, not a
    conflict, while one kind stated twice with two values still is one. A report that writes
    one kind only keeps the plain key."""
    found: dict[int, str] = {}
    by_base: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for i, f in enumerate(facts):
        concept = BY_ID.get(f.concept)
        if concept is not None and concept.kinds:
            found[i] = _kind(f, concept.kinds)
            by_base[bases[i]].add(found[i])
    return {i: kind for i, kind in found.items() if kind and len(by_base[bases[i]]) > 1}


def _project_rows(projects: Sequence[Project], book: Book) -> list[tuple[str, str]]:
    """The slot row of each project, and each total row's members (``book.project_members``).

    A 合计 row sums the rows of its own table: a table is a run of rows in reading order,
    broken by a page skipped or a jump back in the text (rows read from elsewhere — another
    table, the prose — are not its rows). A total takes the rows after it up to the next
    total, or, when none follow it, the rows before it. Within one table a name may recur
    (one project name under several units): each is a row of its own (``name#2`` …); across
    tables one name is one project, whose statements are compared."""
    out: list[tuple[str, str]] = []
    tables: list[list[tuple[bool, str]]] = []
    seen: dict[str, int] = {}
    prev: Evidence | None = None
    for i, p in enumerate(projects):
        if p.restates and not p.is_total:  # the row it restates holds the slot: the two are compared
            row = ("project", normalise_name(p.name) or f"#{i}")
            if row[1] not in book.projects:
                book.projects.append(row[1])
            out.append(row)
            continue
        ev = p.evidence
        if (
            prev is None
            or ev.start < prev.start
            or (ev.page is not None and prev.page is not None and ev.page > prev.page + 1)
        ):
            tables.append([])
            seen = {}
        prev = ev
        if p.is_total:
            row = ("project_total", f"{i}")
            book.project_totals.append(row[1])
        else:
            name = normalise_name(p.name) or f"#{i}"
            seen[name] = seen.get(name, 0) + 1
            row = ("project", name if seen[name] == 1 else f"{name}#{seen[name]}")
            if row[1] not in book.projects:
                book.projects.append(row[1])
        tables[-1].append((p.is_total, row[1]))
        out.append(row)
    for table in tables:
        for k, (is_total, total) in enumerate(table):
            if not is_total:
                continue
            after = list(itertools.takewhile(lambda r: not r[0], table[k + 1 :]))
            before = list(itertools.takewhile(lambda r: not r[0], reversed(table[:k])))
            book.project_members[total] = [n for _, n in (after or before[::-1])]
    return out


def _worded(f: Fact) -> bool:
    """A figure only implied by words (无…, 与上年基本持平): its quote holds no digit."""
    return not any(map(str.isdigit, f.evidence.quote))


def build_book(result: Result) -> Book:
    book = Book()
    facts = [f for f in result.facts if not _no_key(f)]
    bases = [_base(f) for f in facts]
    worded = [_worded(f) for f in facts]
    rows = _row_labels(facts, bases)
    kinds = _kinds(facts, bases)
    stated = {b for b, w in zip(bases, worded, strict=True) if not w}
    for i, f in enumerate(facts):
        suffix = rows[i]
        if suffix is None or (worded[i] and bases[i] in stated):
            continue  # a word-implied 0 never contradicts a figure the report writes
        d = _decimals(f.value, f.decimals)
        exact = f.measure not in PERCENT_MEASURES and (f.unit == "count" or f.value == 0)
        label = f"{f.label or ''}{suffix}" if suffix else f.label
        if i in kinds:
            label = f"{label or ''}/{kinds[i]}"
        key = fact_key(f.concept, f.measure, f.period, f.scope, label)
        book.add(
            key,
            _fact_kind(f.measure, f.unit),
            Candidate(f.value, d, written(f.value, d, exact=exact), f.evidence.start, f.evidence, f),
            signed=f.measure in ("change", "change_pct", "vs_budget"),
        )
        if f.code and f.concept in CLASSIFICATION:
            rows_of = book.coded.setdefault((CLASSIFICATION[f.concept], f.measure, f.period, f.scope), {})
            rows_of.setdefault(f.code, set()).add((key, "~" in suffix))
        if f.label is not None:
            labels = book.labels.setdefault((f.concept, f.measure, f.period, f.scope), [])
            if key[-1] not in labels:
                labels.append(key[-1])

    for p, row in zip(result.projects, _project_rows(result.projects, book), strict=True):
        for fld in PROJECT_FIELDS:
            v = getattr(p, fld)
            if v is None:
                continue
            ev: Evidence = p.cells.get(fld, p.evidence)
            d = _decimals(v, p.decimals.get(fld))
            kind = "percent" if fld == "rate" else ("score" if fld == "score" else "money")
            exact = fld == "score" or (fld != "rate" and v == 0)
            book.add((*row, fld), kind, Candidate(v, d, written(v, d, exact=exact), ev.start, ev, p, fld))

    for i, ind in enumerate(result.indicators):
        book.indicators.append(i)
        book.indicator_rows[i] = (ind.level1, ind.level2, ind.name, ind.is_total)
        for fld in INDICATOR_NUMBERS:
            v = getattr(ind, fld)
            if v is None:
                continue
            ev = ind.cells.get(fld, ind.evidence)
            d = _decimals(v, ind.decimals.get(fld))
            cand = Candidate(v, d, written(v, d, exact=True), ev.start, ev, ind, fld)
            book.add(("indicator", str(i), fld), "score", cand)

    ev_score = result.evaluation.score
    if ev_score is not None:
        d = _decimals(ev_score, result.evaluation.decimals.get("score"))
        evid = result.evaluation.cells.get("score")
        at = evid.start if evid else 10**9
        cand = Candidate(ev_score, d, written(ev_score, d), at, evid, result.evaluation, "score")
        book.add(EVAL_SCORE, "score", cand)
    return book
