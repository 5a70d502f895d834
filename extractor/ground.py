"""Grounding: every value is tied to an exact quote of the normalised text, by code.

Every backend's values pass through here, and this is the only place that says *where* a
value is and *whether* it is there::

    align(quote, text)            re-find a quote: exact, then width/space-normalised, then
                                  bounded fuzzy (rapidfuzz); the span returned *is* the quote
    locate(doc, quote, value)     a model's (quote, number): the aligned quote (or, for a quote
                                  the model extended, its clause holding the number) and the
                                  occurrence of the number in it, as written
    occurrences(doc, span, value) the numbers of a span equal to a value (as written first,
                                  then in 元/亿元, then unsigned)
    evidence_for(doc, start, end) the one constructor of :class:`~extractor.result.Evidence`
    money_unit(doc, number)       the unit a money amount is written in: after it, its column
                                  header's, the table's unit line, else the answer's
    written_value(number, unit)   value and decimals as written (not as the model typed them),
                                  converted to 万元
    verify(doc, extraction)       the pipeline's last word, for any backend: the span holds
                                  the quote and the number occurs in it; what fails is
                                  dropped and counted (``dropped_ungrounded``)
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Literal

from extractor.concepts import MONEY_UNIT_RE, UNIT_ALIASES
from extractor.document import Document, normalise
from extractor.numbers import (
    HEADER_UNIT,
    MONEY_UNITS,
    UNIT_LINE,
    WrittenNumber,
    close_digit_gaps,
    find_numbers,
    number_in_quote,
    to_wan,
    wan_readings,
)
from extractor.result import (
    INDICATOR_NUMBERS,
    PROJECT_NUMBERS,
    Evidence,
    Extraction,
    Fact,
    Indicator,
    Project,
)

log = logging.getLogger(__name__)

__all__ = [
    "Aligned",
    "How",
    "Located",
    "align",
    "column_header",
    "evidence_for",
    "locate",
    "money_unit",
    "narrow",
    "number_evidence",
    "occurrences",
    "unit_after",
    "unit_in_force",
    "verify",
    "written_value",
]

How = Literal["exact", "normalised", "fuzzy", "table"]
FUZZY_MIN_SCORE = 90.0
FUZZY_MAX_QUOTE = 400
NARROW_OVER = 80
"""Quotes longer than this are narrowed to the sentence holding the number."""
_SENTENCE = re.compile(r"[。；;\n]")
_CLAUSE = re.compile(r"[。；;，\n\t]|,(?!\d{3})")
_UNIT_AFTER = re.compile(rf"\s*({MONEY_UNIT_RE}|%|分|{'|'.join(UNIT_ALIASES)})")


@dataclass(frozen=True, slots=True)
class Aligned:
    start: int
    end: int
    how: How


@dataclass(frozen=True, slots=True)
class Located:
    """A model's quote found in the text, and the number in it."""

    span: Aligned
    numbers: tuple[WrittenNumber, ...]
    """The occurrences of the value in the span, as written first; none when the value is a
    zero stated in words ("与上年持平")."""

    @property
    def number(self) -> WrittenNumber | None:
        return self.numbers[0] if self.numbers else None


# --------------------------------------------------------------------------- alignment


def _squeeze(s: str) -> tuple[str, list[int]]:
    """Remove whitespace; return the squeezed string and, per char, its index in ``s``."""
    chars, idx = [], []
    for i, c in enumerate(s):
        if not c.isspace():
            chars.append(c)
            idx.append(i)
    return "".join(chars), idx


