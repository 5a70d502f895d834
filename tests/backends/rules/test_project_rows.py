"""Which rows of a project table are projects: category rows and repeated tables."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.rules.project_rows import Read, drop_categories, drop_repeats
from extractor.result import Evidence, Project


def _p(name: str, budget: str, *, total: bool = False) -> Project:
    return Project(
        name=name, evidence=Evidence(quote=name, start=0, end=len(name)), budget=Decimal(budget), is_total=total
    )


def test_subtotal_rows_are_found_by_their_sums_only_when_the_rest_adds_up() -> None:
    rows = [
        Read(_p("合计", "10", total=True)),
        Read(_p("甲类", "6")),
        Read(_p("甲一", "2")),
        Read(_p("甲二", "4")),
        Read(_p("乙一", "4")),
    ]
    assert [p.name for p in drop_categories(rows)] == ["合计", "甲一", "甲二", "乙一"]
    short = [Read(_p("合计", "20", total=True)), *rows[1:]]
    assert [p.name for p in drop_categories(short)] == ["合计", "甲类", "甲一", "甲二", "乙一"]


def test_zero_rows_are_never_subtotals() -> None:
    rows = [Read(_p("合计", "5", total=True)), Read(_p("甲", "0")), Read(_p("乙", "0")), Read(_p("丙", "5"))]
    assert len(drop_categories(rows)) == 4


def test_numbered_categories_and_shallow_names_are_dropped() -> None:
    rows = [Read(_p("一类", "3"), marker="一"), Read(_p("甲", "1"), marker="1"), Read(_p("乙", "2"), marker="2")]
    assert [p.name for p in drop_categories(rows)] == ["甲", "乙"]
    deep = [Read(_p("管理", "3"), depth=0), Read(_p("甲", "1"), depth=1), Read(_p("乙", "2"), depth=1)]
    assert [p.name for p in drop_categories(deep)] == ["甲", "乙"]


def test_a_later_table_restating_projects_adds_only_new_ones() -> None:
    first = [_p("运行", "1"), _p("运行", "2")]
    again = [_p("运行", "1"), _p("运行", "2"), _p("运行", "3"), _p("新项目", "4")]
    third = [_p("运行", "1")]
    got = [(p.name, p.budget) for p in drop_repeats([first, again, third])]
    assert got == [("运行", Decimal("1")), ("运行", Decimal("2")), ("运行", Decimal("3")), ("新项目", Decimal("4"))]


def test_a_later_table_restating_a_project_otherwise_keeps_it_flagged() -> None:
    first = [_p("运行", "1"), _p("维护", "2")]
    again = [_p("运行", "1"), _p("维护", "2.5")]  # a 绩效目标表 beside the 项目支出表
    got = [(p.name, p.budget, p.restates) for p in drop_repeats([first, again], restating=[False, True])]
    assert got == [("运行", Decimal("1"), False), ("维护", Decimal("2"), False), ("维护", Decimal("2.5"), True)]
    assert len(drop_repeats([first, again])) == 2, "a table by unit or by fund repeats names: no restatement"


def test_a_name_of_several_projects_is_not_paired_with_its_restatement() -> None:
    first = [_p("运行", "1"), _p("运行", "2")]  # two units' 运行
    again = [_p("运行", "2"), _p("运行", "1.5")]  # in another order, one restated otherwise
    assert len(drop_repeats([first, again], restating=[False, True])) == 2
