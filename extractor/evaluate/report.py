"""``metrics.json``, ``report.md`` and the terminal table of one evaluation run.

``metrics.json`` is the machine-readable record a baseline is made of: the layout version
(:data:`~extractor.evaluate.METRICS_VERSION`), the run's metadata (git sha, backend, model,
prompt version, gold digest, scorer version, timestamp), aggregate and per-document metrics,
every outcome (so two runs can be diffed item by item: which facts became wrong or right)
and every grounding violation. ``report.md`` is the same run for a reader: summary tables,
then the worst misses with gold against extracted and the evidence quote.

Metric names are dotted paths into ``aggregate`` (``facts.f1``, ``projects.cells.accuracy``,
``facts_by_family.expenditure.recall``); :data:`HEADLINE` lists the ones a regression gate
watches and which way is better.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich import box
from rich.table import Table

from extractor.evaluate import METRICS_VERSION, SCORER_VERSION
from extractor.evaluate.counts import (
    FactCounts,
    FindingCounts,
    GroundCounts,
    MetaCounts,
    RowCounts,
)
from extractor.evaluate.gold import Gold
from extractor.evaluate.markdown import render_markdown
from extractor.evaluate.score import DocScore
from extractor.result import Ledger

__all__ = [
    "HEADLINE",
    "build_metrics",
    "doc_metrics",
    "dumps_metrics",
    "lookup",
    "terminal_table",
    "write_reports",
]


@dataclass(frozen=True, kw_only=True)
class EvalRun:
    golds: tuple[Gold, ...]
    scores: tuple[DocScore, ...]
    run: dict[str, Any]
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
    injected: dict[str, Any] | None = None
    """The guardrail audit of a fault-injecting endpoint's log (:mod:`extractor.evaluate.injected`)."""


HEADLINE: tuple[tuple[str, int], ...] = (
    ("facts.f1", +1),
    ("facts.precision", +1),
    ("facts.recall", +1),
    ("projects.rows.f1", +1),
    ("projects.cells.accuracy", +1),
    ("indicators.rows.f1", +1),
    ("indicators.cells.accuracy", +1),
    ("metadata.accuracy", +1),
    ("findings.recall", +1),
    ("findings.culprit_accuracy", +1),
    ("findings.false_alarms", -1),
    ("grounding.violations", -1),
)
"""Metrics the regression gate watches: +1 higher is better, -1 lower is better."""


def _score_dict(
    facts: FactCounts,
    families: dict[str, FactCounts],
    projects: RowCounts,
    indicators: RowCounts,
    metadata: MetaCounts,
    findings: FindingCounts,
    grounding: GroundCounts,
    cost: Ledger,
) -> dict[str, Any]:
    return {
        "facts": facts.to_dict(),
        "facts_by_family": {k: v.to_dict() for k, v in sorted(families.items())},
        "projects": projects.to_dict(),
        "indicators": indicators.to_dict(),
        "metadata": metadata.to_dict(),
        "findings": findings.to_dict(),
        "grounding": grounding.to_dict(),
        "cost": cost.model_dump(),
    }


def doc_metrics(s: DocScore) -> dict[str, Any]:
    """One document's metrics, in the same layout as the aggregate."""
    return _score_dict(s.facts, s.families, s.projects, s.indicators, s.metadata, s.findings, s.grounding, s.cost)


def _aggregate(scores: tuple[DocScore, ...]) -> dict[str, Any]:
    families: dict[str, FactCounts] = {}
    for s in scores:
        for k, v in s.families.items():
            families[k] = families.get(k, FactCounts()) + v
    return {
        "documents": len(scores),
        "failed_documents": sum(s.error is not None for s in scores),
        **_score_dict(
            sum((s.facts for s in scores), FactCounts()),
            families,
            sum((s.projects for s in scores), RowCounts()),
            sum((s.indicators for s in scores), RowCounts()),
            sum((s.metadata for s in scores), MetaCounts()),
            sum((s.findings for s in scores), FindingCounts()),
            sum((s.grounding for s in scores), GroundCounts()),
            sum((s.cost for s in scores), Ledger()),
        ),
    }


