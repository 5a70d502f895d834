"""The scorer: gold against itself scores 1.0, and each planted perturbation moves exactly
the metrics it should (and nothing else)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from extractor.evaluate.report import doc_metrics
from extractor.evaluate.score import score_document
from extractor.result import Fact, Finding, FindingFact, Indicator, Project, Result
from tests.evaluate.perturb import (
    DOC,
    PERFECT,
    G,
    edit_fact,
    ev,
    fact_stats,
    moved,
    score,
    with_facts,
)
from tests.evaluate.synth import gold

# --------------------------------------------------------------------------- gold vs itself


def test_gold_against_itself_scores_one() -> None:
    s = score(PERFECT)
    m = doc_metrics(s)
    assert m["facts"]["precision"] == m["facts"]["recall"] == m["facts"]["f1"] == 1.0
    assert m["facts"]["correct"] == len(G.facts) and m["facts"]["conflict_values"] == 0
    for table in ("projects", "indicators"):
        assert m[table]["rows"]["f1"] == 1.0 and m[table]["cells"]["accuracy"] == 1.0
    assert m["indicators"]["cells"]["scored"] == 3 * 7  # weight, score and five strings per row
    assert m["metadata"]["accuracy"] == 1.0
    assert m["findings"]["recall"] == 1.0 and m["findings"]["culprit_accuracy"] == 1.0
    assert m["findings"]["false_alarms"] == 0
    assert s.grounding.checked > len(G.facts) and s.grounding.violations == 0, s.violations
    assert all(o.good for o in s.outcomes)


# --------------------------------------------------------------------------- facts


WRONG = fact_stats("expenditure", "correct", "wrong", "precision", "recall", "f1")


def test_wrong_value_is_wrong_not_missed_or_invented() -> None:
    r = edit_fact("expenditure.total", value=Decimal("450.00"), evidence=ev("财政拨款支出450.00万元"))
    assert moved(r) == WRONG
    assert score(r).facts.wrong == 1


def test_yuan_for_wan_is_a_wrong_value() -> None:
    r = edit_fact("expenditure.total", value=Decimal("5000000"))  # 500.00 read as 元 twice over
    assert moved(r) == WRONG
    assert score(r).grounding.violations == 0


@pytest.mark.parametrize(("delta", "ok"), [("0.004", True), ("0.005", True), ("-0.005", True), ("0.006", False)])
def test_money_tolerance(delta: str, ok: bool) -> None:
    r = edit_fact("expenditure.total", value=Decimal("500.00") + Decimal(delta))
    assert (score(r).facts.correct == len(G.facts)) is ok


def test_percent_tolerance_and_counts_are_exact() -> None:
    assert score(edit_fact("expenditure.basic", "share", value=Decimal("80.004"))).facts.wrong == 0
    assert score(edit_fact("expenditure.basic", "share", value=Decimal("80.01"))).facts.wrong == 1
    assert score(edit_fact("staff.in_service", value=Decimal("25.004"))).facts.wrong == 1


def test_missing_fact_moves_recall_only() -> None:
    r = with_facts([f for f in PERFECT.facts if f.concept != "staff.in_service"])
    assert moved(r) == {
        "facts.correct",
        "facts.missed",
        "facts.recall",
        "facts.f1",
        "facts_by_family.staff.correct",
        "facts_by_family.staff.missed",
        "facts_by_family.staff.precision",
        "facts_by_family.staff.recall",
        "facts_by_family.staff.f1",
    }
    assert doc_metrics(score(r))["facts"]["precision"] == 1.0


def test_invented_fact_moves_precision_only() -> None:
    extra = Fact(concept="three_public.total", value=Decimal(25), evidence=ev("年末在职人员25人"))
    r = with_facts([*PERFECT.facts, extra])
    changed = moved(r)
    assert {k for k in changed if not k.startswith("facts_by_family.three_public.")} == {
        "facts.invented",
        "facts.precision",
        "facts.f1",
    }
    m = doc_metrics(score(r))
    assert m["facts"]["recall"] == 1.0 and m["facts_by_family"]["three_public"]["invented"] == 1


@pytest.mark.parametrize("update", [{"label": "一般公共服务"}, {"label": "社会保障和就业支出"}])
def test_wrong_label_is_a_miss_and_an_invention(update: dict[str, str]) -> None:
    facts = [f.model_copy(update=update) if f.label == "一般公共服务支出" else f for f in PERFECT.facts]
    r = with_facts(facts)
    if update["label"] == "社会保障和就业支出":  # collides with another key: that key now has two values
        assert score(r).facts.conflict_values == 1 and score(r).facts.missed == 1
        return
    assert moved(r) == fact_stats("expenditure", "correct", "missed", "invented", "precision", "recall", "f1")


def test_label_normalisation_ignores_class_markers_width_and_spaces() -> None:
    facts = [
        f.model_copy(update={"label": "一般公共服务 支出（类）"}) if f.label == "一般公共服务支出" else f
        for f in PERFECT.facts
    ]
    assert moved(with_facts(facts)) == set()


def test_wrong_scope_is_a_miss_and_an_invention() -> None:
    r = edit_fact("expenditure.total", where_scope="fiscal", scope="general_public_budget")
    assert moved(r) == fact_stats("expenditure", "correct", "missed", "invented", "precision", "recall", "f1")


def test_optional_fact_missing_is_no_error() -> None:
    r = with_facts([f for f in PERFECT.facts if f.measure != "budget"])
    assert moved(r) == fact_stats("expenditure", "correct", "correctly_absent")
    assert doc_metrics(score(r))["facts"]["f1"] == 1.0


def test_optional_fact_wrong_is_an_error() -> None:
    r = edit_fact("expenditure.project", "budget", value=Decimal("100.00"), evidence=ev("项目支出100.00万元"))
    assert moved(r) == WRONG


def test_alternative_value_counts_as_right() -> None:
    r = edit_fact("income.total", "change_pct", value=Decimal(15), evidence=ev("收入合计比上年增长15%"))
    assert moved(r) == set()


def test_a_second_stated_value_is_a_conflict_value_not_an_invention() -> None:
    (orig,) = [f for f in PERFECT.facts if f.concept == "expenditure.basic" and f.measure == "actual"]
    extra = orig.model_copy(update={"value": Decimal("500.00"), "evidence": ev("本年支出合计500.00万元")})
    r = with_facts([*PERFECT.facts, extra])
    assert moved(r) == fact_stats("expenditure", "conflict_values")


def test_several_values_none_right_is_one_wrong_key() -> None:
    facts = [
        f.model_copy(update={"value": Decimal("500.00"), "evidence": ev("本年支出合计500.00万元")})
        if f.concept == "expenditure.basic" and f.measure == "actual"
        else f
        for f in PERFECT.facts
    ]
    (dup,) = [f for f in facts if f.concept == "expenditure.basic" and f.measure == "actual"]
    r = with_facts([*facts, dup.model_copy(update={"value": Decimal("100.00"), "evidence": ev("项目支出100.00万元")})])
    assert moved(r) == WRONG


# --------------------------------------------------------------------------- rows


def _indicators(rows: list[Indicator]) -> Result:
    return PERFECT.model_copy(update={"indicators": rows})


def test_swapped_indicator_scores_move_cell_accuracy_only() -> None:
    a, b, c = PERFECT.indicators
    a2 = a.model_copy(update={"score": b.score, "cells": {**a.cells, "score": b.cells["score"]}})
    b2 = b.model_copy(update={"score": a.score, "cells": {**b.cells, "score": a.cells["score"]}})
    r = _indicators([a2, b2, c])
    assert moved(r) == {"indicators.cells.correct", "indicators.cells.wrong", "indicators.cells.accuracy"}
    assert score(r).indicators.cells_wrong == 2 and score(r).grounding.violations == 0


def test_row_order_does_not_matter() -> None:
    assert moved(_indicators(list(reversed(PERFECT.indicators)))) == set()
    assert moved(PERFECT.model_copy(update={"projects": list(reversed(PERFECT.projects))})) == set()


def test_swapped_indicator_names_pair_by_name() -> None:
    a, b, c = PERFECT.indicators
    r = _indicators([a.model_copy(update={"name": b.name}), b.model_copy(update={"name": a.name}), c])
    s = score(r)
    assert s.indicators.matched_rows == 3 and s.indicators.cells_wrong > 0
    assert {k.split(".")[0] for k in moved(r)} == {"indicators"}
    assert doc_metrics(s)["indicators"]["rows"]["f1"] == 1.0


def test_near_name_pairs_and_scores_the_name_cell() -> None:
    p, q = PERFECT.projects
    r = PERFECT.model_copy(update={"projects": [p.model_copy(update={"name": "办公设备购置"}), q]})
    assert moved(r) == {"projects.cells.correct", "projects.cells.wrong", "projects.cells.accuracy"}


def test_unrelated_name_does_not_pair() -> None:
    p, q = PERFECT.projects
    r = PERFECT.model_copy(update={"projects": [p.model_copy(update={"name": "道路维修工程"}), q]})
    s = score(r)
    assert s.projects.matched_rows == 1 and s.projects.result_rows == 2 and s.projects.gold_rows == 2
    assert {"projects.rows.precision", "projects.rows.recall", "projects.rows.f1"} <= moved(r)
    assert doc_metrics(s)["projects"]["cells"]["accuracy"] == 1.0


def test_total_rows_are_not_projects() -> None:
    line = "职工培训项目\t10.00\t10.00\t100.0%"
    total = Project(
        name="合计", budget=Decimal(10), evidence=ev(line), cells={"budget": ev(line, "10.00")}, is_total=True
    )
    assert moved(PERFECT.model_copy(update={"projects": [*PERFECT.projects, total]})) == set()


def test_a_restating_row_is_no_project_of_its_own() -> None:
    p, _ = PERFECT.projects
    again = p.model_copy(update={"restates": True})
    assert moved(PERFECT.model_copy(update={"projects": [*PERFECT.projects, again]})) == set()


def test_missing_cell_is_missed() -> None:
    p, q = PERFECT.projects
    r = PERFECT.model_copy(update={"projects": [p.model_copy(update={"rate": None}), q]})
    assert moved(r) == {"projects.cells.correct", "projects.cells.missed", "projects.cells.accuracy"}


# --------------------------------------------------------------------------- metadata, findings, grounding


def test_wrong_year_moves_metadata_only() -> None:
    assert moved(PERFECT.model_copy(update={"fiscal_year": 2022})) == {
        "metadata.correct",
        "metadata.accuracy",
        "metadata.fields.fiscal_year",
    }


def test_missing_findings_move_recall_and_culprits() -> None:
    r = PERFECT.model_copy(update={"findings": []})
    assert moved(r) == {
        "findings.recalled",
        "findings.recall",
        "findings.material_reported",
        "findings.culprits_named",
        "findings.culprit_accuracy",
    }


def test_wrong_culprit_moves_culprit_accuracy_only() -> None:
    f0, f1 = PERFECT.findings
    assert f0.culprit is not None
    bad = f0.model_copy(update={"culprit": f0.culprit.model_copy(update={"measure": "actual", "value": Decimal(100)})})
    assert moved(PERFECT.model_copy(update={"findings": [bad, f1]})) == {
        "findings.culprits_named",
        "findings.culprit_accuracy",
    }


def test_rounding_findings_and_other_kinds_do_not_count() -> None:
    f0, f1 = PERFECT.findings
    r = PERFECT.model_copy(
        update={"findings": [f0.model_copy(update={"severity": "rounding"}), f1.model_copy(update={"kind": "sum"})]}
    )
    s = score(r)
    assert s.findings.recalled == 0 and s.findings.false_alarms == 0


def test_one_result_finding_cannot_stand_for_two_expected() -> None:
    f0, f1 = PERFECT.findings
    both = f0.model_copy(update={"facts": [*f0.facts, *f1.facts]})
    assert score(PERFECT.model_copy(update={"findings": [both]})).findings.recalled == 1


def test_finding_on_consistent_facts_is_a_false_alarm() -> None:
    alarm = Finding(
        id="x",
        kind="sum",
        rule="sum",
        severity="material",
        facts=[FindingFact(concept="staff.in_service", value=Decimal(25))],
        message="bogus",
    )
    r = PERFECT.model_copy(update={"findings": [*PERFECT.findings, alarm]})
    assert moved(r) == {"findings.false_alarms", "findings.material_reported"}


def test_grounding_violations_are_counted_and_listed() -> None:
    f = PERFECT.facts[0]
    shifted = f.model_copy(update={"evidence": f.evidence.model_copy(update={"start": f.evidence.start + 1})})
    r = with_facts([shifted, *PERFECT.facts[1:]])
    s = score(r)
    assert moved(r) == {"grounding.violations"}
    assert s.violations[0]["reason"] == "span does not hold the quote"
    wrong_number = f.model_copy(update={"value": Decimal("501")})
    s = score(with_facts([wrong_number, *PERFECT.facts[1:]]))
    assert any(v["reason"] == "number not in quote" for v in s.violations)


def test_no_text_means_grounding_not_checked() -> None:
    s = score_document(G, PERFECT, text=None)
    assert not s.grounding_checked and s.grounding.checked == 0


def test_a_finding_involving_the_culprit_figure_pairs_with_its_expected_finding() -> None:
    from tests.evaluate.synth import gold_data

    data = gold_data()
    data["expected_findings"] = [
        {"kind": "conflict", "concepts": ["income.total"], "culprit": "income.total change_pct 12"},
        {"kind": "conflict", "concepts": ["income.total"], "culprit": "income.total change_pct 15"},
    ]
    g = gold(data)
    f = Finding(
        id="c",
        kind="conflict",
        rule="conflict",
        severity="material",
        message="",
        facts=[FindingFact(concept="income.total", measure="change_pct", scope="all", value=Decimal(15))],
    )
    s = score_document(g, PERFECT.model_copy(update={"findings": [f]}))
    outcomes = {o.id.split("|")[1]: o.outcome for o in s.outcomes if o.kind == "finding"}
    assert outcomes == {"0": "missed", "1": "recalled"}
    assert s.findings.culprits_named == 0 and s.findings.culprits_scorable == 2


@pytest.mark.parametrize(
    ("ref", "fact", "ok"),
    [
        ("expenditure.total", FindingFact(concept="expenditure.total", scope="fiscal", value=Decimal(1)), True),
        ("expenditure.total@fiscal", FindingFact(concept="expenditure.total", scope="fiscal", value=Decimal(1)), True),
        ("expenditure.total@fiscal", FindingFact(concept="expenditure.total", value=Decimal(1)), False),
        ("project:办公设备购置…", FindingFact(project="办公设备购置项目", field="rate", value=Decimal(1)), True),
        ("project:办公设备购置项目", FindingFact(project="职工培训项目", field="rate", value=Decimal(1)), False),
        ("projects.rate", FindingFact(project="职工培训项目", field="rate", value=Decimal(1)), True),
        ("projects.rate", FindingFact(project="职工培训项目", field="budget", value=Decimal(1)), False),
        ("indicators.score", FindingFact(indicator="培训人次", field="score", value=Decimal(1)), True),
        ("evaluation.score", FindingFact(field="score", value=Decimal(92)), True),
        ("evaluation.score", FindingFact(indicator="培训人次", field="score", value=Decimal(1)), False),
    ],
)
def test_gold_concept_references(ref: str, fact: FindingFact, ok: bool) -> None:
    from extractor.evaluate.findings import ref_matches

    assert ref_matches(ref, fact) is ok


# --------------------------------------------------------------------------- one key, several gold facts


def _twice(code_a: str = "2010101", code_b: str = "2010301") -> tuple[Any, Fact]:
    """Gold holding expenditure.basic twice (one label under two codes: scoring ignores codes)."""
    (g,) = [f for f in G.facts if f.concept == "expenditure.basic" and f.measure == "actual"]
    second = g.model_copy(update={"value": Decimal("500.00"), "code": code_b})
    first = g.model_copy(update={"code": code_a})
    twice = G.model_copy(update={"facts": (*(f for f in G.facts if f is not g), first, second)})
    (orig,) = [f for f in PERFECT.facts if f.concept == "expenditure.basic" and f.measure == "actual"]
    return twice, orig


def _counts(gold_: Any, facts: list[Fact]) -> tuple[int, int, int, int]:
    c = score_document(gold_, with_facts(facts), text=DOC).facts
    return c.correct, c.missed, c.wrong, c.invented


def test_a_key_stated_under_two_codes_scores_each_gold_fact() -> None:
    twice, orig = _twice()
    others = [f for f in PERFECT.facts if f is not orig]
    n = len(others)
    extra = orig.model_copy(update={"value": Decimal("500.00"), "evidence": ev("本年支出合计500.00万元")})
    wrong = orig.model_copy(update={"value": Decimal("100.00"), "evidence": ev("项目支出100.00万元")})
    assert _counts(twice, [*others, orig, extra]) == (n + 2, 0, 0, 0)
    assert _counts(twice, [*others, extra]) == (n + 1, 1, 0, 0)
    assert _counts(twice, [*others, orig, wrong]) == (n + 1, 0, 1, 0)
    assert _counts(twice, others) == (n, 2, 0, 0)
