"""Counters and ratios shared by the scorer, the report and the baseline comparison.

Every score is a frozen dataclass of integer counts that adds up across documents (micro
averaging is summing counts, then dividing). Ratios whose denominator is zero are ``None``
("not applicable"), never a made-up 0 or 1: a document without projects has no project
recall, and the report prints "—" for it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any, Self

from extractor.concepts import unit_for

MONEY_TOLERANCE = Decimal("0.005")
"""万元: a money value matches gold within half a cent of 万元 (spec, "Scoring")."""
PERCENT_TOLERANCE = Decimal("0.005")
"""Percent points; also used for indicator weights/scores and evaluation scores (points)."""


def ratio(num: int, den: int) -> float | None:
    return round(num / den, 6) if den else None


def values_match(gold: Decimal, got: Decimal, unit: str) -> bool:
    """Counts match exactly; money and percents (and points) within 0.005, inclusive."""
    if unit == "count":
        return gold == got
    tol = PERCENT_TOLERANCE if unit == "%" else MONEY_TOLERANCE
    return abs(gold - got) <= tol


def fact_values_match(concept: str, measure: str, gold: Decimal, got: Decimal) -> bool:
    return values_match(gold, got, unit_for(concept, measure))


def fmt(value: Decimal | float | int | str | None) -> str | None:
    """A value for outcome lists and reports: Decimals without exponent noise."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        s = format(value.normalize(), "f")
        return s
    return str(value)


class _Counts:
    """Adds field-wise; subclasses are frozen dataclasses of ints."""

    def __add__(self, other: Self) -> Self:
        return type(self)(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})  # type: ignore[arg-type]

    def counts(self) -> dict[str, int]:
        return {f.name: int(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class FactCounts(_Counts):
    """Outcomes of fact keys. One outcome per key (see :mod:`extractor.evaluate.score`)."""

    correct: int = 0
    wrong: int = 0
    invented: int = 0
    missed: int = 0
    correctly_absent: int = 0
    conflict_values: int = 0

    @property
    def precision(self) -> float | None:
        return ratio(self.correct, self.correct + self.wrong + self.invented)

    @property
    def recall(self) -> float | None:
        return ratio(self.correct, self.correct + self.wrong + self.missed)

    @property
    def f1(self) -> float | None:
        return ratio(2 * self.correct, 2 * self.correct + 2 * self.wrong + self.invented + self.missed)

    def to_dict(self) -> dict[str, Any]:
        return {**self.counts(), "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True, slots=True)
class RowCounts(_Counts):
    """Projects or indicator rows: pairing and cells of the paired rows."""

    gold_rows: int = 0
    result_rows: int = 0
    matched_rows: int = 0
    cells_scored: int = 0
    cells_correct: int = 0
    cells_wrong: int = 0
    cells_missed: int = 0

    @property
    def precision(self) -> float | None:
        return ratio(self.matched_rows, self.result_rows)

    @property
    def recall(self) -> float | None:
        return ratio(self.matched_rows, self.gold_rows)

    @property
    def f1(self) -> float | None:
        return ratio(2 * self.matched_rows, self.gold_rows + self.result_rows)

    @property
    def cell_accuracy(self) -> float | None:
        return ratio(self.cells_correct, self.cells_scored)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": {
                "gold": self.gold_rows,
                "result": self.result_rows,
                "matched": self.matched_rows,
                "precision": self.precision,
                "recall": self.recall,
                "f1": self.f1,
            },
            "cells": {
                "scored": self.cells_scored,
                "correct": self.cells_correct,
                "wrong": self.cells_wrong,
                "missed": self.cells_missed,
                "accuracy": self.cell_accuracy,
            },
        }


META_FIELDS = ("org_name", "fiscal_year", "report_kind", "evaluation.score", "evaluation.grade")


@dataclass(frozen=True, slots=True)
class MetaCounts(_Counts):
    org_name: int = 0
    fiscal_year: int = 0
    report_kind: int = 0
    evaluation_score: int = 0
    evaluation_grade: int = 0
    documents: int = 0

    @property
    def correct(self) -> int:
        return self.org_name + self.fiscal_year + self.report_kind + self.evaluation_score + self.evaluation_grade

    @property
    def accuracy(self) -> float | None:
        return ratio(self.correct, len(META_FIELDS) * self.documents)

    def to_dict(self) -> dict[str, Any]:
        per = {f: ratio(getattr(self, f.replace(".", "_")), self.documents) for f in META_FIELDS}
        return {
            "correct": self.correct,
            "total": len(META_FIELDS) * self.documents,
            "accuracy": self.accuracy,
            "fields": per,
        }


@dataclass(frozen=True, slots=True)
class FindingCounts(_Counts):
    expected: int = 0
    recalled: int = 0
    material_reported: int = 0
    false_alarms: int = 0
    culprits_scorable: int = 0
    culprits_named: int = 0

    @property
    def recall(self) -> float | None:
        return ratio(self.recalled, self.expected)

    @property
    def culprit_accuracy(self) -> float | None:
        return ratio(self.culprits_named, self.culprits_scorable)

    def to_dict(self) -> dict[str, Any]:
        return {**self.counts(), "recall": self.recall, "culprit_accuracy": self.culprit_accuracy}


@dataclass(frozen=True, slots=True)
class GroundCounts(_Counts):
    checked: int = 0
    violations: int = 0

    def to_dict(self) -> dict[str, Any]:
        return self.counts()
