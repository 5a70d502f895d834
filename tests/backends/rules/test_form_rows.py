"""Forms beside the project table: the same row again, a restatement, another year's form, a row of its own."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.rules.form_rows import with_forms
from extractor.result import Evidence, Project


def _p(name: str, budget: str, fiscal: str | None = None, *, total: bool = False) -> Project:
    return Project(
        name=name,
        evidence=Evidence(quote=name, start=0, end=len(name)),
        budget=Decimal(budget),
        fiscal_budget=Decimal(fiscal) if fiscal is not None else None,
        is_total=total,
    )


_TABLE = [_p("合计", "130", total=True), _p("道路养护经费", "100"), _p("档案整理", "20"), _p("档案整理", "10")]


def _got(forms: list[Project], spending: list[str]) -> list[tuple[str, Decimal | None, bool]]:
    rows = with_forms(_TABLE, forms, "budget", [Decimal(s) for s in spending])
    return [(p.name, p.budget, p.restates) for p in rows[len(_TABLE) :]]


def test_a_form_of_a_rows_amount_is_that_row_again() -> None:
    assert _got([_p("道路养护经费", "100"), _p("档案 整理", "10"), _p("档案整理", "20")], ["130"]) == []


def test_a_form_with_another_amount_restates_the_row_it_names() -> None:
    assert _got([_p("道路养护经费", "120")], ["130"]) == [("道路养护经费", Decimal("120"), True)]
    # the same amount with another 财政拨款 restates it too, where the row gives one to compare
    assert _got([_p("道路养护经费", "100", "90")], []) == []
    table = [_p("道路养护经费", "100", "100")]
    (again,) = with_forms(table, [_p("道路养护经费", "100", "90")], "budget", [])[1:]
    assert again.restates and again.fiscal_budget == Decimal("90")


def test_forms_of_other_years_beside_this_years_restate_nothing() -> None:
    # this year's form agrees; the earlier years' forms of the same project are no restatement
    assert _got([_p("道路养护经费", "80"), _p("道路养护经费", "100"), _p("道路养护经费", "95")], ["130"]) == []
    # two forms left for one row: which one is this year's is not told
    assert _got([_p("道路养护经费", "80"), _p("道路养护经费", "120")], ["130"]) == []


def test_a_restatement_of_a_name_two_rows_carry_is_paired_with_the_first_only() -> None:
    # the second row's form agrees: the other form restates the first row
    assert _got([_p("档案整理", "25"), _p("档案整理", "10")], ["130"]) == [("档案整理", Decimal("25"), True)]
    # the first row's form agrees: the form left would restate the second row, whose slot is not the name's
    assert _got([_p("档案整理", "20"), _p("档案整理", "15")], ["130"]) == []


def test_a_form_naming_no_project_of_a_complete_table_is_another_years() -> None:
    assert _got([_p("信息平台建设", "40")], ["130"]) == [], "the table adds up to 项目支出: every project is in it"
    assert _got([_p("信息平台建设", "40")], ["170"]) == [("信息平台建设", Decimal("40"), False)]
    assert _got([_p("信息平台建设", "40")], []) == [("信息平台建设", Decimal("40"), False)]
    untotalled = [p for p in _TABLE if not p.is_total]
    assert with_forms(untotalled, [_p("信息平台建设", "40")], "budget", [Decimal("130")]) == untotalled
