"""Two-sided ledgers (收入 | 支出) read band by band from a grid with merged cells."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.rules.bands import read_bands
from extractor.document import TextBuilder


def _page_with_table(grid: list[list[tuple[str, int]]]) -> TextBuilder:
    """A builder holding one page with ``grid`` on it: each cell as (text, column span)."""
    b = TextBuilder()
    b.start_page(1)
    b.table([[t for t, _ in r] for r in grid], spans=[[(s, 1) for _, s in r] for r in grid])
    return b


def _ledger(title: str) -> TextBuilder:
    b = _page_with_table(
        [
            [(title, 6)] + [("", 1)] * 5,
            [("单位:万元", 6)] + [("", 1)] * 5,
            [("收 入", 3), ("", 1), ("", 1), ("支 出", 3), ("", 1), ("", 1)],
            [("项 目", 1), ("本年预算", 1), ("上年结转", 1), ("项 目", 1), ("本年预算", 1), ("上年结转", 1)],
            [
                ("一、财政拨款收入", 1),
                ("100.00", 1),
                ("0.00", 1),
                ("一、一般公共服务支出", 1),
                ("80.00", 1),
                ("0.00", 1),
            ],
            [
                ("一般公共预算拨款收入", 1),
                ("100.00", 1),
                ("0.00", 1),
                ("二、住房保障支出", 1),
                ("20.00", 1),
                ("0.00", 1),
            ],
            [("收 入 总 计", 1), ("100.00", 1), ("0.00", 1), ("支 出 总 计", 1), ("100.00", 1), ("0.00", 1)],
        ]
    )
    return b


def test_each_band_reads_its_rows_with_the_table_scope_unless_the_row_names_one() -> None:
    facts = read_bands(_ledger("财政拨款收支总表").build("t"), "budget")
    got = {(f.concept, f.scope, f.label): f.value for f in facts}
    assert got[("expenditure.function", "fiscal", "一般公共服务支出")] == Decimal("80.00")
    assert got[("expenditure.function", "fiscal", "住房保障支出")] == Decimal("20.00")
    assert got[("income.total", "fiscal", None)] == Decimal("100.00")
    assert got[("income.total", "general_public_budget", None)] == Decimal("100.00")
    assert all(f.measure == "budget" for f in facts)
    assert not any(f.value == Decimal("0.00") for f in facts), "carried-over columns are not the total"
    assert len(facts) == 4, "总计 includes carry-over: no figure"


def test_a_table_of_all_money_keeps_scope_all_for_what_names_none() -> None:
    got = {(f.concept, f.scope, f.label) for f in read_bands(_ledger("收支总表").build("t"), "budget")}
    assert ("expenditure.function", "all", "一般公共服务支出") in got


def _three_ledgers() -> TextBuilder:
    """收入 | 支出, the 支出 band holding three ledgers: by function, by department economic
    class (its parts of spending), by government economic class; amounts in 元."""
    b = _page_with_table(
        [
            [("部门收支总表", 8)] + [("", 1)] * 7,
            [("单位:元", 8)] + [("", 1)] * 7,
            [("收 入", 2), ("", 1), ("支 出", 6)] + [("", 1)] * 5,
            [
                ("项 目", 1),
                ("预算数", 1),
                ("支出功能分类科目", 1),
                ("预算数", 1),
                ("部门预算支出经济科目", 1),
                ("预算数", 1),
                ("政府预算支出经济分类科目", 1),
                ("预算数", 1),
            ],
            [
                ("一、部门预算", 1),
                ("1000000.00", 1),
                ("一、部门预算", 1),
                ("1000000.00", 1),
                ("一、部门预算", 1),
                ("1000000.00", 1),
                ("一、部门预算", 1),
                ("1000000.00", 1),
            ],
            [
                ("1、财政拨款", 1),
                ("1000000.00", 1),
                ("1、教育支出", 1),
                ("300000.00", 1),
                ("1、人员经费和公用经费支出", 1),
                ("400000.00", 1),
                ("1、机关工资福利支出", 1),
                ("350000.00", 1),
            ],
            [
                ("2、事业单位经营收入", 1),
                ("0.00", 1),
                ("2、国有资本经营预算支出", 1),
                ("0.00", 1),
                ("(1)工资福利支出", 1),
                ("350000.00", 1),
                ("2、机关商品和服务支出", 1),
                ("650000.00", 1),
            ],
            [
                ("", 1),
                ("", 1),
                ("3、住房保障支出", 1),
                ("700000.00", 1),
                ("2、专项业务经费支出", 1),
                ("600000.00", 1),
                ("", 1),
                ("", 1),
            ],
            [("", 1), ("", 1), ("", 1), ("", 1), ("3、上缴上级支出", 1), ("0.00", 1), ("", 1), ("", 1)],
            [
                ("本年收入合计", 1),
                ("1000000.00", 1),
                ("本年支出合计", 1),
                ("1000000.00", 1),
                ("本年支出合计", 1),
                ("1000000.00", 1),
                ("本年支出合计", 1),
                ("1000000.00", 1),
            ],
        ]
    )
    return b


def test_every_ledger_of_a_band_is_read_by_what_its_name_column_classifies() -> None:
    facts = read_bands(_three_ledgers().build("t"), "budget")
    got = {(f.concept, f.label): f.value for f in facts}
    assert got[("expenditure.function", "教育支出")] == Decimal("30")
    assert got[("expenditure.function", "国有资本经营预算支出")] == Decimal("0"), "a numbered row of a function column"
    assert got[("expenditure.basic", None)] == Decimal("40"), "人员经费和公用经费 is basic spending"
    assert got[("expenditure.project", None)] == Decimal("60")
    assert got[("expenditure.remit_superior", None)] == Decimal("0")
    assert got[("expenditure.economic", "机关工资福利支出")] == Decimal("35")
    assert got[("expenditure.economic", "机关商品和服务支出")] == Decimal("65")
    assert ("expenditure.economic", "工资福利支出") not in got, "a part's sub-row splits the part: no class figure"
    assert ("expenditure.total", None) in got and got[("expenditure.total", None)] == Decimal("100")
    assert got[("income.operating", None)] == Decimal("0")
    assert not any(f.concept == "expenditure.total" and f.scope == "state_capital" for f in facts)
    assert {(f.concept, f.scope, f.value) for f in facts if f.scope != "all"} == {
        ("income.total", "fiscal", Decimal("100"))
    }, "only 1、财政拨款 names a scope: the fiscal money"


def _fund_sections() -> TextBuilder:
    """An income band whose section rows (一、本年收入, 二、上年结转) list the funds by name only."""
    b = _page_with_table(
        [
            [("财政拨款收支总表", 4)] + [("", 1)] * 3,
            [("单位:万元", 4)] + [("", 1)] * 3,
            [("收 入", 2), ("", 1), ("支 出", 2), ("", 1)],
            [("项 目", 1), ("预算数", 1), ("项 目", 1), ("预算数", 1)],
            [("一、本年收入", 1), ("90.00", 1), ("一、一般公共服务支出", 1), ("70.00", 1)],
            [("（一）一般公共预算资金", 1), ("80.00", 1), ("二、住房保障支出", 1), ("30.00", 1)],
            [("（二）政府性基金预算资金", 1), ("10.00", 1), ("", 1), ("", 1)],
            [("二、上年结转", 1), ("10.00", 1), ("", 1), ("", 1)],
            [("（一）一般公共预算资金", 1), ("6.00", 1), ("", 1), ("", 1)],
            [("（二）政府性基金预算资金", 1), ("4.00", 1), ("", 1), ("", 1)],
            [("收 入 总 计", 1), ("100.00", 1), ("支 出 总 计", 1), ("100.00", 1)],
        ]
    )
    return b


def test_a_row_naming_only_a_fund_is_that_funds_income_or_carry_over_by_its_section() -> None:
    facts = read_bands(_fund_sections().build("t"), "budget")
    got = {(f.concept, f.scope): f.value for f in facts if f.concept in ("income.total", "carryover.opening")}
    assert got[("income.total", "fiscal")] == Decimal("90.00"), "the section row keeps the table's scope"
    assert got[("income.total", "general_public_budget")] == Decimal("80.00")
    assert got[("income.total", "government_fund")] == Decimal("10.00")
    assert got[("carryover.opening", "general_public_budget")] == Decimal("6.00"), "under 二、上年结转"
    assert got[("carryover.opening", "government_fund")] == Decimal("4.00")
    assert not any(f.concept == "income.total" and f.value in (Decimal("6.00"), Decimal("4.00")) for f in facts)


def test_a_fund_named_on_the_spending_side_is_not_read_as_income() -> None:
    b = _page_with_table(
        [
            [("收支总表", 4)] + [("", 1)] * 3,
            [("收 入", 2), ("", 1), ("支 出", 2), ("", 1)],
            [("项 目", 1), ("预算数", 1), ("项 目", 1), ("预算数", 1)],
            [("一、一般公共预算拨款收入", 1), ("50.00", 1), ("（一）一般公共预算资金", 1), ("50.00", 1)],
        ]
    )
    facts = read_bands(b.build("t"), "budget")
    assert not any(f.concept.startswith("expenditure") and f.scope == "general_public_budget" for f in facts)


def test_a_funds_spending_in_the_list_of_function_classes_is_that_class() -> None:
    b = _page_with_table(
        [
            [("财政拨款收支总表", 4)] + [("", 1)] * 3,
            [("收 入", 2), ("", 1), ("支 出", 2), ("", 1)],
            [("项 目", 1), ("预算数", 1), ("项 目", 1), ("预算数", 1)],
            [("一、一般公共预算收入", 1), ("70.00", 1), ("一、教育支出", 1), ("60.00", 1)],
            [("二、国有资本经营预算收入", 1), ("5.00", 1), ("二、住房保障支出", 1), ("10.00", 1)],
            [("", 1), ("", 1), ("三、国有资本经营预算支出", 1), ("5.00", 1)],
            [("", 1), ("", 1), ("四、结转下年", 1), ("0.00", 1)],
        ]
    )
    got = {(f.concept, f.scope, f.label): f.value for f in read_bands(b.build("t"), "budget")}
    assert got[("expenditure.function", "fiscal", "国有资本经营预算支出")] == Decimal("5.00")
    assert ("expenditure.total", "state_capital", None) not in got
    assert got[("income.total", "state_capital", None)] == Decimal("5.00"), "the income side names the fund"


def test_rows_naming_only_a_fund_are_its_income_or_under_the_carry_over_its_carry_over() -> None:
    b = _page_with_table(
        [
            [("财政拨款收支总体情况表", 4)] + [("", 1)] * 3,
            [("单位:万元", 4)] + [("", 1)] * 3,
            [("收入", 2), ("", 1), ("支出", 2), ("", 1)],
            [("项目", 1), ("预算数", 1), ("项目", 1), ("预算数", 1)],
            [("一、本年收入", 1), ("90.00", 1), ("一、本年支出", 1), ("100.00", 1)],
            [("(一)一般公共预算资金", 1), ("70.00", 1), ("(一)教育支出", 1), ("100.00", 1)],
            [("1(二)政府性基金预算资金", 1), ("20.00", 1), ("", 1), ("", 1)],
            [("二、上年结转", 1), ("10.00", 1), ("", 1), ("", 1)],
            [("(一)一般公共预算拨款", 1), ("10.00", 1), ("", 1), ("", 1)],
        ]
    )
    got = {(f.concept, f.scope): f.value for f in read_bands(b.build("t"), "budget")}
    assert got[("income.total", "general_public_budget")] == Decimal("70.00")
    assert got[("income.total", "government_fund")] == Decimal("20.00")
    assert got[("carryover.opening", "general_public_budget")] == Decimal("10.00")


def test_items_listed_by_name_under_a_class_are_its_function_items() -> None:
    b = _page_with_table(
        [
            [("财政拨款收支总表", 4)] + [("", 1)] * 3,
            [("收 入", 2), ("", 1), ("支 出", 2), ("", 1)],
            [("项 目", 1), ("预算数", 1), ("项 目", 1), ("预算数", 1)],
            [("一、财政拨款", 1), ("50.00", 1), ("一般公共服务支出", 1), ("42.00", 1)],
            [("一般公共预算", 1), ("50.00", 1), ("财政事务", 1), ("42.00", 1)],
            [("", 1), ("", 1), ("行政运行", 1), ("30.00", 1)],
            [("", 1), ("", 1), ("其他财政事务支出", 1), ("12.00", 1)],
            [("", 1), ("", 1), ("住房保障支出", 1), ("8.00", 1)],
            [("", 1), ("", 1), ("住房公积金", 1), ("8.00", 1)],
            [("", 1), ("", 1), ("二、年终结转结余", 1), ("0.00", 1)],
            [("收 入 总 计", 1), ("50.00", 1), ("支 出 总 计", 1), ("50.00", 1)],
        ]
    )
    got = {(f.concept, f.scope, f.label): f.value for f in read_bands(b.build("t"), "budget")}
    assert got[("expenditure.function", "fiscal", "一般公共服务支出")] == Decimal("42.00")
    assert got[("expenditure.function_item", "fiscal", "财政事务")] == Decimal("42.00")
    assert got[("expenditure.function_item", "fiscal", "行政运行")] == Decimal("30.00")
    assert got[("expenditure.function_item", "fiscal", "其他财政事务支出")] == Decimal("12.00")
    assert got[("expenditure.function_item", "fiscal", "住房公积金")] == Decimal("8.00")
    assert got[("carryover.closing", "fiscal", None)] == Decimal("0.00")
    items = {label for concept, _, label in got if concept == "expenditure.function_item"}
    assert items == {"财政事务", "行政运行", "其他财政事务支出", "住房公积金"}, "a row after a non-class is no item"


def test_funds_listed_under_the_carry_over_are_its_parts_by_fund() -> None:
    b = _page_with_table(
        [
            [("财政拨款收支总体情况表", 4)] + [("", 1)] * 3,
            [("收 入", 2), ("", 1), ("支 出", 2), ("", 1)],
            [("项 目", 1), ("预算数", 1), ("项 目", 1), ("预算数", 1)],
            [("一、本年收入", 1), ("20.00", 1), ("一、本年支出", 1), ("27.00", 1)],
            [("二、上年结转", 1), ("7.00", 1), ("二、结转下年", 1), ("", 1)],
            [("(一)一般公共预算拨款", 1), ("3.00", 1), ("", 1), ("", 1)],
            [("(二)政府性基金预算拨款", 1), ("4.00", 1), ("", 1), ("", 1)],
        ]
    )
    got = {(f.concept, f.scope): f.value for f in read_bands(b.build("t"), "budget")}
    assert got[("carryover.opening", "fiscal")] == Decimal("7.00")
    assert got[("carryover.opening", "general_public_budget")] == Decimal("3.00")
    assert got[("carryover.opening", "government_fund")] == Decimal("4.00")


def test_a_row_number_column_beside_the_bands_is_furniture() -> None:
    b = _page_with_table(
        [
            [("收支总表", 5)] + [("", 1)] * 4,
            [("单位:万元", 5)] + [("", 1)] * 4,
            [("序号", 1), ("收 入", 2), ("", 1), ("支 出", 2), ("", 1)],
            [("", 1), ("项 目", 1), ("预算数", 1), ("项 目", 1), ("预算数", 1)],
            [("1", 1), ("一、财政拨款收入", 1), ("100.00", 1), ("一、一般公共服务支出", 1), ("80.00", 1)],
            [("2", 1), ("", 1), ("", 1), ("二、住房保障支出", 1), ("20.00", 1)],
        ]
    )
    got = {(f.concept, f.label): f.value for f in read_bands(b.build("t"), "budget")}
    assert got[("expenditure.function", "一般公共服务支出")] == Decimal("80.00")
    assert got[("expenditure.function", "住房保障支出")] == Decimal("20.00")
    assert Decimal(1) not in got.values() and Decimal(2) not in got.values(), "a row's 序号 is no figure"


def _band(title: str, body: list[list[tuple[str, int]]]) -> TextBuilder:
    b = _page_with_table(
        [
            [(title, 4)] + [("", 1)] * 3,
            [("收入", 2), ("", 1), ("支出", 2), ("", 1)],
            [("项目", 1), ("预算数", 1), ("项目", 1), ("预算数", 1)],
            *body,
        ]
    )
    return b


def test_a_total_below_the_carry_over_adds_it_in_and_is_no_income_of_the_year() -> None:
    body = [
        [("一、本年收入", 1), ("20.00", 1), ("一、本年支出", 1), ("27.00", 1)],
        [("(一)一般公共预算资金", 1), ("20.00", 1), ("(一)教育支出", 1), ("27.00", 1)],
        [("二、上年结转", 1), ("7.00", 1), ("二、结转下年", 1), ("", 1)],
        [("收入合计", 1), ("27.00", 1), ("支出合计", 1), ("27.00", 1)],
    ]
    got = [(f.concept, f.scope, f.value) for f in read_bands(_band("财政拨款收支总表", body).build("t"), "budget")]
    assert ("income.total", "fiscal", Decimal("20.00")) in got
    assert ("income.total", "fiscal", Decimal("27.00")) not in got, "本年收入 + 上年结转"
    assert [v for c, _, v in got if c == "expenditure.total"] == [Decimal("27.00")], "本年支出 only"


def test_a_bare_total_above_the_sections_and_funds_numbered_as_sections() -> None:
    body = [
        [("合计", 1), ("30.00", 1), ("合计", 1), ("30.00", 1)],
        [("一、一般公共预算资金", 1), ("25.00", 1), ("一、教育支出", 1), ("30.00", 1)],
        [("二、政府性基金预算资金", 1), ("", 1), ("", 1), ("", 1)],
        [("三、事业收入资金", 1), ("5.00", 1), ("", 1), ("", 1)],
    ]
    got = {(f.concept, f.scope): f.value for f in read_bands(_band("部门收支总表", body).build("t"), "budget")}
    assert got[("income.total", "all")] == Decimal("30.00")
    assert got[("expenditure.total", "all")] == Decimal("30.00")
    assert got[("income.total", "general_public_budget")] == Decimal("25.00")
    assert got[("income.business", "all")] == Decimal("5.00")


def test_a_title_line_run_on_with_its_labelled_lines_still_names_the_scope() -> None:
    """``表4：…财政拨款收支总表部门名称：X单位：万元`` on one line: the labelled tail is no part of
    the title, which still says the table is of fiscal money."""
    b = TextBuilder()
    b.start_page(1)
    b.paragraph("表4：2026年部门财政拨款收支预算总表部门名称：某某局单位：万元")
    grid = [
        ["收入", "", "支出", ""],
        ["项目", "预算数", "项目", "预算数"],
        ["一、财政拨款", "100.00", "一、本年支出合计", "100.00"],
        ["一般公共预算", "100.00", "一般公共服务支出", "100.00"],
        ["收入总计", "100.00", "支出总计", "100.00"],
    ]
    b.table(grid, spans=[[(2, 1), (1, 1), (2, 1), (1, 1)], *([[(1, 1)] * 4] * 4)])
    got = {(f.concept, f.scope, f.label): f.value for f in read_bands(b.build("t"), "budget")}
    assert got[("income.total", "fiscal", None)] == Decimal("100.00")
    assert got[("expenditure.total", "fiscal", None)] == Decimal("100.00")
    assert got[("expenditure.function", "fiscal", "一般公共服务支出")] == Decimal("100.00")


def test_a_ledger_broken_over_a_page_without_its_bands_repeated_goes_on_on_the_next_page() -> None:
    b = TextBuilder()
    b.start_page(1)
    b.paragraph("财政拨款收支总表")
    grid = [
        ["收入", "", "支出", ""],
        ["项目", "预算数", "项目", "预算数"],
        ["一、本年收入", "100.00", "一、本年支出", "100.00"],
        ["（一）一般公共预算拨款", "100.00", "（一）一般公共服务支出", "80.00"],
    ]
    b.table(grid, spans=[[(2, 1), (1, 1), (2, 1), (1, 1)], *([[(1, 1)] * 4] * 3)])
    b.start_page(2)
    b.table([["", "", "（二）住房保障支出", "20.00"], ["收入总计", "100.00", "支出总计", "100.00"]])
    b.start_page(3)
    b.paragraph("说明")
    b.start_page(4)
    b.table([["", "", "（三）教育支出", "5.00"]])
    got = {(f.concept, f.scope, f.label): f.value for f in read_bands(b.build("t"), "budget")}
    assert got[("expenditure.function", "fiscal", "一般公共服务支出")] == Decimal("80.00")
    assert got[("expenditure.function", "fiscal", "住房保障支出")] == Decimal("20.00")
    assert ("expenditure.function", "fiscal", "教育支出") not in got, "a grid pages later is no part of the ledger"
