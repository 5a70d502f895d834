"""CSV writer: ``facts.csv`` (one row per fact, project cell and indicator cell) and
``findings.csv`` (one row per finding), each row naming its document and its evidence."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from extractor.output import BaseWriter, atomic_write_text
from extractor.result import INDICATOR_NUMBERS, PROJECT_NUMBERS, Evidence, Result

__all__ = ["FACT_COLUMNS", "FINDING_COLUMNS", "CsvWriter", "fact_rows", "finding_rows"]

FACT_COLUMNS = (
    "document",
    "concept",
    "measure",
    "period",
    "scope",
    "label",
    "project",
    "indicator",
    "field",
    "value",
    "unit",
    "quote",
    "start",
    "end",
    "page",
)
FINDING_COLUMNS = (
    "document",
    "id",
    "kind",
    "rule",
    "severity",
    "stated",
    "expected_low",
    "expected_high",
    "culprit",
    "suggested",
    "message",
)


def _ev(ev: Evidence | None) -> dict[str, object]:
    if ev is None:
        return {}
    return {"quote": ev.quote, "start": ev.start, "end": ev.end, "page": ev.page}


def fact_rows(result: Result) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for f in result.facts:
        rows.append(
            {
                "document": result.document,
                "concept": f.concept,
                "measure": f.measure,
                "period": f.period,
                "scope": f.scope,
                "label": f.label,
                "value": f.value,
                "unit": f.unit,
                **_ev(f.evidence),
            }
        )
    for p in result.projects:
        for field, unit in PROJECT_NUMBERS.items():
            value = getattr(p, field)
            if value is not None:
                rows.append(
                    {
                        "document": result.document,
                        "project": p.name,
                        "field": field,
                        "value": value,
                        "unit": unit,
                        **_ev(p.cells.get(field, p.evidence)),
                    }
                )
    for ind in result.indicators:
        for field in INDICATOR_NUMBERS:
            value = getattr(ind, field)
            if value is not None:
                rows.append(
                    {
                        "document": result.document,
                        "indicator": ind.name,
                        "field": field,
                        "value": value,
                        "unit": "points",
                        **_ev(ind.cells.get(field, ind.evidence)),
                    }
                )
    return rows


def finding_rows(result: Result) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for f in result.findings:
        c = f.culprit
        culprit = None
        if c is not None:
            culprit = c.concept or (f"project:{c.project}" if c.project else f"indicator:{c.indicator}")
            culprit = " ".join(str(x) for x in (culprit, c.label, c.field or c.measure, c.value) if x is not None)
        lo, hi = [*f.expected, None, None][:2]
        rows.append(
            {
                "document": result.document,
                "id": f.id,
                "kind": f.kind,
                "rule": f.rule,
                "severity": f.severity,
                "stated": f.stated,
                "expected_low": lo,
                "expected_high": hi,
                "culprit": culprit,
                "suggested": c.suggested if c else None,
                "message": f.message,
            }
        )
    return rows


def _csv(columns: tuple[str, ...], rows: list[dict[str, object]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: "" if v is None else v for k, v in r.items()})
    return buf.getvalue()


class CsvWriter(BaseWriter):
    """``DEST/facts.csv`` and ``DEST/findings.csv`` over every result written."""

    def __init__(self, dest: Path) -> None:
        self.dest = dest
        self.facts: list[dict[str, object]] = []
        self.findings: list[dict[str, object]] = []

    def write(self, result: Result, *, name: str | None = None) -> Path | None:
        self.facts.extend(fact_rows(result))
        self.findings.extend(finding_rows(result))
        return self.dest / "facts.csv"

    def close(self) -> list[Path]:
        paths = [self.dest / "facts.csv", self.dest / "findings.csv"]
        atomic_write_text(paths[0], _csv(FACT_COLUMNS, self.facts))
        atomic_write_text(paths[1], _csv(FINDING_COLUMNS, self.findings))
        return paths
