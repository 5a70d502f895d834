"""Reconciliation: deterministic arithmetic checks over a result (see issue: reconciler)."""

from __future__ import annotations

from extractor.result import Result


def reconcile(result: Result) -> Result:
    """Placeholder until the rule engine lands: records no checks and no findings."""
    return result
