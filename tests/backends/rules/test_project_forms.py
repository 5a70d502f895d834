"""Projects written as forms (one 项目绩效目标表 per project) and the project an evaluation reports on."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.rules.project_forms import evaluated_project, read_project_forms
from extractor.document import TextBuilder
from extractor.result import Evidence, Project


def _form(rows: list[list[str]], title: str | None = None) -> TextBuilder:
    b = TextBuilder()
    b.start_page(1)
    b.paragraph("项目支出绩效目标表")
    if title:
        b.paragraph(title)
    b.table(rows)
    return b


def test_a_form_named_by_its_project_name_cell() -> None:
    b = _form(
        [
            ["项目名称", "档案数字化经费", "", ""],
            ["专项资金情况(万元)", "资金总额", "30.00", ""],
            ["", "财政拨款", "20.00", ""],
            ["绩效目标指标", "一级指标", "二级指标", "指标值"],
            ["", "产出指标", "数量指标", "100"],
        ]
    )
    d = b.build("t")
    (p,) = read_project_forms(d)
    assert (p.name, p.budget, p.fiscal_budget) == ("档案数字化经费", Decimal("30.00"), Decimal("20.00"))
    assert d.text[p.cells["budget"].start : p.cells["budget"].end] == "30.00"


def test_a_form_named_by_its_title_and_a_whole_department_form_is_none() -> None:
    rows = [["专项资金情况(万元)", "资金总额：", "57.00"], ["", "财政拨款：", "0.00"], ["", "其他资金：", "57.00"]]
    (p,) = read_project_forms(_form(rows, "2026年热线平台运维项目绩效目标表").build("t"))
    assert (p.name, p.budget, p.fiscal_budget) == ("热线平台运维", Decimal("57.00"), Decimal("0.00"))
    assert read_project_forms(_form(rows, "部门整体支出绩效目标表").build("t")) == []
    assert read_project_forms(_form(rows).build("t")) == [], "no name, no project"


def test_a_form_with_no_money_is_no_project_row() -> None:
    rows = [
        ["项目名称", "道路改造工程", "", ""],
        ["项目资金(万元)", "年度预算资金总额:", "0.00", ""],
        ["", "其中:财政拨款", "0.00", ""],
    ]
    assert read_project_forms(_form(rows).build("t")) == []


def test_a_list_headed_project_name_is_no_form() -> None:
    rows = [["项目名称", "金额", "绩效目标"], ["档案数字化经费", "30.00", "完成"]]
    assert read_project_forms(_form(rows).build("t")) == []


def _row(name: str, budget: str, *, total: bool = False) -> Project:
    return Project(
        name=name, evidence=Evidence(quote=name, start=0, end=len(name)), budget=Decimal(budget), is_total=total
    )


def test_the_evaluated_projects_total_row_is_the_project_named_on_the_cover() -> None:
    b = TextBuilder()
    b.start_page(1)
    b.paragraph(
        "项目支出绩效评价报告\n评价项目名称：2020 年度某某市某某委员会企业帮扶专项资金绩效评价\n"
        "评价项目单位：某某市某某委员会"
    )
    d = b.build("t")
    rows = [_row("合计", "30", total=True), _row("困难补助", "10"), _row("职工慰问", "20")]
    got = evaluated_project(d, None, rows)
    assert [(p.name, p.is_total, p.budget) for p in got] == [
        ("企业帮扶专项资金", False, Decimal("30")),
        ("困难补助", False, Decimal("10")),
        ("职工慰问", False, Decimal("20")),
    ]
    assert evaluated_project(b.build("t"), None, rows[1:]) == rows[1:], "no 合计 row, nothing to name"