def align(quote: str, text: str, *, lo: int = 0, hi: int | None = None) -> Aligned | None:
    """Find ``quote`` in ``text[lo:hi]``; offsets returned are into ``text``."""
    hi = len(text) if hi is None else hi
    window = text[lo:hi]
    q = quote.strip()
    if not q:
        return None
    pos = window.find(q)
    if pos >= 0:
        return Aligned(lo + pos, lo + pos + len(q), "exact")
    qn, _ = normalise(q)
    qs, _ = _squeeze(qn)
    if not qs:
        return None
    ws, widx = _squeeze(window)
    pos = ws.find(qs)
    if pos >= 0:
        return Aligned(lo + widx[pos], lo + widx[pos + len(qs) - 1] + 1, "normalised")
    if len(qs) > FUZZY_MAX_QUOTE or len(qs) < 6:
        return None
    from rapidfuzz import fuzz  # only fuzzy alignment needs it: imported on first use (start-up time)

    res = fuzz.partial_ratio_alignment(qs, ws, score_cutoff=FUZZY_MIN_SCORE)
    if res is None or res.dest_end <= res.dest_start:
        return None
    return Aligned(lo + widx[res.dest_start], lo + widx[res.dest_end - 1] + 1, "fuzzy")


def occurrences(doc: Document, start: int, end: int, value: Decimal) -> list[WrittenNumber]:
    """Numbers in ``text[start:end]`` equal to ``value`` (or to it in 元/亿元, or unsigned),
    the ones written as the value first."""

    def equal(n: WrittenNumber) -> bool:
        return any(v in (value, -value) for v in wan_readings(n.value))

    out = [n for n in find_numbers(doc.text[start:end], offset=start) if equal(n)]
    if not out:  # "3 58.52": spaces inside the number, as PDF text layers write them
        closed, idx = close_digit_gaps(doc.text[start:end])
        for n in find_numbers(closed):
            if equal(n):
                s, e = start + idx[n.start], start + idx[n.end - 1] + 1
                out.append(n._replace(text=doc.text[s:e], start=s, end=e))
    out.sort(key=lambda n: n.value not in (value, -value))
    return out


def _clause_with(quote: str, value: Decimal) -> str | None:
    """The clause of ``quote`` that states ``value`` (for a quote the model extended)."""
    qn, _ = normalise(quote)
    for part in _CLAUSE.split(qn):
        if part.strip() and number_in_quote(value, part):
            return part.strip()
    return None


def locate(doc: Document, quote: str, value: Decimal, *, lo: int = 0, hi: int | None = None) -> Located | None:
    """Where a model's (quote, value) is in ``doc.text[lo:hi]``, or ``None`` when it is not.

    The quote is aligned as a whole; when it does not align (the model added words that are
    not there), its clause holding the number is aligned instead, as a fuzzy match. The value
    must then be written in the aligned span.
    """
    a = align(quote, doc.text, lo=lo, hi=hi)
    if a is None or not number_in_quote(value, doc.text[a.start : a.end]):
        clause = _clause_with(quote, value)
        part = align(clause, doc.text, lo=lo, hi=hi) if clause and clause != quote.strip() else None
        if part is None:
            return None
        a = Aligned(part.start, part.end, "fuzzy")
        if not number_in_quote(value, doc.text[a.start : a.end]):
            return None
    return Located(a, tuple(occurrences(doc, a.start, a.end, value)))


def unit_after(doc: Document, n: WrittenNumber) -> str | None:
    """The unit written right after a number (``万`` read as 万元, ``亿`` as 亿元)."""
    m = _UNIT_AFTER.match(doc.text, n.end)
    if m is None:
        return None
    return UNIT_ALIASES.get(m.group(1), m.group(1))


def narrow(doc: Document, start: int, end: int, at: int) -> tuple[int, int]:
    """A long span narrowed to the sentence holding offset ``at``."""
    if end - start <= NARROW_OVER:
        return start, end
    left = start
    for m in _SENTENCE.finditer(doc.text, start, at):
        left = m.end()
    m2 = _SENTENCE.search(doc.text, at, end)
    right = m2.start() if m2 else end
    while left < right and doc.text[left].isspace():
        left += 1
    return left, right


# --------------------------------------------------------------------------- what the text says about a number

