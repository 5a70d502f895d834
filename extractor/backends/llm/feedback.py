"""Arithmetic feedback: re-ask the chunk a blamed model figure came from, once.

Reconciliation names, for a broken relation, the figure most likely at fault (a material
finding's culprit) and the value the other figures imply for it. When that figure came from
the model, the model may simply have misread the excerpt — the neighbouring cell, the budget
column — so the chunk that produced it is asked again, once, with the finding stated: the
figure, the value given, the relation it breaks and the value expected from the others
(``prompts/feedback.j2``, sent after the chunk's own messages)::

    blamed(extraction, findings)   one per culprit figure the extraction holds (model-sourced:
                                   the caller filters), with its evidence and field group
    → chunk_for(plan, figure)      the planned chunk whose excerpt holds the figure's evidence
    → one request per figure       (response cache and replay as for extraction)
    → ground_answer                the answer grounded against that chunk like any answer
    → replacement(figure, grounded)  kept only if it names the same figure, grounds, differs
                                   from the value given, and lies nearer the expected value
    → corrected(extraction, …)     a new extraction; the pipeline verifies and reconciles it

A model that repeats its value, answers something that does not ground, or moves further
from what the others imply changes nothing; a re-ask that fails is a warning, never a failed
document. The ledger counts ``feedback_asked`` (figures re-asked) and ``feedback_corrected``
(new values kept) besides the requests and tokens the re-asks cost.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Literal

from extractor.backends.llm.convert import Grounded
from extractor.backends.llm.schema import group_of
from extractor.chunk import Chunk
from extractor.concepts import BY_ID, normalise_name
from extractor.result import Evidence, Extraction, Fact, Finding, FindingFact, Indicator, Ledger, Project

__all__ = ["Blamed", "Replacement", "blamed", "chunk_for", "corrected", "prompt_fields", "replacement"]

Kind = Literal["fact", "project", "indicator", "evaluation"]


@dataclass(frozen=True)
class Blamed:
    """One figure a material finding blames, as the extraction holds it."""

    finding: Finding
    kind: Kind
    value: Decimal
    evidence: Evidence
    group: str
    """The response field group the figure is asked in (``expenditure``, ``projects`` …)."""
    fact: Fact | None = None
    name: str | None = None
    """The project's or indicator's name (rows)."""
    field: str | None = None
    """The row's numeric field (rows), ``score`` for the evaluation."""


@dataclass(frozen=True)
class Replacement:
    """The value a re-ask gave for a blamed figure, grounded in its chunk."""

    figure: Blamed
    value: Decimal
    evidence: Evidence
    decimals: int
    fact: Fact | None = None


def _is_culprit(ff: FindingFact, finding: Finding) -> bool:
    c = finding.culprit
    return (
        c is not None
        and ff.value == c.value
        and all(
            getattr(ff, k) == getattr(c, k)
            for k in ("concept", "measure", "period", "scope", "label", "project", "indicator", "field")
        )
    )


def _locate(ex: Extraction, finding: Finding) -> Blamed | None:
    """The culprit of ``finding`` as ``ex`` holds it (None when it holds no such figure)."""
    c = finding.culprit
    if c is None or c.value is None:
        return None
    at = next((ff.evidence for ff in finding.facts if _is_culprit(ff, finding) and ff.evidence), None)
    if c.project or c.indicator:
        kind: Kind = "project" if c.project else "indicator"
        rows: Sequence[Project | Indicator] = ex.projects if c.project else ex.indicators
        name = normalise_name(c.project or c.indicator)
        fld = str(c.field)
        for r in rows:
            ev = r.cells.get(fld, r.evidence)
            if normalise_name(r.name) == name and getattr(r, fld, None) == c.value and (at is None or ev == at):
                return Blamed(finding, kind, c.value, ev, kind + "s", name=r.name, field=fld)
        return None
    if c.concept == "evaluation.score":
        score = ex.evaluation.cells.get("score")
        if ex.evaluation.score == c.value and score is not None:
            return Blamed(finding, "evaluation", c.value, score, "evaluation", field="score")
        return None
    key = (c.concept, c.measure, c.period, c.scope, normalise_name(c.label) or None)
    for f in ex.facts:
        if f.match_key == key and f.value == c.value and (at is None or f.evidence == at):
            group = group_of(f.concept)
            return Blamed(finding, "fact", f.value, f.evidence, group, fact=f) if group else None
    return None


def blamed(ex: Extraction, findings: Iterable[Finding]) -> list[Blamed]:
    """Every figure of ``ex`` a material finding names as its culprit, once (the first finding)."""
    out: list[Blamed] = []
    seen: set[tuple[Any, ...]] = set()
    for finding in findings:
        if finding.severity != "material" or finding.culprit is None:
            continue
        b = _locate(ex, finding)
        if b is None:
            continue
        ident = (b.kind, b.fact.match_key if b.fact else b.name, b.field, b.value, b.evidence.start)
        if ident not in seen:
            seen.add(ident)
            out.append(b)
    return out


def _shows(chunk: Chunk, ev: Evidence) -> bool:
    if not (chunk.groups and chunk.start <= ev.start and ev.end <= chunk.end):
        return False
    return not chunk.windows or any(s <= ev.start and ev.end <= e for s, e in chunk.windows)


