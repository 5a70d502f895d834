"""From a model's answer to facts, projects and indicators with evidence computed by code.

The model's word is taken for *what* a number is (concept, measure, scope); never for
*where* it is or *whether* it is there: that is :mod:`extractor.ground`'s job, and this
module only maps the answer's items onto it. For every item:

1. its ``quote`` and number are located in the chunk (:func:`extractor.ground.locate`:
   exact, then width/space-normalised, then bounded fuzzy, then the quote's clause that
   holds the number) — a quote that does not align, or does not hold the number, is dropped;
2. the unit written after the number in the text wins over the unit the model reported,
   and money is converted to 万元 (:func:`extractor.numbers.to_wan`), decimals as written.

Drops are counted: items the answer's validation rejected by reason (``invalid``, reported
as ``dropped_invalid`` and ``dropped_invalid.<reason>``), values that do not ground
(``dropped``, reported as ``dropped_ungrounded``). A fact's evidence is
the aligned quote, narrowed to the sentence holding the number when the quote is long; a
project's or indicator's evidence is its row, and each numeric cell gets the span of its
number.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from extractor.backends.llm.roles import role_of
from extractor.backends.llm.schema import (
    ChunkAnswer,
    EvaluationItem,
    FactItem,
    IndicatorItem,
    MetadataItem,
    ProjectItem,
)
from extractor.chunk import Chunk
from extractor.concepts import BY_ID, WAN_SHIFT, unit_for
from extractor.document import Document
from extractor.ground import (
    Aligned,
    How,
    align,
    evidence_for,
    locate,
    money_unit,
    narrow,
    number_evidence,
    occurrences,
    written_value,
)
from extractor.numbers import ZERO_WORDS, decimals_of, parse_number
from extractor.result import (
    INDICATOR_NUMBERS,
    PROJECT_MONEY,
    PROJECT_NUMBERS,
    Evaluation,
    Evidence,
    Fact,
    Indicator,
    Project,
)

log = logging.getLogger(__name__)

__all__ = ["Grounded", "ground_answer"]

_LABEL_SUFFIX = re.compile(r"\s*[(（](类|款|项)[)）]\s*$")
_MONEY_FIELDS = PROJECT_MONEY
_PROJECT_FIELDS = tuple(PROJECT_NUMBERS)


@dataclass
class Grounded:
    """What one chunk's answer contributed, grounded."""

    facts: list[Fact] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    evaluation: Evaluation | None = None
    org_name: str | None = None
    fiscal_year: int | None = None
    report_kind: str | None = None
    metadata_evidence: dict[str, Evidence] = field(default_factory=dict)
    dropped: int = 0
    invalid: Counter[str] = field(default_factory=Counter)
    """Items the answer's validation dropped, by reason (``unknown_concept``, ``not_a_number`` …)."""
    wrong_role: int = 0
    """Values whose text does not name their concept or measure (:mod:`.roles`)."""
    units_corrected: int = 0
    """Values whose unit, sign or scale the text corrected."""


def _fact(doc: Document, chunk: Chunk, item: FactItem, g: Grounded) -> None:
    written = parse_number(item.value)
    found = locate(doc, item.quote, written, lo=chunk.start, hi=chunk.end)
    if found is None:
        g.dropped += 1
        return
    a = found.span
    concept = BY_ID[item.concept]
    label = _LABEL_SUFFIX.sub("", item.label).strip() if concept.labelled and item.label else None
    zero = ZERO_WORDS.search(doc.text, a.start, a.end)  # a zero stated in words: its words are the number
    n, role = None, role_of(doc, zero.start() if zero else a.end, item.concept, item.measure, item.period, label)
    for n in found.numbers:  # a number written twice in the quote: the occurrence whose words fit
        role = role_of(doc, n.start, item.concept, item.measure, item.period, label)
        if role.ok:
            break
    if not role.ok:
        g.wrong_role += 1
        log.info("chunk %d: dropped %s %s=%s: %s", chunk.index, item.concept, item.measure, item.value, role.why)
        return
    target = unit_for(item.concept, item.measure)
    source_unit = None
    if n is None:  # a zero stated in words
        value, decimals = written, decimals_of(item.value)
    elif target == "万元":
        source_unit = money_unit(doc, n, item.unit)
        value, decimals = written_value(doc, n, source_unit, negative=role.negative)
        g.units_corrected += value != written
    else:
        value, decimals = written_value(doc, n, negative=role.negative)
    start, end = narrow(doc, a.start, a.end, n.start) if n is not None else (a.start, a.end)
    g.facts.append(
        Fact(
            concept=item.concept,
            measure=item.measure,
            period=item.period,
            scope=item.scope if concept.scoped else "all",
            label=label,
            value=value,
            unit=target,
            decimals=decimals,
            evidence=evidence_for(doc, start, end, a.how),
            source_unit=source_unit if WAN_SHIFT.get(source_unit or "万元") else None,
            backend="llm",
        )
    )