UNIT_LOOKBACK = 3000
"""Characters searched upwards for the unit line in force (``单位：元``)."""
HEADER_LOOKBACK = 40
"""Lines searched upwards for a table column's header cell."""
_DIGIT = re.compile(r"\d")


def column_header(doc: Document, at: int) -> str | None:
    """For a number in a table row (cells separated by tabs), the header cell of its column:
    the same column of the nearest line above whose cell there holds no digit."""
    line_start = doc.text.rfind("\n", 0, at) + 1
    column = doc.text.count("\t", line_start, at)
    if not column:
        return None
    end = line_start - 1
    for _ in range(HEADER_LOOKBACK):
        if end <= 0:
            return None
        start = doc.text.rfind("\n", 0, end) + 1
        cells = doc.text[start:end].split("\t")
        if len(cells) > column and cells[column].strip() and not _DIGIT.search(cells[column]):
            return cells[column].strip()
        end = start - 1
    return None


def unit_in_force(doc: Document, at: int) -> str | None:
    """The money unit the text gives a bare number at ``at``: its column header's
    (``预算数(万元)``), else the nearest unit line above it (``单位：元``)."""
    header = column_header(doc, at)
    m = HEADER_UNIT.search(header) if header else None
    if m:
        return m.group(1)
    lines = list(UNIT_LINE.finditer(doc.text, max(0, at - UNIT_LOOKBACK), at))
    return lines[-1].group(1) if lines else None


def money_unit(doc: Document, n: WrittenNumber, stated: str | None) -> str:
    """The unit of a money amount as the text writes it: the unit after the number, else the
    one in force for its table, else the unit the answer ``stated``, else 万元."""
    after = unit_after(doc, n)
    if after in MONEY_UNITS:
        return after
    return unit_in_force(doc, n.start) or stated or "万元"


_ACCOUNTING_NEGATIVE = re.compile(r"(?:^|(?<=[\t\n]))\((?P<n>[^()\t\n]+)\)(?=$|[\t\n])")
"""A table cell that is a number in parentheses, "(0.40)": a negative, as accountants write it."""


def written_value(
    doc: Document, n: WrittenNumber, unit: str | None = None, *, negative: bool = False
) -> tuple[Decimal, int]:
    """The value and decimals of a number as the text writes it, money converted from
    ``unit`` to 万元; ``negative`` (a 减少 the words state, or a cell in accounting
    parentheses) signs an unsigned number."""
    value, decimals = n.value, n.decimals
    cell = _ACCOUNTING_NEGATIVE.match(doc.text, max(0, n.start - 1))
    negative = negative or (cell is not None and cell.start("n") == n.start and cell.end("n") == n.end)
    if negative and value > 0:
        value = -value
    if unit in MONEY_UNITS:
        value, decimals = to_wan(value, unit, decimals)
    return value, decimals


# --------------------------------------------------------------------------- evidence


def evidence_for(doc: Document, start: int, end: int, how: How = "exact") -> Evidence:
    """The evidence of ``doc.text[start:end]``: its quote, span, page and how it was found."""
    return Evidence(
        quote=doc.text[start:end],
        start=start,
        end=end,
        page=doc.page_of(start),
        alignment=how,
        bbox=doc.bbox(start, end),
        confidence=doc.confidence_of(start, end),
    )


def number_evidence(doc: Document, n: WrittenNumber, how: How = "exact") -> Evidence:
    """The evidence of one number and the unit written after it."""
    m = _UNIT_AFTER.match(doc.text, n.end)
    return evidence_for(doc, n.start, m.end() if m else n.end, how)


# --------------------------------------------------------------------------- verification


def _ok(doc: Document, ev: Evidence) -> bool:
    return 0 <= ev.start < ev.end <= len(doc.text) and doc.text[ev.start : ev.end] == ev.quote


