"""Extraction backends: one protocol, a registry by name, lazy imports.

A backend turns a :class:`~extractor.document.Document` into an :class:`Extraction`:
facts, projects, indicators and metadata, each with evidence into ``document.text``.
The pipeline grounds (``extractor.ground``) and reconciles what any backend returns, so a
backend cannot pass on a number the document does not contain.

Known backends: ``rules`` (offline, deterministic, the default), ``llm`` (any
OpenAI-compatible endpoint) and ``hybrid`` (rules first, the model on what they left).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from extractor.document import Document
from extractor.errors import ConfigError
from extractor.result import Evaluation, Evidence, Fact, Indicator, Ledger, Project, ReportKind
from extractor.settings import Settings

__all__ = ["BACKENDS", "Backend", "Extraction", "dedupe_facts", "get_backend"]


@dataclass(frozen=True, kw_only=True)
class Extraction:
    """What a backend found in one document, before grounding and reconciliation."""

    org_name: str | None = None
    fiscal_year: int | None = None
    report_kind: ReportKind = "other"
    metadata_evidence: dict[str, Evidence] = field(default_factory=dict)
    facts: tuple[Fact, ...] = ()
    projects: tuple[Project, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    evaluation: Evaluation = field(default_factory=Evaluation)
    ledger: Ledger = field(default_factory=Ledger)
    counters: dict[str, int] = field(default_factory=dict)
    prompt_version: str | None = None
    model: str | None = None
    disagreements: tuple[dict[str, Any], ...] = ()
    warnings: tuple[str, ...] = ()


def dedupe_facts(facts: Iterable[Fact]) -> tuple[list[Fact], int]:
    """One fact per (key, value) stated more than once, keeping the first statement's
    evidence in document order; different values for one key are all kept (the reconciler
    reports the conflict). Returns the facts and how many statements collapsed."""
    ordered = sorted(facts, key=lambda f: (f.evidence.start, f.evidence.end))
    seen: set[tuple[object, ...]] = set()
    out: list[Fact] = []
    for f in ordered:
        k = (*f.key, f.value)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out, len(ordered) - len(out)


@runtime_checkable
class Backend(Protocol):
    """The seam every extraction backend implements."""

    name: str

    def extract(self, document: Document) -> Extraction: ...


BACKENDS: dict[str, str] = {
    "rules": "extractor.extract.rules:RulesBackend",
    "llm": "extractor.extract.llm:LLMBackend",
    "hybrid": "extractor.extract.hybrid:HybridBackend",
}


def get_backend(name: str, settings: Settings) -> Backend:
    """Build a backend by name (``auto`` resolves from the settings)."""
    resolved = settings.resolved_backend(name)
    target = BACKENDS.get(resolved)
    if target is None:
        raise ConfigError(f"unknown backend {name!r}; known: auto, {', '.join(sorted(BACKENDS))}")
    module_name, _, cls_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        raise ConfigError(f"backend {resolved!r} is not available: {exc}") from exc
    backend: Backend = getattr(module, cls_name)(settings)
    return backend
