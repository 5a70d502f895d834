"""Projects listed under project spending: one figure each, only where the names say projects."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from extractor.backends.rules.projects import PROJECT_SUBJECT, _subjects, listed_projects, scan_projects
from tests.backends.rules.conftest import doc


def test_a_list_under_project_spending_names_projects_in_the_heads_measure() -> None:
    d = doc("项目支出120.50万元，主要用于乡村道路改造项目40.50万元、防汛物资储备专项经费80万元。")
    got = [(p.name, p.budget, p.actual) for p in listed_projects(d)]
    assert got == [("乡村道路改造项目", None, Decimal("40.50")), ("防汛物资储备专项经费", None, Decimal("80"))]
    for p in listed_projects(d):
        assert d.text[p.evidence.start : p.evidence.end] == p.evidence.quote
        assert p.evidence.quote.startswith(p.name)
        cell = p.cells["actual"]
        assert d.text[cell.start : cell.end] == cell.quote


def test_a_budget_heads_list_is_budgets_and_yuan_become_wan() -> None:
    d = doc("2025年项目支出预算50万元，包括：信息系统运维经费200,000元，档案数字化项目300,000元。")
    got = [(p.name, p.budget, p.actual) for p in listed_projects(d)]
    assert got == [("信息系统运维经费", Decimal("20"), None), ("档案数字化项目", Decimal("30"), None)]


def test_in_a_budget_the_list_is_of_budgets() -> None:
    d = doc("项目支出120.50万元，主要用于乡村道路改造项目40.50万元、防汛物资储备专项经费80万元。")
    assert [(p.budget, p.actual) for p in listed_projects(d, budget=True)] == [
        (Decimal("40.50"), None),
        (Decimal("80"), None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # what the money went to, but not projects: economic classes and activities
        "项目支出30万元，主要用于办公费10万元、印刷费20万元。",
        # function classes (catalogue terms), not projects
        "项目支出300万元，主要用于教育支出100万元、卫生健康支出200万元。",
        # one item is no list
        "项目支出30万元，主要用于乡村道路改造项目30万元。",
        # a list without amounts
        "项目支出30万元，主要用于公共法律服务中心经费、网络维护等支出。",
    ],
)
def test_no_projects_where_the_list_is_not_of_projects(text: str) -> None:
    assert listed_projects(doc(text)) == []


def test_a_project_stated_with_its_figures_is_not_listed_again() -> None:
    d = doc(
        "项目支出100万元，主要用于河道保洁项目60万元、水质监测项目40万元。\n"
        "“河道保洁”项目绩效自评综述：绩效自评得分为95分。项目全年预算数为60万元，执行数为60万元，完成预算的100%。"
    )
    got = sorted((p.name, p.budget, p.actual, p.rate) for p in scan_projects(d))  # 河道保洁 once, with its figures
    assert got == [
        ("水质监测项目", None, Decimal("40"), None),
        ("河道保洁", Decimal("60"), Decimal("60"), Decimal("100")),
    ]


def test_projects_listed_right_after_the_project_total() -> None:
    d = doc("项目支出预算250.40万元，档案馆库房运行费200万元，专项经费40万元，临聘人员经费10.40万元。")
    got = [(p.name, p.budget) for p in listed_projects(d, budget=True)]
    assert got == [
        ("档案馆库房运行费", Decimal("200")),
        ("专项经费", Decimal("40")),
        ("临聘人员经费", Decimal("10.40")),
    ]
    assert listed_projects(doc("项目支出预算50万元，办公费20万元，印刷费30万元。"), budget=True) == []


_PIECES = [
    *'项目重点任务“”"()（）：:。，,\n 　12一绩效自评综述支出预算全年年初年度调整后的甲乙',
    "项目",
    "重点任务项目",
    "\n(一)",
    "\n1.",
]


def test_subjects_are_those_of_the_plain_scan() -> None:
    rnd = random.Random(7)
    texts = ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 60))) for _ in range(3000)]
    texts += [
        "重点任务项目道路养护，年初预算9.67万元",
        "（一）城乡低保资金。全年预算5万元",
        "“乙”项目绩效自评综述：全年预算3万元",
    ]
    for text in texts:
        plain = [(m.span(), m.groupdict()) for m in PROJECT_SUBJECT.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in _subjects(text)] == plain, text
