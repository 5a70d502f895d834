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

from dataclasses import dataclass, field
from decimal import Decimal

from extractor.concepts import PERCENT_MEASURES, normalise_name
from extractor.reconcile.intervals import Interval, decimals_of_value, written
from extractor.result import INDICATOR_NUMBERS, PROJECT_NUMBERS, Evidence, FindingFact, Result, ref_fields

__all__ = ["EVAL_SCORE", "Book", "Candidate", "Slot", "SlotKey", "fact_key"]

SlotKey = tuple[str, ...]
EVAL_SCORE: SlotKey = ("evaluation", "score")
PROJECT_FIELDS = tuple(PROJECT_NUMBERS)

def fact_key(concept: str, measure: str = "actual", period: str = "current", scope: str = "all",
             label: str | None = None) -> SlotKey:
    return ("fact", concept, measure, period, scope, normalise_name(label))


@dataclass(frozen=True)
class Candidate:
    """One stated value of a slot, with the interval it stands for and where it was read."""

    value: Decimal
    decimals: int
    interval: Interval
    fact: FindingFact
    position: int

    @property
    def span(self) -> tuple[int, int] | None:
        ev = self.fact.evidence
        return (ev.start, ev.end) if ev is not None else None


@dataclass
class Slot:
    key: SlotKey
    kind: str
    """``percent`` | ``change`` | ``money`` | ``count`` | ``score`` | ``const`` (sets culprit priors)."""
    candidates: list[Candidate] = field(default_factory=list)
    signed: bool = False
    """Changes may be negative; every other figure is ≥ 0 (a culprit's fix must be too)."""

    @property
    def groups(self) -> list[list[Candidate]]:
        """Candidates grouped by equal value, in order of first appearance."""
        out: list[list[Candidate]] = []
        for c in sorted(self.candidates, key=lambda c: c.position):
            for g in out:
                if g[0].value == c.value:
                    g.append(c)
                    break
            else:
                out.append([c])
        return out

    @property
    def is_const(self) -> bool:
        return self.kind == "const"

    def representative(self, group: int) -> Candidate:
        """The most precisely written candidate of a value group."""
        return min(self.groups[group], key=lambda c: (c.interval.hi - c.interval.lo, c.position))

    def agreeing_duplicate(self, group: int) -> bool:
        spans = {c.span for c in self.groups[group]}
        return len(spans) >= 2


@dataclass
class Book:
    """All slots of one result, plus the indexes the relation table needs."""

    slots: dict[SlotKey, Slot] = field(default_factory=dict)
    labels: dict[tuple[str, str, str, str], list[str]] = field(default_factory=dict)
    """(concept, measure, period, scope) → normalised labels stated, in order."""
    projects: list[str] = field(default_factory=list)
    project_totals: list[str] = field(default_factory=list)
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
        slot.candidates.append(cand)

    def const(self, value: Decimal) -> SlotKey:
        key: SlotKey = ("const", str(value))
        if key not in self.slots:
            ff = FindingFact(value=value)
            self.add(key, "const", Candidate(value, 0, Interval.point(value), ff, -1))
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


def _ambiguous_labels(result: Result) -> set[tuple[str, str]]:
    """(concept, name) of the 款/项 names the document codes under two or more classes
    (行政运行, 一般行政管理事务 …): a figure given with such a name and no code could be any
    of them, so it is not checked against the others."""
    codes: dict[tuple[str, str], set[str]] = {}
    for f in result.facts:
        if f.label is not None and f.code and len(f.code) > 3:
            codes.setdefault((f.concept, normalise_name(f.label)), set()).add(f.code)
    return {k for k, v in codes.items() if len(v) > 1}


def build_book(result: Result) -> Book:
    book = Book()
    ambiguous = _ambiguous_labels(result)
    for f in result.facts:
        if f.label is not None and not f.code and (f.concept, normalise_name(f.label)) in ambiguous:
            continue
        d = _decimals(f.value, f.decimals)
        exact = f.measure not in PERCENT_MEASURES and (f.unit == "count" or f.value == 0)
        ff = FindingFact(**ref_fields(f), value=f.value, evidence=f.evidence)
        # a 款 or 项 name recurs under other classes (行政运行 under every 款): its code tells them apart
        label = f"{f.label}#{f.code}" if f.label is not None and f.code and len(f.code) > 3 else f.label
        key = fact_key(f.concept, f.measure, f.period, f.scope, label)
        book.add(key, _fact_kind(f.measure, f.unit), Candidate(f.value, d, written(f.value, d, exact=exact), ff,
                                                              f.evidence.start),
                 signed=f.measure in ("change", "change_pct", "vs_budget"))
        if f.label is not None:
            labels = book.labels.setdefault((f.concept, f.measure, f.period, f.scope), [])
            if key[-1] not in labels:
                labels.append(key[-1])

    named: dict[str, int] = {}
    for i, p in enumerate(result.projects):
        name = normalise_name(p.name) or f"#{i}"
        if not p.is_total:  # two rows of one name are two projects (two units' 日常运行): the second is name#2
            named[name] = named.get(name, 0) + 1
            name = name if named[name] == 1 else f"{name}#{named[name]}"
        row = ("project_total", f"{i}") if p.is_total else ("project", name)
        target = book.project_totals if p.is_total else book.projects
        if row[1] not in target:
            target.append(row[1])
        for fld in PROJECT_FIELDS:
            v = getattr(p, fld)
            if v is None:
                continue
            ev: Evidence = p.cells.get(fld, p.evidence)
            d = _decimals(v, p.decimals.get(fld))
            kind = "percent" if fld == "rate" else ("score" if fld == "score" else "money")
            ff = FindingFact(project=p.name, field=fld, value=v, evidence=ev)
            exact = fld == "score" or (fld != "rate" and v == 0)
            book.add((*row, fld), kind, Candidate(v, d, written(v, d, exact=exact), ff, ev.start))

    for i, ind in enumerate(result.indicators):
        book.indicators.append(i)
        book.indicator_rows[i] = (ind.level1, ind.level2, ind.name, ind.is_total)
        for fld in INDICATOR_NUMBERS:
            v = getattr(ind, fld)
            if v is None:
                continue
            ev = ind.cells.get(fld, ind.evidence)
            ff = FindingFact(indicator=ind.name, field=fld, value=v, evidence=ev)
            d = _decimals(v, ind.decimals.get(fld))
            book.add(("indicator", str(i), fld), "score", Candidate(v, d, written(v, d, exact=True), ff, ev.start))

    ev_score = result.evaluation.score
    if ev_score is not None:
        d = _decimals(ev_score, result.evaluation.decimals.get("score"))
        evid = result.evaluation.cells.get("score")
        ff = FindingFact(concept="evaluation.score", field="score", value=ev_score, evidence=evid)
        book.add(EVAL_SCORE, "score", Candidate(ev_score, d, written(ev_score, d), ff,
                                                evid.start if evid else 10**9))
    return book
