"""``report.md``: one evaluation run for a reader — summary tables, findings, then the worst misses
with gold against extracted and the evidence quote."""

from __future__ import annotations

from typing import Any

from extractor.evaluate.injected import markdown as injected_markdown

__all__ = ["render_markdown"]


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


_FACT_COLS = (
    "correct",
    "wrong",
    "invented",
    "missed",
    "correctly_absent",
    "conflict_values",
    "precision",
    "recall",
    "f1",
)


def _worst(outcomes: list[dict[str, Any]], per_kind: int = 15) -> list[dict[str, Any]]:
    bad = [o for o in outcomes if o["outcome"] not in ("correct", "correctly_absent", "matched", "recalled", "named")]
    order = [
        ("fact", "wrong"),
        ("fact", "missed"),
        ("fact", "invented"),
        ("project_cell", None),
        ("indicator_cell", None),
        ("project", None),
        ("indicator", None),
        ("metadata", None),
        ("finding", None),
        ("culprit", None),
        ("false_alarm", None),
    ]
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
    lines += [
        f"- run: {run['timestamp']}, git {_f(run.get('git_sha'))}{dirty}, mode {run['mode']}",
        f"- backend: {_f(run.get('backend'))} (requested {run['backend_requested']}), model "
        f"{_f(run.get('model'))}, prompt version {_f(run.get('prompt_version'))}",
        f"- scorer version {metrics['scorer_version']}, metrics version {metrics['metrics_version']}, "
        f"gold digest `{metrics['gold_digest'][:16]}`, {agg['documents']} documents"
        f" ({agg['failed_documents']} failed)",
        "",
    ]
    with_all = [*docs.items(), ("**all**", agg)]
    lines += _section("Summary", ["metric", "value"], [[k, v] for k, v in metrics["headline"].items()])
    lines += _section(
        "Facts by document", ["document", *_FACT_COLS], [[d, *(v["facts"][c] for c in _FACT_COLS)] for d, v in with_all]
    )
    lines += _section(
        "Facts by concept family",
        ["family", *_FACT_COLS],
        [[k, *(v[c] for c in _FACT_COLS)] for k, v in agg["facts_by_family"].items()],
    )
    rows = []
    for d, v in with_all:
        for kind in ("projects", "indicators"):
            r, c = v[kind]["rows"], v[kind]["cells"]
            if r["gold"] or r["result"]:
                rows.append(
                    [
                        d,
                        kind,
                        r["gold"],
                        r["result"],
                        r["matched"],
                        r["precision"],
                        r["recall"],
                        r["f1"],
                        c["scored"],
                        c["correct"],
                        c["wrong"],
                        c["missed"],
                        c["accuracy"],
                    ]
                )
    lines += _section(
        "Projects and indicators",
        [
            "document",
            "table",
            "gold rows",
            "result rows",
            "paired",
            "P",
            "R",
            "F1",
            "cells",
            "correct",
            "wrong",
            "missed",
            "accuracy",
        ],
        rows,
    )
    meta = [o for o in metrics["outcomes"] if o["kind"] == "metadata"]
    lines += _section(
        "Metadata",
        ["document", "field", "outcome", "gold", "extracted"],
        [[o["document"], o["id"].split("|", 1)[1], o["outcome"], o["gold"], o["extracted"]] for o in meta],
        f"accuracy {_f(agg['metadata']['accuracy'])}",
    )
    lines += _section(
        "Findings",
        ["document", "expected", "recalled", "recall", "material reported", "false alarms", "culprits named"],
        [
            [
                d,
                v["findings"]["expected"],
                v["findings"]["recalled"],
                v["findings"]["recall"],
                v["findings"]["material_reported"],
                v["findings"]["false_alarms"],
                f"{v['findings']['culprits_named']}/{v['findings']['culprits_scorable']}",
            ]
            for d, v in with_all
        ],
    )
    lines += [
        "## Grounding",
        "",
        f"{agg['grounding']['checked']} values checked, {agg['grounding']['violations']} violations",
        "",
    ]
    unchecked = [d for d, v in docs.items() if not v["grounding_checked"]]
    if unchecked:
        lines += [f"not checked (document not available): {', '.join(unchecked)}", ""]
    if metrics["violations"]:
        lines += _table(
            ["document", "where", "value", "reason", "quote"],
            [[v["document"], v["where"], v["value"], v["reason"], v["quote"]] for v in metrics["violations"][:50]],
        )
    cost_keys = (
        "wall_s",
        "requests",
        "attempts",
        "reasks",
        "prompt_tokens",
        "completion_tokens",
        "cached_tokens",
        "cache_hits",
        "feedback_asked",
        "feedback_corrected",
    )
    lines += _section(
        "Cost and speed", ["document", *cost_keys], [[d, *(v["cost"][k] for k in cost_keys)] for d, v in with_all]
    )
    if metrics.get("injected"):
        lines += [
            "## What the guardrails caught (injected errors)",
            "",
            "Each error the endpoint logged as injected, by what became of it in the final result "
            "(extractor/evaluate/injected.py defines the outcomes).",
            "",
            *injected_markdown(metrics["injected"]),
        ]
    lines += _section(
        "Worst misses",
        ["document", "kind", "item", "outcome", "gold", "extracted", "quote"],
        [
            [o["document"], o["kind"], o["id"], o["outcome"], o["gold"], o["extracted"], o.get("quote")]
            for o in _worst(metrics["outcomes"])
        ],
        "Wrong values first (largest relative error), then missed and invented facts, cells, rows, "
        "metadata and findings. The quote is the result's evidence, or gold's own quote for a miss; "
        "every outcome is in `metrics.json`.",
    )
    if metrics["errors"] or metrics["warnings"]:
        lines += [
            "## Errors and warnings",
            "",
            *(f"- error: {e}" for e in metrics["errors"]),
            *(f"- warning: {w}" for w in metrics["warnings"]),
            "",
        ]
    if comparison_md:
        lines += comparison_md
    return "\n".join(lines).rstrip() + "\n"
