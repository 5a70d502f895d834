"""What became of errors injected into a model's answers: the guardrail audit.

A fault-injecting endpoint (the repository's model simulator, ``eval/simulator``) logs every
error it put into an answer as one JSON object per line::

    {"event": "injected", "id": "...", "document": "a.txt", "kind": "fact", "error": "wrong_unit",
     "key": {"concept": ..., "measure": ..., "period": ..., "scope": ..., "label": ...},
     "field": "value", "gold": "311.2", "wrong": "0.03112", "span": [start, end], ...}
    {"event": "fixed", "id": "...", "why": "feedback"}

``kind`` is fact, project, indicator or evaluation (rows carry ``key.name``); ``wrong`` is
the value a result would hold had the extractor believed the model (result units), null for
errors that put no wrong number forward (a paraphrased quote, a missed or malformed item).
:func:`audit` compares each injection with the final result of its document:

==========  ==================================================================================
dropped     the wrong value is not in the result (grounding, validation or a role check)
flagged     the wrong value is in the result and takes part in a material finding
corrected   the extractor's arithmetic feedback re-asked, and the result holds the gold value
reached     the wrong value is in the result and nothing flags it — the failure that matters
missing     a missed item whose value the result lacks (recall, not a wrong value)
recovered   a missed or malformed item whose gold value the result holds anyway
==========  ==================================================================================

A paraphrased quote "reached" when its (right) value is in the result with evidence that was
re-found only by normalised or fuzzy alignment over the item's own text.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from extractor.concepts import normalise_name
from extractor.errors import EvaluationError
from extractor.result import Result

__all__ = ["OUTCOMES", "audit", "load_injections"]

OUTCOMES = ("dropped", "flagged", "corrected", "reached", "missing", "recovered")


def load_injections(path: str | Path) -> list[dict[str, Any]]:
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"cannot read the injection log: {exc}", path=p) from exc


def _close(a: Any, b: Any) -> bool:
    return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-6)


def _key(concept: Any, measure: Any, period: Any, scope: Any, label: Any) -> tuple[Any, ...]:
    return (concept, measure, period, scope, normalise_name(label) or None)


def _values(result: Result, rec: Mapping[str, Any]) -> list[tuple[Decimal, Any, dict[str, Any]]]:
    """(value, evidence, what a finding names it by) for every result value at the record's key."""
    k, kind, fld = rec.get("key") or {}, rec["kind"], str(rec.get("field") or "value")
    if kind == "fact":
        want = _key(k.get("concept"), k.get("measure"), k.get("period"), k.get("scope"), k.get("label"))
        return [(f.value, f.evidence, {"key": want}) for f in result.facts if f.match_key == want]
    if kind in ("project", "indicator"):
        rows = result.projects if kind == "project" else result.indicators
        name = normalise_name(k.get("name"))
        return [
            (getattr(r, fld), r.cells.get(fld, r.evidence), {kind: name, "field": fld})
            for r in rows
            if normalise_name(r.name) == name and getattr(r, fld, None) is not None
        ]
    if kind == "evaluation" and result.evaluation.score is not None:
        return [(result.evaluation.score, result.evaluation.cells.get("score"), {"evaluation": True})]
    return []


def _flagged(result: Result, names: dict[str, Any], value: Any) -> bool:
    for finding in result.findings:
        if finding.severity != "material":
            continue
        for ff in finding.facts:
            if not _close(ff.value, value):
                continue
            if "key" in names and _key(ff.concept, ff.measure, ff.period, ff.scope, ff.label) == names["key"]:
                return True
            for kind in ("project", "indicator"):
                if kind in names and normalise_name(getattr(ff, kind)) == names[kind] and ff.field == names["field"]:
                    return True
    return False


def classify(rec: Mapping[str, Any], result: Result, fixed: set[str]) -> str:
    """One injection's outcome (see the module docstring)."""
    values = _values(result, rec)
    error, gold, wrong = rec["error"], rec.get("gold"), rec.get("wrong")
    if error in ("missed_item", "malformed_item"):
        return (
            "recovered"
            if any(_close(v, gold) for v, _, _ in values)
            else ("missing" if error == "missed_item" else "dropped")
        )
    if error == "paraphrased_quote":
        span = rec.get("span") or [0, 0]
        kept = [
            (v, n)
            for v, ev, n in values
            if _close(v, gold)
            and ev is not None
            and getattr(ev, "alignment", "exact") != "exact"
            and ev.start < span[1]
            and span[0] < ev.end
        ]
        if not kept:
            return "dropped"
        return "flagged" if any(_flagged(result, n, v) for v, n in kept) else "reached"
    hits = [(v, n) for v, _, n in values if _close(v, wrong)]
    if hits:
        return "flagged" if any(_flagged(result, n, v) for v, n in hits) else "reached"
    if rec["id"] in fixed and any(_close(v, gold) for v, _, _ in values):
        return "corrected"
    return "dropped"


def audit(records: Iterable[Mapping[str, Any]], results: Mapping[str, Result]) -> dict[str, Any]:
    """Outcome counts per error type over the documents in ``results`` (by document name)."""
    records = list(records)
    fixed = {r["id"] for r in records if r.get("event") == "fixed" and r.get("why") == "feedback"}
    seen: set[str] = set()
    by_error: dict[str, dict[str, int]] = {}
    items: list[dict[str, Any]] = []
    for rec in records:
        if rec.get("event") != "injected" or rec["id"] in seen or rec.get("document") not in results:
            continue
        seen.add(rec["id"])
        outcome = classify(rec, results[rec["document"]], fixed)
        row = by_error.setdefault(rec["error"], {"injected": 0, **dict.fromkeys(OUTCOMES, 0)})
        row["injected"] += 1
        row[outcome] += 1
        items.append(
            {
                "id": rec["id"],
                "document": rec["document"],
                "error": rec["error"],
                "variant": rec.get("variant"),
                "outcome": outcome,
                "gold": rec.get("gold"),
                "wrong": rec.get("wrong"),
            }
        )
    total = sum(r["injected"] for r in by_error.values())
    reached = sum(r["reached"] for r in by_error.values())
    return {
        "injected": total,
        "reached_unflagged": reached,
        "reached_share": round(reached / total, 4) if total else None,
        "by_error": dict(sorted(by_error.items())),
        "items": items,
    }


def markdown(section: Mapping[str, Any]) -> list[str]:
    """The audit as a table (one row per error type and a total)."""
    head = ["error", "injected", *OUTCOMES]
    rows = [[e, *(r[c] for c in ("injected", *OUTCOMES))] for e, r in section["by_error"].items()]
    totals = [sum(r[c] for r in section["by_error"].values()) for c in ("injected", *OUTCOMES)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in [*rows, ["**all**", *totals]]]
    share = section["reached_share"]
    return [
        *lines,
        "",
        f"{section['reached_unflagged']} of {section['injected']} injected errors reached a result "
        f"unflagged ({share:.1%})"
        if share is not None
        else "no injected errors in these documents",
        "",
    ]
