"""Relations over rows (:mod:`extractor.reconcile.rows`): projects and indicator tables."""

from __future__ import annotations

from decimal import Decimal as D

from extractor.reconcile import reconcile
from extractor.reconcile.profiles import CN_BUDGET
from extractor.reconcile.rows import expand_indicators, expand_projects
from extractor.reconcile.slots import build_book
from tests.reconcile.build import Doc
from tests.reconcile.test_rules import checks, material


def test_projects_rate_bounds_and_total_row() -> None:
    doc = Doc()
    doc.project("党支部活动", budget="0.5", fiscal_budget="0.5", actual="0.5", rate="100")
    doc.project("困难职工帮扶", budget="0", fiscal_budget="150", actual="150", fiscal_actual="150")
    doc.project("代收工会经费", budget="450", fiscal_budget="450", actual="450")
    doc.project("金额合计", is_total=True, budget="450.5", fiscal_budget="600.5", actual="600.5")
    r = reconcile(doc.result())
    assert {c.status for c in checks(r, "projects.sum")} == {"passed"}
    bounds = sorted((f for f in material(r) if f.rule == "project.fiscal_budget<=budget"), key=lambda f: f.stated)
    assert [f.stated for f in bounds] == [D("150"), D("600.5")]
    # the slip is in row 2's 预算数 (left at 0) and carried into the 合计 row
    row, total = bounds
    assert row.culprit is not None and (row.culprit.project, row.culprit.field) == ("困难职工帮扶", "budget")
    assert row.culprit.signature == "zero" and row.culprit.suggested == D("150")
    assert total.culprit is not None and (total.culprit.project, total.culprit.suggested) == ("金额合计", D("600.5"))


def test_indicators_weights_scores_and_evaluation() -> None:
    doc = Doc()
    doc.indicator("a", "30", "29", level1="投入")
    doc.indicator("b", "70", "72", level1="产出")  # score above weight
    doc.evaluate("98")
    r = reconcile(doc.result())
    assert checks(r, "indicators.weights=total")[0].status == "passed"
    bad = [f for f in material(r)]
    assert {f.rule for f in bad} == {"indicator.score<=weight", "indicators.scores=evaluation"}
    le = next(f for f in bad if f.rule == "indicator.score<=weight")
    assert le.culprit is not None and le.culprit.indicator == "b"


def test_indicator_subtotal_rows() -> None:
    doc = Doc()
    doc.indicator("x", "10", "10", level1="产出", level2="数量")
    doc.indicator("y", "10", "8", level1="产出", level2="数量")
    doc.indicator("数量指标", "20", "19", level1="产出", level2="数量", is_total=True)
    r = reconcile(doc.result())
    sub = {c.rule: c.status for c in checks(r, "indicators.subtotal")}
    assert sub == {"indicators.subtotal:weight:#2": "passed", "indicators.subtotal:score:#2": "failed"}


def test_a_project_without_its_budget_is_not_run_and_says_why() -> None:
    doc = Doc()
    doc.project("甲项目", actual="30", rate="75")
    doc.project("乙项目", budget="40", actual="30", rate="75")
    instances, records = expand_projects(CN_BUDGET, build_book(doc.result()))
    assert [i.name for i in instances if i.rule == "project.rate"] == ["project.rate:project:乙项目"]
    (nr,) = [r for r in records if r.rule == "project.rate:project:甲项目"]
    assert nr.status == "not_run" and "budget" in (nr.reason or "")


def test_no_indicator_rows_no_indicator_checks() -> None:
    doc = Doc()
    doc.project("甲项目", budget="40", actual="30")
    assert expand_indicators(CN_BUDGET, build_book(doc.result())) == ([], [])
