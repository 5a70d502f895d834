"""Scoring findings against ``expected_findings``, and the grounding check of every value.

Findings
    Gold lists the material arithmetic errors it expects by ``kind`` and ``concepts``, whose
    entries are ``concept``, ``concept@scope``, ``project:<name>``, ``indicator:<name>``,
    ``projects.<field>``, ``indicators.<field>`` or ``evaluation.score``. A result finding
    *can* stand for an expected one when it is ``material``, has the same ``kind``, and at
    least one of its facts is named by one of those entries. Expected and result findings
    are then paired one-to-one (Hungarian), so one result finding cannot be credited for two
    expected ones; among candidates, a finding that names gold's culprit is preferred, then
    one that involves the culprit figure, then the one sharing more facts.

    A ``completeness`` finding has no facts: it stands for an expected one when gold's
    ``note`` names its form (``table``), as a name and not as the tail of a longer one.
    An ``optional`` expected finding exists only if optional facts are read: it does not
    count against recall, and findings on its figures are no false alarms.

    * recall = paired expected material findings / expected material (not optional) findings;
    * false alarms = material result findings none of whose facts is named by *any*
      expected finding (rounding ones included): the report is consistent there per gold;
    * culprit accuracy = expected material findings whose culprit the result names
      correctly / expected material findings with a culprit in checkable form (a missed
      finding names no culprit). A culprit is right when concept, measure (default
      ``actual``), the scope and label if gold gives them, and the value (within tolerance)
      agree — or project/indicator, field and value.

Grounding
    Every value a result carries is checked the way the pipeline promises: the evidence span
    holds the quote (``text[start:end] == quote``) and a number occurs in its quote
    (:func:`extractor.numbers.number_in_quote`). Facts, project and indicator rows and their
    numeric cells, the evaluation score and grade, metadata evidence and findings' facts are
    checked; each failure is a violation, listed with the value and the quote.
"""

from __future__ import annotations

import re
from decimal import Decimal

from scipy.optimize import linear_sum_assignment

from extractor.concepts import normalise_name
from extractor.evaluate.counts import FindingCounts, GroundCounts, fact_values_match, fmt, values_match
from extractor.evaluate.gold import ExpectedFinding, Gold, GoldCulprit
from extractor.evaluate.outcome import NAME_FLOOR, Outcome, name_similarity
from extractor.numbers import number_in_quote
from extractor.result import (
    INDICATOR_NUMBERS,
    PROJECT_NUMBERS,
    Culprit,
    Evidence,
    Finding,
    FindingFact,
    Result,
)

__all__ = ["check_grounding", "ref_matches", "score_findings"]


def names_match(gold_name: str, got: str | None) -> bool:
    """Gold may shorten a long row name (``救助困难职工…``): prefix or similar enough."""
    if not got:
        return False
    a, b = normalise_name(gold_name.rstrip("…")), normalise_name(got)
    return bool(a) and (a == b or b.startswith(a) or a.startswith(b) or name_similarity(a, b) >= NAME_FLOOR)


def ref_matches(ref: str, ff: FindingFact | Culprit) -> bool:
    """Does the gold ``concepts`` entry ``ref`` name this fact of a result finding?"""
    if ref == "evaluation.score":
        return ff.concept == "evaluation.score" or (
            ff.field == "score" and ff.project is None and ff.indicator is None and ff.concept in (None, "evaluation")
        )
    for prefix, attr in (("project:", "project"), ("indicator:", "indicator")):
        if ref.startswith(prefix):
            return names_match(ref[len(prefix) :], getattr(ff, attr))
    for prefix, attr in (("projects.", "project"), ("indicators.", "indicator")):
        if ref.startswith(prefix):
            return getattr(ff, attr) is not None and ff.field == ref[len(prefix) :]
    concept, _, scope = ref.partition("@")
    return ff.concept == concept and (not scope or (ff.scope or "all") == scope)


_CJK = re.compile(r"[\u4e00-\u9fff]")


def names_table(note: str | None, table: str | None) -> bool:
    """Does gold's note name the form ``table``? (A name, not the tail of a longer one:
    ``收支总表`` is not named by ``财政拨款收支总表 missing``.)"""
    if not note or not table:
        return False
    n, t = normalise_name(note), normalise_name(table)
    return any(i == 0 or not _CJK.match(n[i - 1]) for i in (m.start() for m in re.finditer(re.escape(t), n)))


def _touches(ef: ExpectedFinding, finding: Finding) -> int:
    if finding.kind == "completeness" or ef.kind == "completeness":
        return int(finding.kind == ef.kind and names_table(ef.note, finding.table))
    return sum(any(ref_matches(ref, ff) for ref in ef.concepts) for ff in finding.facts)


def culprit_matches(g: GoldCulprit, r: Culprit | FindingFact | None) -> bool:
    if r is None:
        return False
    if g.concept is not None:
        if r.concept != g.concept or (r.measure or "actual") != (g.measure or "actual"):
            return False
        if g.scope and (r.scope or "all") != g.scope:
            return False
        if g.label and normalise_name(g.label) != normalise_name(r.label):
            return False
        return g.value is None or (
            r.value is not None and fact_values_match(g.concept, g.measure or "actual", g.value, r.value)
        )
    name, attr = (g.project, "project") if g.project is not None else (g.indicator, "indicator")
    if name is None or not names_match(name, getattr(r, attr)) or (g.field and r.field != g.field):
        return False
    unit = {**PROJECT_NUMBERS, **INDICATOR_NUMBERS}.get(g.field or "", "万元")
    return g.value is None or (r.value is not None and values_match(g.value, r.value, unit))


