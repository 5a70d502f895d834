"""The offline rules backend: deterministic, grounded extraction without a model.

A library of small named patterns (``patterns``), table reconstruction (``tables``) and
metadata finders (``metadata``). Every value carries the span it was read from; a number
whose role the backend cannot name is left out, not guessed.
"""

from __future__ import annotations

from extractor.backends import dedupe_facts
from extractor.backends.rules import (
    bands,
    binding,
    classified,
    form_rows,
    grand_changes,
    metadata,
    org_counts,
    project_forms,
    project_tables,
    projects,
    sentences,
    tables,
    whole_form,
    wide,
)
from extractor.backends.rules.grids import table_rows
from extractor.backends.rules.project_rows import restated
from extractor.backends.rules.prose import join_paragraphs
from extractor.document import Document
from extractor.ground import evidence_for
from extractor.result import Evaluation, Evidence, Extraction, Fact, Project
from extractor.settings import Settings, from_env

__all__ = ["RulesBackend"]

_MEASURE = {"department_final_accounts": "actual"}
"""The measure of a report's project tables (a budget's, an evaluation's budget column read by its header)."""


def merge_projects(*sources: list[Project], prose: list[Project] | None = None) -> list[Project]:
    """One row per project, the first source winning (a grid table's row over a text
    table's, a table row over a sentence restating it); a row of the ``prose`` (last) that
    states a project's figures otherwise stays, flagged ``restates``, for the reconciler to
    compare. A source's own rows all stay: two projects of one name (two units' 日常运行) are
    two rows; its repeats it leaves out itself."""
    out: list[Project] = []
    given: dict[tuple[str, bool], Project] = {}
    for n, rows in enumerate([*sources, prose or []]):
        here: dict[tuple[str, bool], Project] = {}
        for p in rows:
            key = (p.name, p.is_total)
            if key in given:
                compare = n == len(sources) and not p.is_total
                again = restated(p, given[key]) if compare else None
                if again is not None:
                    out.append(again)
                continue
            if p.is_total and key in here:
                continue
            here.setdefault(key, p)
            out.append(p)
        given |= {k: v for k, v in here.items() if k not in given}
    return out


def _unique(rows: list[Project]) -> list[Project]:
    """A source that reads each table on its own: one row per name."""
    out: dict[tuple[str, bool], Project] = {}
    for p in rows:
        out.setdefault((p.name, p.is_total), p)
    return list(out.values())


class RulesBackend:
    name = "rules"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or from_env()

    def extract(self, document: Document) -> Extraction:
        if metadata.is_not_a_disclosure(document):
            # a notice, a form, a bulletin…: kind `other`, and no budget figures invented from it
            return Extraction(report_kind="other", counters={"not_a_disclosure": 1})
        meta_ev: dict[str, Evidence] = {}
        org = metadata.find_org(document)
        year = metadata.find_year(document)
        kind = metadata.find_kind(document)
        for key, found in (("org_name", org), ("fiscal_year", year), ("report_kind", kind)):
            if found is not None:
                meta_ev[key] = evidence_for(document, found.start, found.end)
        score = metadata.find_score(document, kind.value if kind else None)  # type: ignore[arg-type]
        grade = metadata.find_grade(document)
        cells: dict[str, Evidence] = {}
        decimals: dict[str, int] = {}
        if score is not None:
            cells["score"] = evidence_for(document, score.start, score.end)
            decimals["score"] = score.decimals
        if grade is not None:
            cells["grade"] = evidence_for(document, grade.start, grade.end)
        evaluation = Evaluation(
            score=score.value if score else None,
            grade=grade.value if grade else None,
            cells=cells,
            decimals=decimals,
        )
        grids = list(table_rows(document))  # read once: five readers walk the same tables
        reading = tables.read_tables(document, grids)
        coded: list[Fact] = []
        table_projects: list[Project] = []
        forms: list[Project] = []
        measure = _MEASURE.get(str(kind.value), "budget") if kind is not None else "budget"
        if kind is not None and kind.value != "other":
            table_projects = project_tables.read_project_tables(document, measure, grids)
            if kind.value == "project_performance_self_evaluation":
                table_projects = project_forms.evaluated_project(document, org.value if org else None, table_projects)  # type: ignore[arg-type]
            forms = project_forms.read_project_forms(document, grids)
        fiscal_year = year.value if year and isinstance(year.value, int) else None
        if kind is not None and kind.value != "other":
            coded = wide.read_named_columns(document, measure, fiscal_year, grids)
        if kind is not None and kind.value == "department_budget":
            coded = [
                *coded,
                *classified.read_classified(document, "budget", grids),
                *bands.read_bands(document, "budget", grids),
                *whole_form.read_whole_forms(document, grids),
            ]
        prose = join_paragraphs(document.text, document.page_starts)  # joined once for the scanners
        stated = sentences.scan(document, year.value if year and isinstance(year.value, int) else None, prose)
        if kind is not None and kind.value == "department_budget":
            stated = binding.as_budget(stated)
        facts, _ = dedupe_facts(
            [
                *stated,
                *org_counts.scan_counts(document, None if document.page_starts else prose),
                *reading.facts,
                *coded,
            ]
        )
        if kind is not None and kind.value == "department_budget":
            facts = grand_changes.drop_grand_total_changes(facts)
        spending = [
            f.value
            for f in facts
            if (f.concept, f.measure, f.period, f.scope, f.label)
            == ("expenditure.project", measure, "current", "all", None)
        ]
        table_projects = form_rows.with_forms(table_projects, forms, measure, spending)
        return Extraction(
            facts=tuple(facts),
            projects=tuple(
                merge_projects(
                    table_projects,
                    _unique(reading.projects),
                    prose=projects.scan_projects(
                        document, budget=kind is not None and kind.value == "department_budget", prose=prose
                    ),
                )
            ),
            indicators=tuple(reading.indicators),
            org_name=org.value if org else None,  # type: ignore[arg-type]
            fiscal_year=year.value if year else None,  # type: ignore[arg-type]
            report_kind=kind.value if kind else "other",  # type: ignore[arg-type]
            metadata_evidence=meta_ev,
            evaluation=evaluation,
        )
