"""Grounding: every value is tied to an exact quote of the normalised text, by code.

Two jobs:

* :func:`align` re-finds a quote (from a model, or a table cell) in the text: exact first,
  then after width/space normalisation, then a bounded fuzzy match (rapidfuzz), and returns
  a span such that ``text[start:end]`` *is* the quote that evidence will carry.
* :func:`verify` checks an :class:`~extractor.backends.Extraction` from any backend: the span
  holds the quote, and the number occurs in the quote as written (allowing 元/亿元 → 万元).
  Anything that fails is dropped and counted (``dropped_ungrounded``), never passed on.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import Literal

from rapidfuzz import fuzz

from extractor.document import Document, normalise
from extractor.numbers import number_in_quote
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

__all__ = ["Aligned", "align", "evidence_for", "verify"]

_SPACE = re.compile(r"\s+")
FUZZY_MIN_SCORE = 90.0
FUZZY_MAX_QUOTE = 400


@dataclass(frozen=True, slots=True)
class Aligned:
    start: int
    end: int
    how: Literal["exact", "normalised", "fuzzy"]


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
    res = fuzz.partial_ratio_alignment(qs, ws, score_cutoff=FUZZY_MIN_SCORE)
    if res is None or res.dest_end <= res.dest_start:
        return None
    return Aligned(lo + widx[res.dest_start], lo + widx[res.dest_end - 1] + 1, "fuzzy")


def evidence_for(doc: Document, start: int, end: int, how: str = "exact") -> Evidence:
    return Evidence(
        quote=doc.text[start:end],
        start=start,
        end=end,
        page=doc.page_of(start),
        alignment=how,
        bbox=doc.bbox(start, end),
    )


def _ok(doc: Document, ev: Evidence) -> bool:
    return 0 <= ev.start < ev.end <= len(doc.text) and doc.text[ev.start : ev.end] == ev.quote


def verify(doc: Document, ex: Extraction) -> tuple[Extraction, dict[str, int]]:
    """Drop every value whose evidence does not hold; return the kept extraction and counts."""
    dropped = 0
    facts: list[Fact] = []
    for f in ex.facts:
        if _ok(doc, f.evidence) and number_in_quote(f.value, f.evidence.quote):
            facts.append(f)
        else:
            dropped += 1
            log.debug("dropped ungrounded fact %s=%s quote=%r", f.concept, f.value, f.evidence.quote)
    projects: list[Project] = []
    for p in ex.projects:
        kept, n = _verify_cells(doc, p, tuple(PROJECT_NUMBERS),
                                needs_a_number=True)
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
    counters = {"dropped_ungrounded": dropped}
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
    return out, counters


def _verify_cells(doc: Document, row, fields: tuple[str, ...], *, needs_a_number: bool = False):
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
    if update:
        if needs_a_number and all(getattr(row, f) is None or f in update for f in fields):
            return None, dropped
        update["cells"] = cells
        row = row.model_copy(update=update)
    return row, dropped
