"""Merge what the chunks of one document returned into one extraction.

Chunks overlap where the size budget cut them, and a report states many figures twice
(text and table), so the same statement can come back more than once:

* **Facts:** one per ``(key, value)``; the earliest statement's evidence is kept (a fact
  has one evidence slot). Different values for one key are *all* kept: a report that
  states two numbers for one key has an error, and finding it is the reconciler's job.
* **Projects and indicators:** rows with the same (normalised) name are joined when they
  do not contradict each other — the two halves of a row cut by a chunk boundary, or a row
  read twice in an overlap — taking each cell from whichever half has it. Rows that
  contradict (same name, different budget) are both kept.
* **Evaluation and metadata:** the first chunk that states them wins.

Everything is ordered by position in the document, so the result does not depend on which
request finished first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from extractor.backends import dedupe_facts
from extractor.concepts import normalise_name
from extractor.result import (
    INDICATOR_NUMBERS,
    INDICATOR_STRINGS,
    PROJECT_NUMBERS,
    Evaluation,
    Evidence,
    Fact,
    Indicator,
    Project,
)

__all__ = ["merge_evaluations", "merge_facts", "merge_rows"]

Row = TypeVar("Row", Project, Indicator)


def merge_facts(facts: Iterable[Fact]) -> tuple[list[Fact], int]:
    """Collapse repeated (key, value) statements; return the facts and how many collapsed."""
    return dedupe_facts(facts)


_ROW_FIELDS: dict[type[Project] | type[Indicator], tuple[str, ...]] = {
    Project: tuple(PROJECT_NUMBERS),
    Indicator: (*INDICATOR_NUMBERS, *(f for f in INDICATOR_STRINGS if f != "name")),
}


def _compatible(a: Project | Indicator, b: Project | Indicator, fields: Sequence[str]) -> bool:
    if getattr(a, "is_total", False) != getattr(b, "is_total", False):
        return False
    for f in fields:
        x, y = getattr(a, f), getattr(b, f)
        if x is not None and y is not None and x != y:
            return False
    return True


def _join(a: Row, b: Row, fields: Sequence[str]) -> Row:
    update: dict[str, object] = {
        f: getattr(b, f) for f in fields if getattr(a, f) is None and getattr(b, f) is not None
    }
    if not update:
        return a
    update["cells"] = {**b.cells, **a.cells}
    update["decimals"] = {**b.decimals, **a.decimals}
    return a.model_copy(update=update)


def merge_rows(rows: Iterable[Row]) -> tuple[list[Row], int]:
    """Join non-contradicting rows of the same name; return rows and how many were joined."""
    out: list[Row] = []
    joined = 0
    for r in sorted(rows, key=lambda r: (r.evidence.start, r.evidence.end)):
        fields = _ROW_FIELDS[type(r)]
        key = normalise_name(r.name)
        for i, kept in enumerate(out):
            if normalise_name(kept.name) == key and _compatible(kept, r, fields):
                out[i] = _join(kept, r, fields)
                joined += 1
                break
        else:
            out.append(r)
    return out, joined


def merge_evaluations(evaluations: Iterable[tuple[int, Evaluation]]) -> Evaluation:
    """The first stated score and the first stated grade, by document position."""
    score = grade = None
    cells: dict[str, Evidence] = {}
    decimals: dict[str, int] = {}
    for _, ev in sorted(evaluations, key=lambda p: p[0]):
        if score is None and ev.score is not None:
            score = ev.score
            cells["score"] = ev.cells["score"]
            decimals["score"] = ev.decimals.get("score", 0)
        if grade is None and ev.grade is not None:
            grade = ev.grade
            cells["grade"] = ev.cells["grade"]
    return Evaluation(score=score, grade=grade, cells=cells, decimals=decimals)
