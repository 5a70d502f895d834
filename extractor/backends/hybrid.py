"""The hybrid backend: rules first, the model only on what the rules left, disagreements reported.

The rules backend is free, deterministic and grounded by construction; the model is
neither free nor deterministic. So the model is asked only about the parts of a document
the rules did not cover:

* the document is chunked exactly as for the model backend;
* the rules' values mark the figures they were read from (:mod:`extractor.backends.open_figures`);
  a chunk whose every figure is placed is not sent;
* any other chunk is sent narrowed to its **windows** — the sentences and table rows (with
  the table's header lines) that hold a figure the rules left open — and asked only about the
  groups those windows mention; ``metadata`` only in the first chunk, with its title lines,
  when the rules did not find the organisation and year.

Merging keeps every rules value. A model value is added when the rules have nothing for its
key (a fact key, a project or indicator name). When both have the key with different values
the rules value stays, the model value is left out, and the pair is reported in
``Extraction.disagreements`` (and so in the result's provenance) for a human to look at.
A model row whose name the rules also found only fills the rules row's empty cells.

Arithmetic feedback (:meth:`HybridBackend.feedback`) re-asks only the blamed figures the model
gave, in the narrowed chunk it was sent; a figure the rules read is never re-asked.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from extractor.backends import Backend
from extractor.backends.llm import LLMBackend, run_sync
from extractor.backends.llm.feedback import Blamed, blamed
from extractor.backends.open_figures import open_figures, placed_numbers, windows
from extractor.chunk import Chunk, table_spans
from extractor.concepts import normalise_name
from extractor.document import Document
from extractor.result import (
    PROJECT_NUMBERS,
    Evaluation,
    Evidence,
    Extraction,
    Fact,
    Finding,
    Indicator,
    Project,
)
from extractor.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["HybridBackend"]

_ROW_FIELDS = {
    "project": tuple(PROJECT_NUMBERS),
    "indicator": ("weight", "target", "actual", "score"),
}


TITLE_CHARS = 200
"""Characters at the start of the first chunk shown for metadata (the title lines)."""


def _with_title(chunk: Chunk, wins: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """``wins`` with the chunk's first lines (up to :data:`TITLE_CHARS`) in front."""
    cut = chunk.text.rfind("\n", 0, TITLE_CHARS)
    end = chunk.start + (cut if cut > 0 else min(len(chunk), TITLE_CHARS))
    rest = [(max(s, end), e) for s, e in wins if e > end]
    return ((chunk.start, end), *rest)


def _num(v: object) -> object:
    return float(v) if isinstance(v, Decimal) else v


def _ev(e: Evidence) -> dict[str, Any]:
    return {"quote": e.quote, "start": e.start, "end": e.end}


