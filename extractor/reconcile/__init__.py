"""Reconciliation: rounding-aware arithmetic checks over a result, and which figure is wrong.

Real reports break their own arithmetic. This stage checks every relation a report's
figures must obey — declared as data per report profile (:mod:`.profiles`) — with the
tolerance the figures as written allow (:mod:`.intervals`), records every check (passed,
failed, or not run and why), reports each broken relation as a :class:`~extractor.result.Finding`
and names the figure most likely at fault (:mod:`.localise`).

Modules: ``slots`` (the stated figures by key) → ``relations`` (the profile expanded into
concrete checks) → ``engine`` (evaluate, settle conflicts, findings) → ``localise``
(culprits) and ``messages`` (Chinese and English sentences).
"""

from __future__ import annotations

from extractor.document import Document
from extractor.reconcile.engine import finding_id, run_checks
from extractor.reconcile.forms import MANDATED, completeness
from extractor.reconcile.messages import ocr_note
from extractor.reconcile.profiles import CN_BUDGET, Profile
from extractor.result import Finding, Result

__all__ = ["CN_BUDGET", "MANDATED", "Profile", "finding_id", "reconcile", "run_checks"]


def reconcile(result: Result, profile: Profile = CN_BUDGET, document: Document | None = None) -> Result:
    """A new result with ``findings`` and ``checks`` recomputed from its figures.

    Completeness (the forms the report's kind must publish) is read from ``document``; a
    result re-checked without its source keeps the completeness findings it carries."""
    findings, checks = run_checks(result, profile)
    findings = [_say_ocr(f) for f in findings]
    if document is not None:
        more, records = completeness(result, document)
    else:
        more = [f for f in result.findings if f.kind == "completeness"]
        records = [c for c in result.checks if c.kind == "completeness"]
    return result.model_copy(update={"findings": [*findings, *more], "checks": [*checks, *records]})


def _say_ocr(finding: Finding) -> Finding:
    """A finding on figures read by OCR says so (and how sure the engine was)."""
    zh, en = ocr_note(finding.facts)
    if not zh:
        return finding
    return finding.model_copy(update={"message": finding.message + zh, "message_en": (finding.message_en or "") + en})
