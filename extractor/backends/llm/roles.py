"""The role check: does the text around a number say what the model says it is?

Grounding (:mod:`extractor.ground`) proves a number is written where the model says. This
module checks *what* it is, with the rules backend's own vocabulary (concept terms from
:mod:`~extractor.backends.rules.lexicon`, measure cues from
:mod:`~extractor.backends.rules.patterns`), so the two backends share one reading of a
sentence. A value is dropped (``dropped_wrong_role``) only when the text *contradicts* the
answer; where the text names no concept or no measure (a bare cell, a wording the lexicon
does not know) the answer stands:

* **prose**: the subject of a number is the last specific concept term before it in its
  sentence (or, when its sentence names none, in the sentence before) — a bare 支出/收入 or
  实际支出 goes on about the subject before it, and a term after 占 names the whole a share
  is of, not the subject. It must be the concept offered (a labelled concept: its label is
  written). The cue words from the subject to the number must not name another measure
  or period (``年初预算`` is budget, ``占`` share, ``上年…为`` prior …);
* **a table row** (cells separated by tabs): the row label must not name another concept,
  and the column header must not name another measure;
* **the number as written**, anywhere: a four-digit number before 年 is a year, not a value;
  an amount written with 元/万元/亿元 is not a percentage measure, and a number written with %
  is not an amount or a count.

The cue also gives the sign: 减少/下降/节约 make a change negative, whatever sign the model
gave.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.backends.rules import patterns
from extractor.backends.rules.lexicon import TermMatch, find_terms
from extractor.concepts import BY_ID, PERCENT_MEASURES, family_of
from extractor.document import Document
from extractor.ground import column_header

__all__ = ["Role", "role_of"]

_SENTENCE = re.compile(r"[。；;\n]")
_DIGIT = re.compile(r"\d")
_SIGNED = frozenset({"change", "change_pct", "vs_budget"})
_WRITTEN = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)\s*(%|亿元|万元|元|年)?")
_YEAR = re.compile(r"(?:19|20)\d\d")
_MONEY_UNITS = ("元", "万元", "亿元")
_TOTAL_WORDS = {"expenditure.total": ("支出",), "income.total": ("收入",)}
"""The bare family word names the total when no other concept term is written ("上年支出为…")."""


@dataclass(frozen=True, slots=True)
class Role:
    ok: bool
    negative: bool = False
    """The words say the change is a decrease (减少/下降/节约)."""
    why: str = ""


def _squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _subject(text: str, kind: str) -> tuple[TermMatch | None, list[TermMatch]]:
    """The subject term of ``text`` (the last specific one of the value's kind — money or
    count —, else the last generic one) and all those terms. A term after a last 占 names
    the whole a share is of, not the subject."""
    cut = text.rfind("占")
    if cut >= 0 and not _DIGIT.search(text, cut):
        text = text[:cut]
    terms = [t for t in find_terms(text) if t.concept and BY_ID[t.concept].kind == kind]
    specific = [t for t in terms if not (t.term.generic or t.term.continues_only)]
    pool = specific or terms
    return (pool[-1] if pool else None), terms


def _names(text: str, concept: str, label: str | None) -> bool | None:
    """Whether ``text``'s subject is ``concept``; ``None`` when ``text`` names no concept."""
    c = BY_ID[concept]
    if c.labelled and label and _squeeze(label) in _squeeze(text):
        return True
    subject, _ = _subject(text, c.kind)
    if subject is None:
        return True if any(w in text for w in (*c.zh, *_TOTAL_WORDS.get(concept, ()))) else None
    if subject.term.generic or subject.term.continues_only:
        return family_of(subject.concept) == family_of(concept)
    return subject.concept == concept


def _blank(text: str, terms: list[TermMatch]) -> str:
    """``text`` with its concept terms blanked: a term is no cue ("基本支出" is not 实际支出)."""
    for t in terms:
        text = text[: t.start] + " " * (t.end - t.start) + text[t.end :]
    return text


def _cue(lead: str, unit: str, before: str) -> patterns.Measured | None:
    """The measure the words state; ``None`` when they state none (no cue word at all)."""
    cue = patterns.classify(lead, unit, sentence_before=before)
    if (
        cue is not None
        and cue.measure == "actual"
        and cue.period == "current"
        and not patterns.ACTUAL_WORD.search(lead)
    ):
        return None  # classify's default, not a cue
    return cue


def _contradicts(cue: patterns.Measured | None, measure: str, period: str) -> bool:
    return cue is not None and (cue.measure != measure or cue.period != period)


def _unit_contradicts(doc: Document, number_start: int, kind: str, measure: str) -> str | None:
    """Why what is written right after the number rules the answer out: ``2023年`` is a year,
    an amount in 元/万元 is not a percentage, a percentage is not an amount or a count."""
    m = _WRITTEN.match(doc.text, number_start)
    if m is None:
        return None
    digits, after = m.group(1), m.group(2)
    if after == "年" and _YEAR.fullmatch(digits):
        return f"{digits}年 is a year"
    if after in _MONEY_UNITS and measure in PERCENT_MEASURES:
        return f"{digits}{after} is an amount, not a {measure}"
    if after == "%" and measure not in PERCENT_MEASURES and kind in ("money", "count"):
        return f"{digits}% is a percentage, not a {kind}"
    return None


def role_of(
    doc: Document, number_start: int, concept: str, measure: str, period: str = "current", label: str | None = None
) -> Role:
    """Whether the number at ``number_start``, as written and by the text before it, allows
    ``concept`` and ``measure``."""
    kind = BY_ID[concept].kind
    written = _unit_contradicts(doc, number_start, kind, measure)
    if written:
        return Role(False, why=written)
    line_start = doc.text.rfind("\n", 0, number_start) + 1
    unit = "%" if measure in PERCENT_MEASURES else ("万元" if kind == "money" else "人")
    row = doc.text[line_start:number_start]
    if "\t" in row:  # a table row: its label and its column's header
        label_cell = row.split("\t", 1)[0]
        if _names(label_cell, concept, label) is False:
            return Role(False, why=f"row {label_cell!r} does not name {concept}")
        header = column_header(doc, number_start)
        if header:
            blank = _blank(header, _subject(header, kind)[1])
            if _contradicts(_cue(blank, unit, blank), measure, period):
                return Role(False, why=f"column {header!r} is not {measure}")
        return Role(True)
    starts = [line_start, *(m.end() for m in _SENTENCE.finditer(doc.text, line_start, number_start))]
    before = doc.text[starts[-1] : number_start]
    named = _names(before, concept, label)
    if named is None and len(starts) > 1:  # "…支出358.52万元。比上年减少0.40万元": the sentence before
        wider = doc.text[starts[-2] : number_start]
        if _names(wider, concept, label):
            before, named = wider, True
    if named is False:
        return Role(False, why=f"{before[-24:]!r} does not name {concept}")
    subject, terms = _subject(before, kind)
    blank = _blank(before, terms)
    lead = blank[subject.start :] if subject is not None else blank
    cue = _cue(lead, unit, blank)
    if (
        cue is None
        and subject is not None
        and kind == "money"
        and patterns.BUDGET_WORD.search(patterns.SCOPE_NAMES.sub("", before[subject.start : subject.end]))
    ):
        cue = patterns.Measured("budget")  # a budget named by its term: "部门预算为…"
    if _contradicts(cue, measure, period):
        return Role(False, why=f"{before[-24:]!r} states {cue.measure if cue else '?'}, not {measure}")
    return Role(True, negative=bool(cue is not None and cue.negative and measure in _SIGNED))