def chunk_for(plan: Sequence[Chunk], figure: Blamed) -> Chunk | None:
    """The planned chunk the figure was read from: the first whose excerpt shows its evidence,
    one asked about its group before any other."""
    shown = [c for c in plan if _shows(c, figure.evidence)]
    return next((c for c in shown if figure.group in c.groups), shown[0] if shown else None)


def _fmt(v: Decimal) -> str:
    return format(v, "f")


def prompt_fields(figure: Blamed) -> dict[str, Any]:
    """The variables of ``prompts/feedback.j2`` for one figure."""
    c = figure.finding.culprit
    if figure.fact is not None:
        f = figure.fact
        zh = BY_ID[f.concept].zh[0] if f.concept in BY_ID and BY_ID[f.concept].zh else f.concept
        what = f"{f.concept} ({zh}), measure {f.measure}, period {f.period}, scope {f.scope}"
        what += f", label {f.label}" if f.label else ""
        unit = f" {f.unit}" if f.unit != "count" else ""
    elif figure.kind == "evaluation":
        what, unit = "the evaluation score", ""
    else:
        what, unit = f'the {figure.field} of {figure.kind} "{figure.name}"', ""
        if figure.kind == "project" and figure.field not in ("rate", "score"):
            unit = " 万元"
    expected = None if c is None or c.suggested is None else _fmt(c.suggested) + unit
    return {
        "figure": what,
        "value": _fmt(figure.value) + unit,
        "quote": figure.evidence.quote,
        "relation": figure.finding.message_en or figure.finding.message,
        "expected": expected,
        "group": figure.group,
    }


def _nearer(new: Decimal, figure: Blamed) -> bool:
    """A changed value is kept only if it is nearer what the others imply (when they imply one)."""
    c = figure.finding.culprit
    if new == figure.value:
        return False
    return c is None or c.suggested is None or abs(new - c.suggested) < abs(figure.value - c.suggested)


def replacement(figure: Blamed, g: Grounded) -> Replacement | None:
    """What the grounded re-ask says for ``figure``, if it is to replace the value given."""
    if figure.fact is not None:
        key = figure.fact.match_key
        same = [f for f in g.facts if f.match_key == key]
        if not same or any(f.value == figure.value for f in same):
            return None  # not answered, or the value given stands
        f = min(
            same,
            key=lambda f: (
                abs(f.value - figure.value)
                if figure.finding.culprit is None or figure.finding.culprit.suggested is None
                else abs(f.value - figure.finding.culprit.suggested)
            ),
        )
        return Replacement(figure, f.value, f.evidence, f.decimals, fact=f) if _nearer(f.value, figure) else None
    if figure.kind == "evaluation":
        ev = g.evaluation
        if ev is None or ev.score is None or "score" not in ev.cells or not _nearer(ev.score, figure):
            return None
        return Replacement(figure, ev.score, ev.cells["score"], ev.decimals.get("score", 0))
    rows: list[Project] | list[Indicator] = g.projects if figure.kind == "project" else g.indicators
    fld = str(figure.field)
    for r in rows:
        v = getattr(r, fld, None)
        if normalise_name(r.name) == normalise_name(figure.name) and v is not None and fld in r.cells:
            return Replacement(figure, v, r.cells[fld], r.decimals.get(fld, 0)) if _nearer(v, figure) else None
    return None


def _row(rows: tuple[Any, ...], r: Replacement) -> tuple[Any, ...]:
    fld, name = str(r.figure.field), normalise_name(r.figure.name)
    out = []
    for row in rows:
        if (
            normalise_name(row.name) == name
            and getattr(row, fld) == r.figure.value
            and row.cells.get(fld, row.evidence) == r.figure.evidence
        ):
            row = row.model_copy(
                update={
                    fld: r.value,
                    "cells": {**row.cells, fld: r.evidence},
                    "decimals": {**row.decimals, fld: r.decimals},
                }
            )
        out.append(row)
    return tuple(out)


def corrected(
    ex: Extraction, kept: Sequence[Replacement], *, asked: int, spent: Ledger, warnings: Sequence[str] = ()
) -> Extraction:
    """``ex`` with every kept replacement applied and the re-asks' cost in its ledger."""
    facts, projects, indicators, evaluation = list(ex.facts), ex.projects, ex.indicators, ex.evaluation
    for r in kept:
        if r.fact is not None:
            at = next((i for i, f in enumerate(facts) if f is r.figure.fact), None)
            if at is None:
                continue
            if any(f.key == r.fact.key and f.value == r.fact.value for f in facts):
                del facts[at]  # the value is stated elsewhere already: the wrong one just goes
            else:
                facts[at] = r.fact
        elif r.figure.kind == "project":
            projects = _row(projects, r)
        elif r.figure.kind == "indicator":
            indicators = _row(indicators, r)
        else:
            evaluation = evaluation.model_copy(
                update={
                    "score": r.value,
                    "cells": {**evaluation.cells, "score": r.evidence},
                    "decimals": {**evaluation.decimals, "score": r.decimals},
                }
            )
    ledger = ex.ledger + spent + Ledger(feedback_asked=asked, feedback_corrected=len(kept))
    return replace(
        ex,
        facts=tuple(facts),
        projects=projects,
        indicators=indicators,
        evaluation=evaluation,
        ledger=ledger,
        warnings=(*ex.warnings, *warnings),
    )