def _fid(i: int, ef: ExpectedFinding) -> str:
    return f"finding|{i}|{ef.kind}|{','.join(ef.concepts)}"


def score_findings(gold: Gold, result: Result) -> tuple[FindingCounts, list[Outcome]]:
    doc = gold.document
    # an optional expected finding exists only if optional facts are read: it does not count
    # against recall (spec, Revision 2), and a finding on its figures is no false alarm
    expected = [(i, ef) for i, ef in enumerate(gold.expected_findings) if ef.severity == "material" and not ef.optional]
    material = [f for f in result.findings if f.severity == "material"]
    pairs: list[tuple[int, int]] = []
    if expected and material:
        weight = [[0.0] * len(material) for _ in expected]
        for a, (_, ef) in enumerate(expected):
            ref = ef.culprit_ref
            for b, f in enumerate(material):
                overlap = _touches(ef, f)
                if f.kind == ef.kind and overlap:
                    names_it = ref is not None and culprit_matches(ref, f.culprit)
                    involves_it = ref is not None and any(culprit_matches(ref, ff) for ff in f.facts)
                    weight[a][b] = 1.0 + 0.5 * names_it + 0.1 * involves_it + 0.01 * min(overlap, 10)
        rows, cols = linear_sum_assignment(weight, maximize=True)
        pairs = [(int(a), int(b)) for a, b in zip(rows, cols, strict=True) if weight[a][b] > 0]
    paired = dict(pairs)
    outcomes: list[Outcome] = []
    scorable = named = 0
    for a, (i, ef) in enumerate(expected):
        got = material[paired[a]] if a in paired else None
        outcomes.append(
            Outcome(
                doc, "finding", _fid(i, ef), "recalled" if got else "missed", ef.note, (got.message,) if got else ()
            )
        )
        ref = ef.culprit_ref
        if ref is not None:
            scorable += 1
            ok = got is not None and culprit_matches(ref, got.culprit)
            named += int(ok)
            outcomes.append(
                Outcome(
                    doc,
                    "culprit",
                    _fid(i, ef) + "|culprit",
                    "named" if ok else "not_named",
                    ref.text,
                    _culprit_text(got.culprit) if got else (),
                )
            )
    false_alarms = 0
    for f in material:
        if not any(_touches(ef, f) for ef in gold.expected_findings):
            false_alarms += 1
            outcomes.append(
                Outcome(doc, "false_alarm", f"false_alarm|{f.rule}|{f.id}", "false_alarm", None, (f.message,))
            )
    counts = FindingCounts(
        expected=len(expected),
        recalled=len(pairs),
        material_reported=len(material),
        false_alarms=false_alarms,
        culprits_scorable=scorable,
        culprits_named=named,
    )
    return counts, outcomes


def _culprit_text(c: Culprit | None) -> tuple[str, ...]:
    if c is None:
        return ()
    who = c.concept or (f"project:{c.project}" if c.project else f"indicator:{c.indicator}")
    parts = [who, c.label and f"[{c.label}]", c.scope and f"@{c.scope}", c.measure or c.field, fmt(c.value)]
    return (" ".join(p for p in parts if p),)


# --------------------------------------------------------------------------- grounding


def check_grounding(result: Result, text: str) -> tuple[GroundCounts, list[dict[str, object]]]:
    """Check every evidence span and every value-in-quote; return counts and violations."""
    checked = 0
    violations: list[dict[str, object]] = []

    def check(where: str, ev: Evidence | None, value: Decimal | None) -> None:
        nonlocal checked
        checked += 1
        reason = None
        if ev is None:
            reason = "no evidence"
        elif not (0 <= ev.start <= ev.end <= len(text)) or text[ev.start : ev.end] != ev.quote:
            reason = "span does not hold the quote"
        elif value is not None and not number_in_quote(value, ev.quote):
            reason = "number not in quote"
        if reason:
            violations.append(
                {
                    "document": result.document,
                    "where": where,
                    "value": fmt(value),
                    "quote": ev.quote if ev else None,
                    "reason": reason,
                }
            )

    for f in result.facts:
        label = f"[{f.label}]" if f.label else ""
        check(f"fact {f.concept}{label}@{f.scope} {f.measure} {f.period}", f.evidence, f.value)
    for kind, rows, numeric in (
        ("project", result.projects, tuple(PROJECT_NUMBERS)),
        ("indicator", result.indicators, tuple(INDICATOR_NUMBERS)),
    ):
        for row in rows:
            check(f"{kind} {row.name}", row.evidence, None)
            for name in numeric:
                value = getattr(row, name)
                if value is not None:
                    check(f"{kind} {row.name} {name}", row.cells.get(name), value)
            for name, ev in row.cells.items():
                if name not in numeric:
                    check(f"{kind} {row.name} {name}", ev, None)
    ev_cells = result.evaluation.cells
    if result.evaluation.score is not None:
        check("evaluation.score", ev_cells.get("score"), result.evaluation.score)
    if result.evaluation.grade is not None and "grade" in ev_cells:
        check("evaluation.grade", ev_cells["grade"], None)
    for name, ev in result.metadata_evidence.items():
        check(f"metadata {name}", ev, None)
    for finding in result.findings:
        if finding.evidence is not None:
            check(f"finding {finding.id} {finding.table or finding.kind}", finding.evidence, None)
        for ff in finding.facts:
            if ff.evidence is not None:
                check(f"finding {finding.id} {ff.concept or ff.project or ff.indicator}", ff.evidence, ff.value)
    return GroundCounts(checked=checked, violations=len(violations)), violations