class HybridBackend:
    name = "hybrid"

    def __init__(
        self, settings: Settings | None = None, *, rules: Backend | None = None, llm: LLMBackend | None = None
    ) -> None:
        self.settings = settings or Settings()
        self.llm = llm or LLMBackend(self.settings)
        if rules is None:
            from extractor.backends.rules import RulesBackend

            rules = RulesBackend(self.settings)
        self.rules: Backend = rules

    def extract(self, document: Document) -> Extraction:
        base = self.rules.extract(document)
        plan = self.plan(document, base)
        asked = sum(bool(c.groups) for c in plan)
        log.info("hybrid: %d of %d chunks left to the model", asked, len(plan))
        model = run_sync(self.llm.aextract(document, plan))
        return self.combine(base, model, chunks_to_model=asked)

    def plan(self, document: Document, base: Extraction) -> list[Chunk]:
        """The model backend's chunks narrowed to what the rules left open (module docstring);
        a chunk with nothing left has no groups and is not sent."""
        figures = open_figures(document, placed_numbers(document, base))
        tables = table_spans(document)
        need_meta = not (base.org_name and base.fiscal_year)
        plan = []
        for c in self.llm.plan(document):
            wins = windows(document, c, figures, tables)
            meta = need_meta and c.index == 0
            if meta:
                wins = _with_title(c, wins)
            if not wins:
                plan.append(replace(c, groups=()))
                continue
            c = replace(c, windows=wins)
            groups = tuple(g for g in self.llm.route(c) if g != "evaluation" or base.evaluation.score is None)
            plan.append(replace(c, groups=(*groups, *(("metadata",) if meta else ()))))
        return plan

    # ------------------------------------------------------------------ arithmetic feedback

    def feedback(self, document: Document, extraction: Extraction, findings: Sequence[Finding]) -> Extraction | None:
        """The model backend's arithmetic feedback (:mod:`extractor.backends.llm.feedback`) for
        the blamed figures the model gave, re-asked in the narrowed chunks it was sent; a
        figure the rules read is never re-asked."""
        figures = blamed(extraction, findings)
        if not figures:
            return None
        base = self.rules.extract(document)  # deterministic: the same values, the same plan
        own = [b for b in figures if self._from_model(b, base)]
        return run_sync(self.llm.afeedback(document, extraction, own, self.plan(document, base))) if own else None

    def _from_model(self, figure: Blamed, base: Extraction) -> bool:
        if figure.fact is not None:
            return figure.fact.backend == self.llm.name
        if figure.kind == "evaluation":
            return base.evaluation.score != figure.value
        rows: tuple[Project | Indicator, ...] = base.projects if figure.kind == "project" else base.indicators
        return not any(
            normalise_name(r.name) == normalise_name(figure.name)
            and getattr(r, str(figure.field), None) == figure.value
            for r in rows
        )

    # ------------------------------------------------------------------ merging

    def combine(self, base: Extraction, model: Extraction, *, chunks_to_model: int = 0) -> Extraction:
        disagreements: list[dict[str, Any]] = []
        facts = list(base.facts)
        by_key: dict[tuple[object, ...], list[Fact]] = {}
        for f in base.facts:
            by_key.setdefault(f.key, []).append(f)
        added = 0
        for f in model.facts:
            same = by_key.get(f.key)
            if not same:
                facts.append(f)
                by_key[f.key] = [f]
                added += 1
            elif all(r.value != f.value for r in same):
                disagreements.append(
                    {
                        "kind": "fact",
                        "concept": f.concept,
                        "measure": f.measure,
                        "period": f.period,
                        "scope": f.scope,
                        "label": f.label,
                        "rules": [_num(r.value) for r in same],
                        "llm": _num(f.value),
                        "rules_evidence": _ev(same[0].evidence),
                        "llm_evidence": _ev(f.evidence),
                    }
                )
        projects, n_p = self._rows(list(base.projects), model.projects, "project", disagreements)
        indicators, n_i = self._rows(list(base.indicators), model.indicators, "indicator", disagreements)
        evaluation = self._evaluation(base.evaluation, model.evaluation, disagreements)
        use_model_meta = not (base.org_name and base.fiscal_year) and bool(model.metadata_evidence)
        meta = model if use_model_meta else base
        counters = dict(base.counters)
        for k, v in model.counters.items():
            if k == "dropped_ungrounded":
                counters[k] = counters.get(k, 0) + v
            else:
                counters[f"llm_{k}"] = v
        counters.update(
            {
                "chunks_to_model": chunks_to_model,
                "llm_facts_added": added,
                "llm_rows_added": n_p + n_i,
                "disagreements": len(disagreements),
            }
        )
        return Extraction(
            org_name=meta.org_name or base.org_name,
            fiscal_year=meta.fiscal_year or base.fiscal_year,
            report_kind=base.report_kind if base.report_kind != "other" else model.report_kind,
            metadata_evidence={**model.metadata_evidence, **base.metadata_evidence}
            if use_model_meta
            else base.metadata_evidence,
            facts=tuple(facts),
            projects=tuple(projects),
            indicators=tuple(indicators),
            evaluation=evaluation,
            ledger=model.ledger,
            counters=counters,
            prompt_version=model.prompt_version,
            model=model.model,
            disagreements=(*base.disagreements, *disagreements),
            warnings=(*base.warnings, *model.warnings),
        )

    @staticmethod
    def _rows(
        rows: list[Any], extra: tuple[Any, ...], kind: str, disagreements: list[dict[str, Any]]
    ) -> tuple[list[Any], int]:
        fields = _ROW_FIELDS[kind]
        index = {normalise_name(r.name): i for i, r in enumerate(rows)}
        added = 0
        for m in extra:
            i = index.get(normalise_name(m.name))
            if i is None:
                index[normalise_name(m.name)] = len(rows)
                rows.append(m)
                added += 1
                continue
            r: Project | Indicator = rows[i]
            clash = {
                f: (getattr(r, f), getattr(m, f))
                for f in fields
                if getattr(r, f) is not None and getattr(m, f) is not None and getattr(r, f) != getattr(m, f)
            }
            if clash:
                disagreements.append(
                    {
                        "kind": kind,
                        "name": r.name,
                        "fields": {f: {"rules": _num(a), "llm": _num(b)} for f, (a, b) in clash.items()},
                        "rules_evidence": _ev(r.evidence),
                        "llm_evidence": _ev(m.evidence),
                    }
                )
                continue
            fill = {f: getattr(m, f) for f in fields if getattr(r, f) is None and getattr(m, f) is not None}
            if fill:
                rows[i] = r.model_copy(
                    update={
                        **fill,
                        "cells": {**{k: v for k, v in m.cells.items() if k in fill}, **r.cells},
                        "decimals": {**{k: v for k, v in m.decimals.items() if k in fill}, **r.decimals},
                    }
                )
        return rows, added

    @staticmethod
    def _evaluation(base: Evaluation, model: Evaluation, disagreements: list[dict[str, Any]]) -> Evaluation:
        if base.score is not None and model.score is not None and base.score != model.score:
            disagreements.append(
                {"kind": "evaluation", "field": "score", "rules": _num(base.score), "llm": _num(model.score)}
            )
        update: dict[str, Any] = {}
        cells = dict(base.cells)
        decimals = dict(base.decimals)
        if base.score is None and model.score is not None:
            update["score"] = model.score
            cells["score"] = model.cells["score"]
            decimals["score"] = model.decimals.get("score", 0)
        if base.grade is None and model.grade is not None:
            update["grade"] = model.grade
            cells["grade"] = model.cells["grade"]
        if not update:
            return base
        return base.model_copy(update={**update, "cells": cells, "decimals": decimals})