def _cells(
    doc: Document,
    start: int,
    end: int,
    how: How,
    values: dict[str, str | None],
    money: tuple[str, ...],
    unit: str | None,
    g: Grounded,
) -> tuple[dict[str, Decimal], dict[str, Evidence], dict[str, int]]:
    """Numeric cells of a row: value and decimals as the text writes them (money in the unit
    the text gives it, else ``unit``) and the span of each number (distinct occurrences in
    column order). Cells whose number is not in the row are dropped."""
    out: dict[str, Decimal] = {}
    cells: dict[str, Evidence] = {}
    decimals: dict[str, int] = {}
    used: set[int] = set()
    for name, raw in values.items():
        if raw is None:
            continue
        written = parse_number(raw)
        occ = occurrences(doc, start, end, written)
        if not occ:
            g.dropped += 1
            continue
        n = next((o for o in occ if o.start not in used), occ[0])
        used.add(n.start)
        value, dec = written_value(doc, n, money_unit(doc, n, unit) if name in money else None)
        g.units_corrected += value != written
        out[name], decimals[name] = value, dec
        cells[name] = number_evidence(doc, n, how)
    return out, cells, decimals


def _row_span(doc: Document, chunk: Chunk, quote: str, name: str) -> Aligned | None:
    a = align(quote, doc.text, lo=chunk.start, hi=chunk.end)
    if a is None or align(name, doc.text, lo=a.start, hi=a.end) is None:
        return None
    return a


def _project(doc: Document, chunk: Chunk, item: ProjectItem, g: Grounded) -> None:
    values = {f: getattr(item, f) for f in _PROJECT_FIELDS}
    a = _row_span(doc, chunk, item.quote, item.name)
    if a is None:
        g.dropped += sum(v is not None for v in values.values())
        return
    nums, cells, decimals = _cells(doc, a.start, a.end, a.how, values, _MONEY_FIELDS, item.unit, g)
    if not nums:
        return
    g.projects.append(
        Project(
            name=item.name.strip(),
            evidence=evidence_for(doc, a.start, a.end, a.how),
            cells=cells,
            decimals=decimals,
            is_total=item.is_total,
            **nums,
        )
    )


def _indicator(doc: Document, chunk: Chunk, item: IndicatorItem, g: Grounded) -> None:
    a = _row_span(doc, chunk, item.quote, item.name)
    if a is None:
        g.dropped += sum(getattr(item, f) is not None for f in INDICATOR_NUMBERS) or 1
        return
    nums, cells, decimals = _cells(
        doc, a.start, a.end, a.how, {"weight": item.weight, "score": item.score}, (), None, g
    )
    texts: dict[str, str | None] = {}
    for f in ("target", "actual", "level1", "level2", "note"):
        v = getattr(item, f)
        t = align(v, doc.text, lo=a.start, hi=a.end) if v else None
        if v and t is None:
            g.dropped += f in ("target", "actual")
        texts[f] = doc.text[t.start : t.end] if t else None
        if t and f in ("target", "actual"):
            cells[f] = evidence_for(doc, t.start, t.end, t.how)
    g.indicators.append(
        Indicator(
            name=item.name.strip(),
            evidence=evidence_for(doc, a.start, a.end, a.how),
            cells=cells,
            decimals=decimals,
            **nums,
            **texts,
        )
    )


def _evaluation(doc: Document, chunk: Chunk, item: EvaluationItem, g: Grounded) -> None:
    a = align(item.quote, doc.text, lo=chunk.start, hi=chunk.end)
    if a is None:
        g.dropped += item.score is not None
        return
    nums, cells, decimals = _cells(doc, a.start, a.end, a.how, {"score": item.score}, (), None, g)
    grade = None
    if item.grade:
        t = align(item.grade, doc.text, lo=a.start, hi=a.end)
        if t is not None and t.how == "exact":
            grade = item.grade
            cells["grade"] = evidence_for(doc, t.start, t.end)
    if nums or grade:
        g.evaluation = Evaluation(score=nums.get("score"), grade=grade, cells=cells, decimals=decimals)


def _metadata(doc: Document, chunk: Chunk, item: MetadataItem, g: Grounded) -> None:
    a = align(item.quote, doc.text, lo=chunk.start, hi=chunk.end)
    if a is None:
        return
    if item.org_name:
        pos = doc.text.find(item.org_name.strip(), a.start, a.end)
        if pos >= 0:
            g.org_name = item.org_name.strip()
            g.metadata_evidence["org_name"] = evidence_for(doc, pos, pos + len(g.org_name))
    if item.fiscal_year:
        pos = doc.text.find(str(item.fiscal_year), a.start, a.end)
        if pos >= 0:
            g.fiscal_year = item.fiscal_year
            g.metadata_evidence["fiscal_year"] = evidence_for(doc, pos, pos + 4)
    if item.report_kind != "other":
        g.report_kind = item.report_kind
        g.metadata_evidence["report_kind"] = evidence_for(doc, a.start, a.end, a.how)


def ground_answer(doc: Document, chunk: Chunk, answer: ChunkAnswer) -> Grounded:
    """Ground every item of one chunk's answer; drop (and count) what does not hold."""
    g = Grounded()
    for r in answer.rejected:
        g.invalid[r.reason] += 1
        log.info("chunk %d: dropped %s (%s): %s", chunk.index, r.field, r.reason, r.detail)
    for item in getattr(answer, "facts", None) or ():
        _fact(doc, chunk, item, g)
    for p in getattr(answer, "projects", None) or ():
        _project(doc, chunk, p, g)
    for ind in getattr(answer, "indicators", None) or ():
        _indicator(doc, chunk, ind, g)
    ev = getattr(answer, "evaluation", None)
    if ev is not None:
        _evaluation(doc, chunk, ev, g)
    md = getattr(answer, "metadata", None)
    if md is not None:
        _metadata(doc, chunk, md, g)
    return g
