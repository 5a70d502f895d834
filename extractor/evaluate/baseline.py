"""Regression gates: compare a run with a stored ``metrics.json``, and ``--fail-under``.

A comparison is only meaningful between runs that scored the same gold with the same
scorer, so :func:`compare` refuses (``EvaluationError``) when the gold digest, the scorer
version or the metrics layout differ; refresh the baseline instead. Otherwise it reports,
for every :data:`~extractor.evaluate.report.HEADLINE` metric, the baseline value, the
current one and the delta, and flags a regression when a higher-is-better metric drops by
more than :data:`EPSILON` or a lower-is-better count (false alarms, grounding violations)
rises at all. Item by item it lists what became wrong and what became right (facts, cells,
rows, metadata, findings), from the outcome lists both runs carry. Items only explain the
headline numbers: they never fail the gate on their own, so a change that fixes two facts
and breaks one passes, and shows the one.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.errors import EvaluationError
from extractor.evaluate.outcome import GOOD_OUTCOMES
from extractor.evaluate.report import HEADLINE, lookup

__all__ = ["EPSILON", "Comparison", "check_fail_under", "compare", "load_metrics", "parse_fail_under"]

EPSILON = 1e-3
"""Largest drop of a ratio that is not a regression (below one item in a hundred)."""


@dataclass(frozen=True, slots=True)
class Delta:
    metric: str
    baseline: float | None
    current: float | None
    regressed: bool

    @property
    def delta(self) -> float | None:
        if self.baseline is None or self.current is None:
            return None
        return round(self.current - self.baseline, 6)


@dataclass(frozen=True, slots=True)
class Comparison:
    deltas: tuple[Delta, ...]
    newly_wrong: tuple[dict[str, Any], ...]
    newly_right: tuple[dict[str, Any], ...]
    baseline_run: dict[str, Any]
    warnings: tuple[str, ...] = ()

    @property
    def regressions(self) -> tuple[Delta, ...]:
        return tuple(d for d in self.deltas if d.regressed)

    def to_markdown(self) -> list[str]:
        run = self.baseline_run
        lines = [
            "## Against the baseline",
            "",
            f"baseline: {run.get('timestamp')}, git {run.get('git_sha')}, backend {run.get('backend')}",
            "",
            "| metric | baseline | current | delta | |",
            "|---|---|---|---|---|",
        ]
        for d in self.deltas:
            lines.append(
                f"| {d.metric} | {_f(d.baseline)} | {_f(d.current)} | {_f(d.delta)} | "
                f"{'**regression**' if d.regressed else ''} |"
            )
        for title, items in (("Newly wrong", self.newly_wrong), ("Newly right", self.newly_right)):
            lines += ["", f"### {title} ({len(items)})", ""]
            lines += [
                f"- {o['document']} `{o['id']}`: {o['was']} → {o['now']} (gold {o.get('gold')}, "
                f"extracted {', '.join(o.get('extracted') or []) or '—'})"
                for o in items[:100]
            ]
        return [*lines, ""]


def _f(v: float | None) -> str:
    return "—" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)


def load_metrics(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"cannot read baseline metrics: {exc}", path=p) from exc
    if not isinstance(data, dict) or "aggregate" not in data or "gold_digest" not in data:
        raise EvaluationError("not a metrics.json written by `extractor eval`", path=p)
    return data


def _regressed(base: Any, now: Any, direction: int) -> bool:
    if base is None:
        return False
    if now is None:
        return True
    if direction > 0:
        return bool(now < base - EPSILON)
    return bool(now > base)


def compare(baseline: dict[str, Any], current: dict[str, Any], *, path: str | Path | None = None) -> Comparison:
    """Per-metric deltas and per-item changes; refuses incomparable runs."""
    for key, what in (
        ("metrics_version", "metrics layout"),
        ("scorer_version", "scorer version"),
        ("gold_digest", "gold digest"),
    ):
        if baseline.get(key) != current.get(key):
            raise EvaluationError(
                f"cannot compare with the baseline: {what} differs ({baseline.get(key)} vs {current.get(key)}); "
                "refresh the baseline with this gold and scorer",
                path=path,
            )
    deltas = []
    for metric, direction in HEADLINE:
        try:
            base = lookup(baseline["aggregate"], metric)
        except KeyError:
            base = None
        now = lookup(current["aggregate"], metric)
        deltas.append(Delta(metric, base, now, _regressed(base, now, direction)))
    before = {(o["document"], o["id"]): o for o in baseline.get("outcomes", [])}
    after = {(o["document"], o["id"]): o for o in current.get("outcomes", [])}
    wrong, right = [], []
    for item_key in sorted(set(before) | set(after)):
        b, a = before.get(item_key), after.get(item_key)
        was = b["outcome"] if b else "absent"
        now = a["outcome"] if a else "absent"
        b_good = b is None or b["outcome"] in GOOD_OUTCOMES
        a_good = a is None or a["outcome"] in GOOD_OUTCOMES
        item = {**(a or b or {}), "was": was, "now": now}
        if b_good and not a_good:
            wrong.append(item)
        elif a_good and not b_good:
            right.append(item)
    b_run, c_run = baseline.get("run", {}), current.get("run", {})
    warnings = tuple(
        f"the baseline's {name} is {b_run.get(name)!r}, this run's {c_run.get(name)!r}"
        for name in ("backend", "model", "prompt_version")
        if b_run.get(name) != c_run.get(name)
    )
    return Comparison(tuple(deltas), tuple(wrong), tuple(right), baseline.get("run", {}), warnings)


def parse_fail_under(specs: list[str]) -> list[tuple[str, float]]:
    """``["facts.f1=0.9"]`` → ``[("facts.f1", 0.9)]``; a malformed spec is an EvaluationError."""
    out = []
    for spec in specs:
        name, sep, value = spec.partition("=")
        try:
            threshold = float(value)
        except ValueError:
            threshold = math.nan
        if not sep or not name.strip() or math.isnan(threshold):
            raise EvaluationError(f"--fail-under wants METRIC=VALUE (e.g. facts.f1=0.9), got {spec!r}")
        out.append((name.strip(), threshold))
    return out


def check_fail_under(metrics: dict[str, Any], specs: list[tuple[str, float]]) -> list[str]:
    """Messages for every metric below its threshold (an n/a metric counts as below)."""
    failures = []
    for name, threshold in specs:
        try:
            value = lookup(metrics["aggregate"], name)
        except KeyError:
            raise EvaluationError(
                f"--fail-under: unknown metric {name!r} (e.g. facts.f1, projects.cells.accuracy, findings.recall)"
            ) from None
        if not isinstance(value, int | float | None) or isinstance(value, bool):
            raise EvaluationError(f"--fail-under: {name!r} is not a number")
        if value is None or value < threshold:
            failures.append(f"{name} = {_f(value)} < {threshold}")
    return failures
