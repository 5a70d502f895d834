"""Score one result against one gold file (spec, "Scoring"), and sum documents.

Facts
    The key is ``(concept, measure, period, scope, label)``; labels compare after
    :func:`~extractor.evaluate.gold.normalise_name`. Money matches within 0.005 万元, percents
    within 0.005 points, counts exactly (:mod:`~extractor.evaluate.counts`). Every key in gold
    or result gets exactly one outcome:

    * ``correct`` — gold has the key and *some* extracted value for it equals the gold value
      or one of its ``alternatives``;
    * ``wrong`` — gold has the key, the result has it, and no extracted value matches;
    * ``invented`` — the result has a key gold does not (one per key, whatever its values);
    * ``missed`` — a non-optional gold key the result does not have;
    * ``correctly_absent`` — an ``optional`` gold key the result does not have (no error).

    A result may hold several values for one key (the report states two numbers: the result
    keeps both and the reconciler flags the conflict). When one of them is right the key is
    ``correct`` and each further distinct value is counted as a ``conflict_value`` — shown,
    but in neither precision nor recall, since keeping a stated conflicting number is what
    the spec asks a result to do. When none is right the key is ``wrong``.

    precision = correct / (correct + wrong + invented); recall = correct / (correct + wrong +
    missed); a wrong value is both a false positive and a false negative, so
    F1 = 2·correct / (2·correct + 2·wrong + invented + missed). Correctly absent keys are in
    no denominator; an optional key that is extracted counts like any other.

Projects and indicators
    Result rows with ``is_total`` (and projects that ``restates`` another) are left out. Rows
    pair one-to-one by the Hungarian method
    (:func:`scipy.optimize.linear_sum_assignment`) on the similarity of normalised names
    (rapidfuzz ``ratio``), pairs below :data:`NAME_FLOOR` are not pairs; for indicators equal
    ``level1``/``level2`` only break ties. Row precision/recall/F1 count pairs. In each pair,
    every gold cell that is not ``null`` is scored: numbers like facts (rates in percent,
    weights and scores in points within 0.005, money within 0.005 万元), strings (and the
    name) by normalised equality; a ``null`` result cell is ``missed``. Cell accuracy is over
    the cells of paired rows; cells of unpaired gold rows are already lost in row recall.

Metadata
    ``org_name`` and ``evaluation.grade`` by normalised equality, ``fiscal_year`` and
    ``report_kind`` exactly, ``evaluation.score`` within 0.005; ``null`` in gold must be
    ``null`` in the result. Accuracy is over five fields per document.

Findings and grounding: see :mod:`~extractor.evaluate.findings`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from extractor.concepts import family_of, normalise_name
from extractor.evaluate.counts import (
    FactCounts,
    FindingCounts,
    GroundCounts,
    MetaCounts,
    RowCounts,
    fact_values_match,
    fmt,
    values_match,
)
from extractor.evaluate.gold import Gold, GoldFact, GoldIndicator, GoldProject
from extractor.evaluate.outcome import Outcome, pair_rows
from extractor.result import (
    INDICATOR_NUMBERS,
    INDICATOR_STRINGS,
    PROJECT_NUMBERS,
    Fact,
    FactKey,
    Indicator,
    Ledger,
    Project,
    Result,
)

__all__ = ["DocScore", "score_document", "score_facts"]


@dataclass(frozen=True, slots=True)
class DocScore:
    document: str
    facts: FactCounts
    families: dict[str, FactCounts]
    projects: RowCounts
    indicators: RowCounts
    metadata: MetaCounts
    findings: FindingCounts
    grounding: GroundCounts
    cost: Ledger
    outcomes: tuple[Outcome, ...] = ()
    violations: tuple[dict[str, object], ...] = ()
    error: str | None = None
    grounding_checked: bool = True
    meta: dict[str, object] = field(default_factory=dict)


# --------------------------------------------------------------------------- facts


def _key_id(key: FactKey) -> str:
    return "|".join(["fact", *(k or "" for k in key)])


def _rel_error(gold: Decimal, got: Decimal) -> float:
    return float(abs(got - gold) / max(abs(gold), Decimal("0.01")))


def score_facts(gold: Gold, result: Result) -> tuple[FactCounts, dict[str, FactCounts], list[Outcome]]:
    """Fact outcomes per key, micro counts, and counts per concept family."""
    doc = gold.document
    got: dict[FactKey, list[Fact]] = {}
    for f in result.facts:
        got.setdefault(f.match_key, []).append(f)
    want: dict[FactKey, list[GoldFact]] = {}
    for gf in gold.facts:
        want.setdefault(gf.match_key, []).append(gf)
    families: dict[str, FactCounts] = {}
    outcomes: list[Outcome] = []
    for key in sorted(set(want) | set(got), key=lambda k: tuple(x or "" for x in k)):
        distinct: list[Fact] = []
        for f in got.get(key, []):
            if all(f.value != d.value for d in distinct):
                distinct.append(f)
        family = family_of(key[0])
        for n, (g, counts, outcome, hit, err) in enumerate(_pair_key(key, want.get(key, []), distinct)):
            extracted = tuple(fmt(f.value) or "" for f in distinct)
            quote = hit.evidence.quote if hit else distinct[0].evidence.quote if distinct else g.quote if g else None
            families[family] = families.get(family, FactCounts()) + counts
            key_id = _key_id(key) if n == 0 else f"{_key_id(key)}#{n + 1}"
            outcomes.append(
                Outcome(doc, "fact", key_id, outcome, fmt(g.value) if g else None, extracted, quote, family, err)
            )
    total = sum(families.values(), FactCounts())
    return total, families, outcomes


def _pair_key(
    key: FactKey,
    golds: Sequence[GoldFact],
    distinct: Sequence[Fact],
) -> list[tuple[GoldFact | None, FactCounts, str, Fact | None, float | None]]:
    """The outcomes of one key: each gold fact paired with its own extracted value.

    Scoring ignores codes (spec, revision 2), so one key may hold several gold facts (行政运行
    under two 款): each is matched one-to-one to a distinct extracted value it agrees with. A
    gold fact left without one is wrong when an unpaired value remains, else missed; values
    beyond the gold's count are a key's conflicting values, as for a single gold fact.
    """
    if not golds:
        return [(None, FactCounts(invented=1), "invented", None, None)]
    unused = list(distinct)
    rows: list[tuple[GoldFact | None, FactCounts, str, Fact | None, float | None]] = []
    pending: list[GoldFact] = []
    for g in golds:
        targets = (g.value, *g.alternatives)
        hit = next((f for f in unused if any(fact_values_match(key[0], key[1], t, f.value) for t in targets)), None)
        if hit is None:
            pending.append(g)
            continue
        unused.remove(hit)
        rows.append((g, FactCounts(correct=1), "correct", hit, None))
    for g in pending:
        if not distinct or (len(golds) > 1 and not unused):
            absent = FactCounts(correctly_absent=1) if g.optional else FactCounts(missed=1)
            rows.append((g, absent, "correctly_absent" if g.optional else "missed", None, None))
        elif len(golds) == 1:
            err = round(min(_rel_error(g.value, f.value) for f in distinct), 6)
            rows.append((g, FactCounts(wrong=1), "wrong", None, err))
        else:
            wrong = unused.pop(0)
            rows.append((g, FactCounts(wrong=1), "wrong", wrong, round(_rel_error(g.value, wrong.value), 6)))
    stated = [t for gf in golds for t in (gf.value, *gf.alternatives)]
    conflicts = [f for f in unused if not any(fact_values_match(key[0], key[1], t, f.value) for t in stated)]
    if conflicts and rows[0][2] == "correct":
        first = rows[0]
        rows[0] = (first[0], first[1] + FactCounts(conflict_values=len(conflicts)), *first[2:])
    order = {id(gf): i for i, gf in enumerate(golds)}
    return sorted(rows, key=lambda r: order[id(r[0])])


# --------------------------------------------------------------------------- rows


def _row_ids(kind: str, names: Sequence[str]) -> list[str]:
    ids, seen = [], dict[str, int]()
    for n in names:
        base = f"{kind}|{n}"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return ids


def _score_rows(
    doc: str,
    kind: str,
    gold_rows: Sequence[GoldProject | GoldIndicator],
    result_rows: Sequence[Project | Indicator],
    numbers: Mapping[str, str],
    strings: Sequence[str],
) -> tuple[RowCounts, list[Outcome]]:
    rows = [r for r in result_rows if (r.is_project if isinstance(r, Project) else not r.is_total)]
    tiebreak = None
    if kind == "indicator":

        def tiebreak(i: int, j: int) -> float:
            g, r = gold_rows[i], rows[j]
            return sum(
                0.001 for f in ("level1", "level2") if normalise_name(getattr(g, f)) == normalise_name(getattr(r, f))
            )

    pairs = pair_rows([g.name for g in gold_rows], [r.name for r in rows], tiebreak)
    gold_ids = _row_ids(
        kind, ["|".join(normalise_name(x) for x in (getattr(g, "level2", None), g.name) if x) for g in gold_rows]
    )
    outcomes: list[Outcome] = []
    paired_g, paired_r = {i for i, _, _ in pairs}, {j for _, j, _ in pairs}
    cells = RowCounts()
    for i, j, _sim in pairs:
        g, r = gold_rows[i], rows[j]
        outcomes.append(Outcome(doc, kind, gold_ids[i], "matched", g.name, (r.name,), r.evidence.quote))
        for name, unit in numbers.items():
            gv, rv = getattr(g, name), getattr(r, name)
            if gv is None:
                continue
            ev = r.cells.get(name)
            if rv is None:
                res, c = "missed", RowCounts(cells_scored=1, cells_missed=1)
            elif values_match(gv, rv, unit):
                res, c = "correct", RowCounts(cells_scored=1, cells_correct=1)
            else:
                res, c = "wrong", RowCounts(cells_scored=1, cells_wrong=1)
            cells += c
            outcomes.append(
                Outcome(
                    doc,
                    f"{kind}_cell",
                    f"{gold_ids[i]}|{name}",
                    res,
                    fmt(gv),
                    (fmt(rv) or "",) if rv is not None else (),
                    ev.quote if ev else None,
                    error=_rel_error(gv, rv) if res == "wrong" else None,
                )
            )
        for name in strings:
            gs, rs = getattr(g, name), getattr(r, name)
            if gs is None:
                continue
            if rs is None:
                res, c = "missed", RowCounts(cells_scored=1, cells_missed=1)
            elif normalise_name(gs) == normalise_name(rs):
                res, c = "correct", RowCounts(cells_scored=1, cells_correct=1)
            else:
                res, c = "wrong", RowCounts(cells_scored=1, cells_wrong=1)
            cells += c
            outcomes.append(
                Outcome(
                    doc,
                    f"{kind}_cell",
                    f"{gold_ids[i]}|{name}",
                    res,
                    gs,
                    (rs,) if rs is not None else (),
                    r.evidence.quote,
                )
            )
    for i, g in enumerate(gold_rows):
        if i not in paired_g:
            outcomes.append(Outcome(doc, kind, gold_ids[i], "missed", g.name, (), g.quote))
    extra_ids = _row_ids(kind, [normalise_name(r.name) for r in rows])
    for j, r in enumerate(rows):
        if j not in paired_r:
            outcomes.append(Outcome(doc, kind, f"{extra_ids[j]}|extra", "invented", None, (r.name,), r.evidence.quote))
    counts = cells + RowCounts(gold_rows=len(gold_rows), result_rows=len(rows), matched_rows=len(pairs))
    return counts, outcomes


# --------------------------------------------------------------------------- metadata


def score_metadata(gold: Gold, result: Result) -> tuple[MetaCounts, list[Outcome]]:
    gs, rs = gold.evaluation.score, result.evaluation.score
    checks: list[tuple[str, object, object, bool]] = [
        ("org_name", gold.org_name, result.org_name, normalise_name(gold.org_name) == normalise_name(result.org_name)),
        ("fiscal_year", gold.fiscal_year, result.fiscal_year, gold.fiscal_year == result.fiscal_year),
        ("report_kind", gold.report_kind, result.report_kind, gold.report_kind == result.report_kind),
        (
            "evaluation.score",
            gs,
            rs,
            (gs is None and rs is None) or (gs is not None and rs is not None and values_match(gs, rs, "%")),
        ),
        (
            "evaluation.grade",
            gold.evaluation.grade,
            result.evaluation.grade,
            normalise_name(gold.evaluation.grade) == normalise_name(result.evaluation.grade),
        ),
    ]
    outcomes = []
    values: dict[str, int] = {"documents": 1}
    for name, gv, rv, ok in checks:
        values[name.replace(".", "_")] = int(ok)
        outcomes.append(
            Outcome(
                gold.document,
                "metadata",
                f"metadata|{name}",
                "correct" if ok else "wrong",
                fmt(gv) if isinstance(gv, Decimal) else (None if gv is None else str(gv)),
                () if rv is None else (str(fmt(rv) if isinstance(rv, Decimal) else rv),),
            )
        )
    return MetaCounts(**values), outcomes


# --------------------------------------------------------------------------- document


def _cost(result: Result, wall_s: float | None) -> Ledger:
    wall = wall_s if wall_s is not None else sum(result.provenance.timings.values())
    return result.provenance.ledger.model_copy(update={"wall_s": round(wall, 3)})


def score_document(
    gold: Gold, result: Result, *, text: str | None = None, wall_s: float | None = None, error: str | None = None
) -> DocScore:
    """Score ``result`` against ``gold``; ``text`` (the normalised document) enables grounding."""
    from extractor.evaluate.findings import check_grounding, score_findings

    facts, families, outcomes = score_facts(gold, result)
    projects, p_out = _score_rows(gold.document, "project", gold.projects, result.projects, PROJECT_NUMBERS, ("name",))
    indicators, i_out = _score_rows(
        gold.document, "indicator", gold.indicators, result.indicators, INDICATOR_NUMBERS, INDICATOR_STRINGS
    )
    metadata, m_out = score_metadata(gold, result)
    findings, f_out = score_findings(gold, result)
    grounding, violations = check_grounding(result, text) if text is not None else (GroundCounts(), [])
    prov = result.provenance
    return DocScore(
        document=gold.document,
        facts=facts,
        families=families,
        projects=projects,
        indicators=indicators,
        metadata=metadata,
        findings=findings,
        grounding=grounding,
        cost=_cost(result, wall_s),
        outcomes=(*outcomes, *p_out, *i_out, *m_out, *f_out),
        violations=tuple(violations),
        error=error,
        grounding_checked=text is not None,
        meta={"backend": prov.backend, "model": prov.model, "prompt_version": prov.prompt_version},
    )