def lookup(section: dict[str, Any], metric: str) -> Any:
    """``lookup(metrics["aggregate"], "projects.cells.accuracy")``; ``KeyError`` if unknown."""
    node: Any = section
    for part in metric.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(metric)
        node = node[part]
    return node


def build_metrics(ev: EvalRun) -> dict[str, Any]:
    aggregate = _aggregate(ev.scores)
    return {
        "metrics_version": METRICS_VERSION,
        "scorer_version": SCORER_VERSION,
        "gold_digest": ev.run["gold_digest"],
        "run": ev.run,
        "headline": {name: lookup(aggregate, name) for name, _ in HEADLINE},
        "aggregate": aggregate,
        "documents": {
            s.document: {
                "error": s.error,
                "grounding_checked": s.grounding_checked,
                **doc_metrics(s),
            }
            for s in ev.scores
        },
        "errors": list(ev.errors),
        "warnings": list(ev.warnings),
        "outcomes": [o.to_dict() for s in ev.scores for o in s.outcomes],
        "violations": [v for s in ev.scores for v in s.violations],
        **({"injected": ev.injected} if ev.injected is not None else {}),
    }


def dumps_metrics(metrics: dict[str, Any]) -> str:
    """Indented JSON, except one line per outcome and violation (diffable, a quarter the size)."""
    lists = ("outcomes", "violations")
    head = json.dumps({k: v for k, v in metrics.items() if k not in lists}, ensure_ascii=False, indent=1)
    parts = []
    for key in lists:
        items = ",\n  ".join(json.dumps(o, ensure_ascii=False, separators=(",", ":")) for o in metrics.get(key, []))
        parts.append(f' "{key}": [\n  {items}\n ]' if items else f' "{key}": []')
    return head[: head.rindex("}")].rstrip() + ",\n" + ",\n".join(parts) + "\n}\n"


def write_reports(
    metrics: dict[str, Any], out_dir: str | Path, comparison_md: list[str] | None = None
) -> tuple[Path, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    mpath, rpath = out / "metrics.json", out / "report.md"
    mpath.write_text(dumps_metrics(metrics), encoding="utf-8")
    rpath.write_text(render_markdown(metrics, comparison_md), encoding="utf-8")
    return mpath, rpath


def _t(v: Any) -> str:
    return "—" if v is None else f"{v:.2f}"


def terminal_table(metrics: dict[str, Any]) -> Table:
    """One compact row per document and a total row (rows/cells as ``F1/accuracy``)."""
    table = Table(show_lines=False, pad_edge=False, box=box.SIMPLE_HEAD)
    cols = (
        "document",
        "facts F1",
        "P",
        "R",
        "wrong",
        "missed",
        "invented",
        "projects",
        "indicators",
        "meta",
        "findings",
        "culprits",
        "alarms",
        "ungrounded",
        "s",
    )
    for c in cols:
        table.add_column(c, justify="left" if c == "document" else "right", no_wrap=True)

    def row(name: str, v: dict[str, Any]) -> list[str]:
        f, fi = v["facts"], v["findings"]
        rows = [f"{_t(v[k]['rows']['f1'])}/{_t(v[k]['cells']['accuracy'])}" for k in ("projects", "indicators")]
        return [
            name,
            _t(f["f1"]),
            _t(f["precision"]),
            _t(f["recall"]),
            str(f["wrong"]),
            str(f["missed"]),
            str(f["invented"]),
            *rows,
            _t(v["metadata"]["accuracy"]),
            f"{fi['recalled']}/{fi['expected']}",
            f"{fi['culprits_named']}/{fi['culprits_scorable']}",
            str(fi["false_alarms"]),
            str(v["grounding"]["violations"]),
            f"{v['cost']['wall_s']:.2f}",
        ]

    for d, v in metrics["documents"].items():
        table.add_row(*row(Path(d).stem + (" FAILED" if v["error"] else ""), v))
    table.add_section()
    table.add_row(*row("all", metrics["aggregate"]))
    return table
