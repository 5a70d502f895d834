"""Scored items and how gold rows pair with result rows: the vocabulary that fact, row and
finding scoring share (kept apart so that neither scorer imports the other)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from extractor.concepts import normalise_name

__all__ = ["GOOD_OUTCOMES", "NAME_FLOOR", "Outcome", "name_similarity", "pair_rows"]

NAME_FLOOR = 0.6
"""Rows whose normalised names are less similar than this are never paired."""

GOOD_OUTCOMES = frozenset({"correct", "correctly_absent", "matched", "recalled", "named"})


@dataclass(frozen=True, slots=True)
class Outcome:
    """One scored item, with enough to show and to diff against a baseline.

    ``quote`` is the result's evidence (gold's own quote for a miss); it is written to
    ``metrics.json`` only for items that went wrong, the ones a reader needs it for."""

    document: str
    kind: str
    id: str
    outcome: str
    gold: str | None = None
    extracted: tuple[str, ...] = ()
    quote: str | None = None
    family: str | None = None
    error: float | None = None

    @property
    def good(self) -> bool:
        return self.outcome in GOOD_OUTCOMES

    def to_dict(self) -> dict[str, object]:
        d: dict[str, object] = {
            "document": self.document,
            "kind": self.kind,
            "id": self.id,
            "outcome": self.outcome,
            "gold": self.gold,
            "extracted": list(self.extracted),
        }
        for k in ("quote", "family", "error"):
            if getattr(self, k) is not None and not (k == "quote" and self.good):
                d[k] = getattr(self, k)
        return d


def name_similarity(a: str | None, b: str | None) -> float:
    na, nb = normalise_name(a), normalise_name(b)
    if not na or not nb:
        return 0.0
    return float(fuzz.ratio(na, nb)) / 100.0


def pair_rows(
    gold_names: Sequence[str],
    result_names: Sequence[str],
    tiebreak: Callable[[int, int], float] | None = None,
    floor: float = NAME_FLOOR,
) -> list[tuple[int, int, float]]:
    """Optimal one-to-one pairs ``(gold index, result index, similarity)`` above ``floor``."""
    if not gold_names or not result_names:
        return []
    sim = [[name_similarity(g, r) for r in result_names] for g in gold_names]
    weight = [
        [(v + (tiebreak(i, j) if tiebreak else 0.0)) if v >= floor else 0.0 for j, v in enumerate(row)]
        for i, row in enumerate(sim)
    ]
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return [(int(i), int(j), sim[i][j]) for i, j in zip(rows, cols, strict=True) if sim[i][j] >= floor]
