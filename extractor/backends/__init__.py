"""Extraction backends: one protocol, a registry by name, lazy imports.

A backend turns a :class:`~extractor.document.Document` into an :class:`~extractor.result.Extraction`:
facts, projects, indicators and metadata, each with evidence into ``document.text``.
The pipeline grounds (``extractor.ground``) and reconciles what any backend returns, so a
backend cannot pass on a number the document does not contain.

Known backends: ``rules`` (offline, deterministic, the default), ``llm`` (any
OpenAI-compatible endpoint) and ``hybrid`` (rules first, the model on what they left).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from extractor.document import Document
from extractor.errors import ConfigError
from extractor.result import Extraction, Fact
from extractor.settings import Settings

__all__ = ["BACKENDS", "Backend", "dedupe_facts", "get_backend"]


def dedupe_facts(facts: Iterable[Fact]) -> tuple[list[Fact], int]:
    """One fact per (key, value) stated more than once, keeping the first statement's
    evidence in document order; different values for one key are all kept (the reconciler
    reports the conflict). A later statement's classification code fills in the kept one's
    when that has none: the prose names a row (其他科学技术支出（项）) its table codes, and a 款 of
    the same name is another row. Returns the facts and how many statements collapsed."""
    ordered = sorted(facts, key=lambda f: (f.evidence.start, f.evidence.end))
    seen: dict[tuple[object, ...], int] = {}
    out: list[Fact] = []
    for f in ordered:
        k = (*f.key, f.value)
        if k not in seen:
            seen[k] = len(out)
            out.append(f)
        elif f.code and not out[seen[k]].code:
            out[seen[k]] = out[seen[k]].model_copy(update={"code": f.code})
    return out, len(ordered) - len(out)


@runtime_checkable
class Backend(Protocol):
    """The seam every extraction backend implements."""

    name: str

    def extract(self, document: Document) -> Extraction: ...


BACKENDS: dict[str, str] = {
    "rules": "extractor.backends.rules:RulesBackend",
    "llm": "extractor.backends.llm:LLMBackend",
    "hybrid": "extractor.backends.hybrid:HybridBackend",
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
