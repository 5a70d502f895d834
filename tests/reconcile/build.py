"""Build results for the reconciler's tests: facts with evidence into a synthetic text.

:class:`Doc` collects one line of text per stated figure, so every fact, project cell and
indicator cell carries real evidence (``doc.text[start:end] == quote``). Numbers are given
as strings, as a report writes them: ``"311.20"`` has 2 decimals and stands for
``[311.195, 311.205]``.

:func:`result_from_gold` builds a result from a gold file: its quotes become evidence (found
in the sample text when they occur there) and each figure's decimals come from how the
number is written in its quote.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from extractor.concepts import unit_for
from extractor.numbers import decimals_of, find_numbers
from extractor.result import Evaluation, Evidence, Fact, Indicator, Project, Provenance, Result, SourceInfo

PROVENANCE = Provenance(
    backend="test", extractor_version="0", source=SourceInfo(format="txt", sha256="0", size_bytes=0)
)


@dataclass
class Doc:
    text: str = ""
    facts: list[Fact] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    evaluation: Evaluation = field(default_factory=Evaluation)

    def evidence(self, quote: str, *, table: bool = False, page: int | None = None) -> Evidence:
        start = len(self.text)
        self.text += quote + "\n"
        return Evidence(
            quote=quote, start=start, end=start + len(quote), page=page, alignment="table" if table else "exact"
        )

    def fact(
        self,
        concept: str,
        value: str,
        measure: str = "actual",
        *,
        scope: str = "all",
        period: str = "current",
        label: str | None = None,
        code: str | None = None,
        table: bool = False,
        quote: str | None = None,
    ) -> Fact:
        """``table``: read from a table cell; ``quote``: the words it was read from (default:
        the label, measure and the number)."""
        unit = unit_for(concept, measure)
        f = Fact(
            concept=concept,
            measure=measure,
            scope=scope,
            period=period,
            label=label,  # type: ignore[arg-type]
            code=code,
            value=Decimal(value),
            decimals=decimals_of(value),
            unit=unit,  # type: ignore[arg-type]
            evidence=self.evidence(quote or f"{label or concept} {measure} {value}", table=table),
        )
        self.facts.append(f)
        return f

    def project(self, name: str, *, is_total: bool = False, page: int | None = None, **cells: str | None) -> Project:
        ev = self.evidence(name, page=page)
        values = {k: Decimal(v) for k, v in cells.items() if v is not None}
        p = Project(
            name=name,
            evidence=ev,
            is_total=is_total,
            cells={k: self.evidence(f"{name} {k} {cells[k]}") for k in values},
            decimals={k: decimals_of(str(cells[k])) for k in values},
            **values,
        )
        self.projects.append(p)
        return p

    def indicator(
        self,
        name: str,
        weight: str | None = None,
        score: str | None = None,
        *,
        level1: str | None = None,
        level2: str | None = None,
        is_total: bool = False,
    ) -> Indicator:
        ind = Indicator(
            name=name,
            level1=level1,
            level2=level2,
            is_total=is_total,
            weight=Decimal(weight) if weight is not None else None,
            score=Decimal(score) if score is not None else None,
            evidence=self.evidence(f"{name} {weight} {score}"),
        )
        self.indicators.append(ind)
        return ind

    def evaluate(self, score: str) -> None:
        self.evaluation = Evaluation(
            score=Decimal(score),
            cells={"score": self.evidence(f"得分 {score}")},
            decimals={"score": decimals_of(score)},
        )

    def result(self) -> Result:
        return Result(
            document="synthetic.txt",
            facts=list(self.facts),
            projects=list(self.projects),
            indicators=list(self.indicators),
            evaluation=self.evaluation,
            provenance=PROVENANCE,
        )


# ----------------------------------------------------------------------------- gold


def _written(value: Decimal, quote: str | None) -> int:
    """Decimals of ``value`` as written in ``quote`` (元 amounts converted: +4)."""
    if quote:
        for n in find_numbers(quote):
            if n.value == value:
                return n.decimals
            if n.value.scaleb(-4) == value:
                return n.decimals + 4
    exp = value.normalize().as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def _evidence(quote: str | None, fallback: str, text: str) -> Evidence:
    q = quote or fallback
    start = text.find(q)
    if start < 0:
        start = 0
    return Evidence(quote=q, start=start, end=start + len(q))


def restated(g: dict[str, Any], value: Decimal, text: str) -> dict[str, Any]:
    """Another statement of gold fact ``g`` with ``value``: its quote is where the number is
    written in ``text`` (as 万元, or as 元 for a converted amount), else a synthetic one."""
    for n in find_numbers(text):
        if n.value in (value, value.scaleb(4)):
            return {**g, "value": value, "quote": text[max(0, n.start - 12) : n.end + 2]}
    return {**g, "value": value, "quote": f"{g['concept']} {value}"}


def result_from_gold(path: Path, text: str = "", extra_facts: list[dict[str, Any]] | None = None) -> Result:
    """A result carrying the gold's figures, with evidence.

    A result keeps every stated number: a gold fact's ``alternatives`` (other values the
    report states for the key) become more facts with that key, as do ``extra_facts``."""
    data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    stated = list(data["facts"])
    for g in data["facts"]:
        stated += [restated(g, Decimal(str(a)), text) for a in g.get("alternatives", [])]
    facts = []
    for g in [*stated, *(extra_facts or [])]:
        value = Decimal(str(g["value"]))
        measure = g.get("measure", "actual")
        facts.append(
            Fact(
                concept=g["concept"],
                measure=measure,
                period=g.get("period", "current"),
                scope=g.get("scope", "all"),
                label=g.get("label"),
                value=value,
                decimals=_written(value, g.get("quote")),
                unit=unit_for(g["concept"], measure),  # type: ignore[arg-type]
                evidence=_evidence(g.get("quote"), f"{g['concept']} {value}", text),
            )
        )
    projects = []
    for p in data.get("projects", []):
        cells = {
            k: Decimal(str(p[k]))
            for k in ("budget", "actual", "rate", "fiscal_budget", "fiscal_actual", "score")
            if p.get(k) is not None
        }
        projects.append(
            Project(
                name=p["name"],
                evidence=_evidence(p.get("quote"), p["name"], text),
                decimals={k: _written(v, p.get("quote")) for k, v in cells.items()},
                is_total=bool(p.get("is_total", False)),
                **cells,
            )
        )
    indicators = []
    for ind in data.get("indicators", []):
        indicators.append(
            Indicator(
                name=ind["name"],
                level1=ind.get("level1"),
                level2=ind.get("level2"),
                weight=Decimal(str(ind["weight"])) if ind.get("weight") is not None else None,
                score=Decimal(str(ind["score"])) if ind.get("score") is not None else None,
                evidence=_evidence(ind.get("quote"), ind["name"], text),
            )
        )
    ev = data.get("evaluation") or {}
    score = Decimal(str(ev["score"])) if ev.get("score") is not None else None
    evaluation = Evaluation(
        score=score, grade=ev.get("grade"), decimals={"score": _written(score, None)} if score is not None else {}
    )
    return Result(
        document=data["document"],
        facts=facts,
        projects=projects,
        indicators=indicators,
        evaluation=evaluation,
        provenance=PROVENANCE,
    )
