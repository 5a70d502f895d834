"""Column roles of header cells, a year-named column's period among them."""

from __future__ import annotations

from extractor.backends.rules.roles import base_role, dated, role_of


def test_a_year_named_budget_or_actual_column_is_that_role_and_prior_before_the_newest_year() -> None:
    texts = ["项目", "2030年决算数", "2031年预算数", "2031年决算数", "执行率"]
    roles = [role_of(t) for t in texts]
    assert roles == ["item", "money_actual", "budget", "money_actual", "rate"]
    assert dated(roles, texts) == ("item", "money_actual~prior", "budget", "money_actual", "rate")
    assert base_role("money_actual~prior") == "money_actual"
    assert dated(["budget", "money_actual"], ["预算数", "决算数"]) == ("budget", "money_actual")  # no years


def test_each_role_is_told_by_its_whole_text_and_body_cells_have_none() -> None:
    expected = {
        "一级指标": "level1",
        "二级": "level2",
        "三级指标": "name",
        "指标分值(分)": "weight",
        "年度指标值": "target",
        "实际完成值": "actual",
        "自评得分": "score",
        "偏差原因分析": "note",
        "评分标准": "rubric",
        "项目名称": "item",
        "2031年度预算数(万元)": "budget",
        "决算数": "money_actual",
        "预算执行率(%)": "rate",
        "其中:财政拨款": "fiscal",
        "预 算 数": "budget",  # spaces between the letters are no part of the name
        "358.52": None,
        "行政运行": None,
        "预算数合计": None,  # the whole text must be the name
        "一级指标名": None,
    }
    assert {t: role_of(t) for t in expected} == expected