def verify(doc: Document, ex: Extraction) -> tuple[Extraction, dict[str, int]]:
    """Drop every value whose evidence does not hold; return the kept extraction and counts."""
    dropped = 0
    facts: list[Fact] = []
    for f in ex.facts:
        if _ok(doc, f.evidence) and number_in_quote(f.value, f.evidence.quote):
            facts.append(_read(doc, f))
        else:
            dropped += 1
            log.debug("dropped ungrounded fact %s=%s quote=%r", f.concept, f.value, f.evidence.quote)
    projects: list[Project] = []
    for p in ex.projects:
        kept, n = _verify_cells(doc, p, tuple(PROJECT_NUMBERS), needs_a_number=True)
        dropped += n
        if kept is not None:
            projects.append(kept)
    indicators: list[Indicator] = []
    for ind in ex.indicators:
        kept_i, n = _verify_cells(doc, ind, tuple(INDICATOR_NUMBERS))
        dropped += n
        if kept_i is not None:
            indicators.append(kept_i)
    evaluation = ex.evaluation
    if evaluation.score is not None:
        ev = evaluation.cells.get("score")
        if ev is None or not _ok(doc, ev) or not number_in_quote(evaluation.score, ev.quote):
            dropped += 1
            cells = {k: v for k, v in evaluation.cells.items() if k != "score"}
            evaluation = evaluation.model_copy(update={"score": None, "cells": cells})
    meta_ev = {k: v for k, v in ex.metadata_evidence.items() if _ok(doc, v)}
    out = replace(
        ex,
        facts=tuple(facts),
        projects=tuple(projects),
        indicators=tuple(indicators),
        evaluation=evaluation,
        metadata_evidence=meta_ev,
        org_name=ex.org_name if "org_name" in meta_ev or ex.org_name is None else None,
        fiscal_year=ex.fiscal_year if "fiscal_year" in meta_ev or ex.fiscal_year is None else None,
    )
    return out, {"dropped_ungrounded": dropped}


def _verify_cells(doc: Document, row: Any, fields: tuple[str, ...], *, needs_a_number: bool = False) -> tuple[Any, int]:
    """Keep a row whose name evidence holds; null any numeric cell whose evidence fails.
    With ``needs_a_number`` a row left with no number is dropped (a project is a project
    because of its numbers; an indicator also stands by its target and actual strings)."""
    if not _ok(doc, row.evidence):
        n = sum(getattr(row, f) is not None for f in fields)
        return None, max(1, n)
    dropped = 0
    update: dict[str, object] = {}
    cells = dict(row.cells)
    for f in fields:
        v = getattr(row, f)
        if v is None:
            continue
        ev = cells.get(f)
        if ev is None or not _ok(doc, ev) or not number_in_quote(v, ev.quote):
            update[f] = None
            cells.pop(f, None)
            dropped += 1
        elif doc.confidence is not None:
            cells[f] = _confidence(doc, ev, v)
            update["cells"] = cells
    if update:
        if needs_a_number and all(getattr(row, f) is None or (f in update and update[f] is None) for f in fields):
            return None, dropped
        update["cells"] = cells
        row = row.model_copy(update=update)
    return row, dropped


# --------------------------------------------------------------------------- OCR confidence


def _confidence(doc: Document, ev: Evidence, value: Decimal) -> Evidence:
    """Evidence of a number read by OCR carries the engine's confidence in the number's own
    characters (in the whole quote where the number cannot be placed in it)."""
    found = occurrences(doc, ev.start, ev.end, value)
    s, e = (found[0].start, found[0].end) if found else (ev.start, ev.end)
    conf = doc.confidence_of(s, e)
    return ev if conf == ev.confidence else ev.model_copy(update={"confidence": conf})


def _read(doc: Document, fact: Fact) -> Fact:
    if doc.confidence is None:
        return fact
    ev = _confidence(doc, fact.evidence, fact.value)
    return fact if ev is fact.evidence else fact.model_copy(update={"evidence": ev})
