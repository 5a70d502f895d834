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
from extractor.evaluate.injected import markdown as injected_markdown
from extractor.evaluate.score import DocScore
from extractor.result import Ledger

__all__ = ["HEADLINE", "build_metrics", "doc_metrics", "dumps_metrics", "lookup", "render_markdown", "terminal_table", "write_reports"]


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


def _score_dict(facts: FactCounts, families: dict[str, FactCounts], projects: RowCounts,
                indicators: RowCounts, metadata: MetaCounts, findings: FindingCounts,
                grounding: GroundCounts, cost: Ledger) -> dict[str, Any]:
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
        **_score_dict(sum((s.facts for s in scores), FactCounts()), families,
                      sum((s.projects for s in scores), RowCounts()),
                      sum((s.indicators for s in scores), RowCounts()),
                      sum((s.metadata for s in scores), MetaCounts()),
                      sum((s.findings for s in scores), FindingCounts()),
                      sum((s.grounding for s in scores), GroundCounts()),
                      sum((s.cost for s in scores), Ledger())),
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


# --------------------------------------------------------------------------- text


def _f(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def _cell(v: Any, limit: int = 80) -> str:
    s = _f(v) if not isinstance(v, list | tuple) else " / ".join(map(str, v)) or "—"
    s = s.replace("|", "\\|").replace("\n", "⏎").replace("\t", " ")
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _section(title: str, header: list[str], rows: list[list[Any]], *intro: str) -> list[str]:
    return [f"## {title}", "", *(x for line in intro for x in (line, "")), *_table(header, rows)]


_FACT_COLS = ("correct", "wrong", "invented", "missed", "correctly_absent", "conflict_values",
              "precision", "recall", "f1")


def _worst(outcomes: list[dict[str, Any]], per_kind: int = 15) -> list[dict[str, Any]]:
    bad = [o for o in outcomes if o["outcome"] not in ("correct", "correctly_absent", "matched", "recalled",
                                                        "named")]
    order = [("fact", "wrong"), ("fact", "missed"), ("fact", "invented"), ("project_cell", None),
             ("indicator_cell", None), ("project", None), ("indicator", None), ("metadata", None),
             ("finding", None), ("culprit", None), ("false_alarm", None)]
    out: list[dict[str, Any]] = []
    for kind, outcome in order:
        group = [o for o in bad if o["kind"] == kind and (outcome is None or o["outcome"] == outcome)]
        group.sort(key=lambda o: -(o.get("error") or 0.0))
        out += group[:per_kind]
    return out


def render_markdown(metrics: dict[str, Any], comparison_md: list[str] | None = None) -> str:
    run, agg, docs = metrics["run"], metrics["aggregate"], metrics["documents"]
    lines = ["# Evaluation report", ""]
    dirty = " (dirty tree)" if run.get("git_dirty") else ""
    lines += [f"- run: {run['timestamp']}, git {_f(run.get('git_sha'))}{dirty}, mode {run['mode']}",
              f"- backend: {_f(run.get('backend'))} (requested {run['backend_requested']}), model "
              f"{_f(run.get('model'))}, prompt version {_f(run.get('prompt_version'))}",
              f"- scorer version {metrics['scorer_version']}, metrics version {metrics['metrics_version']}, "
              f"gold digest `{metrics['gold_digest'][:16]}`, {agg['documents']} documents"
              f" ({agg['failed_documents']} failed)", ""]
    with_all = [*docs.items(), ("**all**", agg)]
    lines += _section("Summary", ["metric", "value"], [[k, v] for k, v in metrics["headline"].items()])
    lines += _section("Facts by document", ["document", *_FACT_COLS],
                      [[d, *(v["facts"][c] for c in _FACT_COLS)] for d, v in with_all])
    lines += _section("Facts by concept family", ["family", *_FACT_COLS],
                      [[k, *(v[c] for c in _FACT_COLS)] for k, v in agg["facts_by_family"].items()])
    rows = []
    for d, v in with_all:
        for kind in ("projects", "indicators"):
            r, c = v[kind]["rows"], v[kind]["cells"]
            if r["gold"] or r["result"]:
                rows.append([d, kind, r["gold"], r["result"], r["matched"], r["precision"], r["recall"], r["f1"],
                             c["scored"], c["correct"], c["wrong"], c["missed"], c["accuracy"]])
    lines += _section("Projects and indicators",
                      ["document", "table", "gold rows", "result rows", "paired", "P", "R", "F1", "cells", "correct",
                       "wrong", "missed", "accuracy"], rows)
    meta = [o for o in metrics["outcomes"] if o["kind"] == "metadata"]
    lines += _section("Metadata", ["document", "field", "outcome", "gold", "extracted"],
                      [[o["document"], o["id"].split("|", 1)[1], o["outcome"], o["gold"], o["extracted"]]
                       for o in meta], f"accuracy {_f(agg['metadata']['accuracy'])}")
    lines += _section("Findings", ["document", "expected", "recalled", "recall", "material reported",
                                   "false alarms", "culprits named"],
                      [[d, v["findings"]["expected"], v["findings"]["recalled"], v["findings"]["recall"],
                        v["findings"]["material_reported"], v["findings"]["false_alarms"],
                        f"{v['findings']['culprits_named']}/{v['findings']['culprits_scorable']}"]
                       for d, v in with_all])
    lines += ["## Grounding", "", f"{agg['grounding']['checked']} values checked, "
              f"{agg['grounding']['violations']} violations", ""]
    unchecked = [d for d, v in docs.items() if not v["grounding_checked"]]
    if unchecked:
        lines += [f"not checked (document not available): {', '.join(unchecked)}", ""]
    if metrics["violations"]:
        lines += _table(["document", "where", "value", "reason", "quote"],
                        [[v["document"], v["where"], v["value"], v["reason"], v["quote"]]
                         for v in metrics["violations"][:50]])
    cost_keys = ("wall_s", "requests", "attempts", "reasks", "prompt_tokens", "completion_tokens", "cached_tokens",
                 "cache_hits", "feedback_asked", "feedback_corrected")
    lines += _section("Cost and speed", ["document", *cost_keys],
                      [[d, *(v["cost"][k] for k in cost_keys)] for d, v in with_all])
    if metrics.get("injected"):
        lines += ["## What the guardrails caught (injected errors)", "",
                  "Each error the endpoint logged as injected, by what became of it in the final result "
                  "(extractor/evaluate/injected.py defines the outcomes).", "", *injected_markdown(metrics["injected"])]
    lines += _section("Worst misses", ["document", "kind", "item", "outcome", "gold", "extracted", "quote"],
                      [[o["document"], o["kind"], o["id"], o["outcome"], o["gold"], o["extracted"], o.get("quote")]
                       for o in _worst(metrics["outcomes"])],
                      "Wrong values first (largest relative error), then missed and invented facts, cells, rows, "
                      "metadata and findings. The quote is the result's evidence, or gold's own quote for a miss; "
                      "every outcome is in `metrics.json`.")
    if metrics["errors"] or metrics["warnings"]:
        lines += ["## Errors and warnings", "", *(f"- error: {e}" for e in metrics["errors"]),
                  *(f"- warning: {w}" for w in metrics["warnings"]), ""]
    if comparison_md:
        lines += comparison_md
    return "\n".join(lines).rstrip() + "\n"


def dumps_metrics(metrics: dict[str, Any]) -> str:
    """Indented JSON, except one line per outcome and violation (diffable, a quarter the size)."""
    lists = ("outcomes", "violations")
    head = json.dumps({k: v for k, v in metrics.items() if k not in lists}, ensure_ascii=False, indent=1)
    parts = []
    for key in lists:
        items = ",\n  ".join(json.dumps(o, ensure_ascii=False, separators=(",", ":")) for o in metrics.get(key, []))
        parts.append(f' "{key}": [\n  {items}\n ]' if items else f' "{key}": []')
    return head[: head.rindex("}")].rstrip() + ",\n" + ",\n".join(parts) + "\n}\n"


def write_reports(metrics: dict[str, Any], out_dir: str | Path,
                  comparison_md: list[str] | None = None) -> tuple[Path, Path]:
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
    cols = ("document", "facts F1", "P", "R", "wrong", "missed", "invented", "projects", "indicators",
            "meta", "findings", "culprits", "alarms", "ungrounded", "s")
    for c in cols:
        table.add_column(c, justify="left" if c == "document" else "right", no_wrap=True)

    def row(name: str, v: dict[str, Any]) -> list[str]:
        f, fi = v["facts"], v["findings"]
        rows = [f"{_t(v[k]['rows']['f1'])}/{_t(v[k]['cells']['accuracy'])}" for k in ("projects", "indicators")]
        return [name, _t(f["f1"]), _t(f["precision"]), _t(f["recall"]), str(f["wrong"]), str(f["missed"]),
                str(f["invented"]), *rows, _t(v["metadata"]["accuracy"]),
                f"{fi['recalled']}/{fi['expected']}", f"{fi['culprits_named']}/{fi['culprits_scorable']}",
                str(fi["false_alarms"]), str(v["grounding"]["violations"]), f"{v['cost']['wall_s']:.2f}"]

    for d, v in metrics["documents"].items():
        table.add_row(*row(Path(d).stem + (" FAILED" if v["error"] else ""), v))
    table.add_section()
    table.add_row(*row("all", metrics["aggregate"]))
    return table
