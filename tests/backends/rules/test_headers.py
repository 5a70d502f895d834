"""Column meaning through merged header cells, on tables built with their grid spans."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.rules.classified import read_classified
from extractor.backends.rules.grids import CellSpan, Row
from extractor.backends.rules.headers import Column, Named, columns, named_columns, without_ordinals
from extractor.document import Document, TextBuilder


def _row(*cells: tuple[str, int, int]) -> Row:
    return Row(tuple(CellSpan(text, 0, 0, col, span) for text, col, span in cells), True)


HEADER = [
    _row(("功能分类科目", 0, 2), ("2025年预算数", 2, 1), ("2026年预算数", 3, 5), ("比上年增减", 8, 1)),
    _row(("科目编码", 0, 1), ("科目名称", 1, 1), ("总计", 3, 1), ("基本支出", 4, 3), ("项目支出", 7, 1)),
    _row(("小计", 4, 1), ("人员经费", 5, 1), ("公用经费", 6, 1)),
]


def test_each_column_reads_its_role_period_and_measure_from_the_cells_above_it() -> None:
    got = columns(HEADER, "budget")
    assert got == {
        2: Column("total", "prior", "budget"),
        3: Column("total", "current", "budget"),
        4: Column("basic", "current", "budget"),
        5: Column("personnel", "current", "budget"),
        6: Column("public", "current", "budget"),
        7: Column("project", "current", "budget"),
        8: Column("total", "current", "change"),
    }


def test_carried_over_money_is_no_column_and_text_rows_have_no_grid() -> None:
    header = [
        _row(("科目编码", 0, 1), ("合计", 1, 1), ("当年预算", 2, 2), ("上年结转结余", 4, 2)),
        _row(("小计", 2, 1), ("基本支出", 3, 1), ("小计", 4, 1), ("基本支出", 5, 1)),
    ]
    got = columns(header, "budget")
    assert got is not None and set(got) == {1, 2, 3}
    assert columns([Row((CellSpan("合计", 0, 0),), True)], "budget") is None


def _table_doc() -> Document:
    b = TextBuilder()
    b.start_page(1)
    b.paragraph("一般公共预算支出情况表")
    b.paragraph("单位：万元")
    grid = [
        [("功能分类科目", 2), ("", 1), ("2025年预算数", 1), ("2026年预算数", 2), ("", 1)],
        [("科目编码", 1), ("科目名称", 1), ("", 1), ("总计", 1), ("基本支出", 1)],
        [("合计", 2), ("", 1), ("90.00", 1), ("100.00", 1), ("60.00", 1)],
        [("201", 1), ("一般公共服务支出", 1), ("80.00", 1), ("95.00", 1), ("55.00", 1)],
    ]
    b.table([[t for t, _ in r] for r in grid], spans=[[(s, 1) for _, s in r] for r in grid])
    b.start_page(2)
    # the table goes on over the page: no title, the header repeated
    b.table(
        [[t for t, _ in r] for r in grid[:2]] + [["208", "社会保障和就业支出", "4.00", "5.00", "5.00"]],
        spans=[[(s, 1) for _, s in r] for r in grid[:2]] + [[(1, 1)] * 5],
    )
    return b.build("t")


def test_a_prior_year_column_gives_prior_figures_and_a_continued_table_keeps_its_scope() -> None:
    got = {(f.concept, f.period, f.scope, f.label): f.value for f in read_classified(_table_doc(), "budget")}
    gpb = "general_public_budget"
    assert got[("expenditure.function", "current", gpb, "一般公共服务支出")] == Decimal("95.00")
    assert got[("expenditure.function", "prior", gpb, "一般公共服务支出")] == Decimal("80.00")
    assert got[("expenditure.total", "current", gpb, None)] == Decimal("100.00")
    assert got[("expenditure.total", "prior", gpb, None)] == Decimal("90.00")
    assert got[("expenditure.basic", "current", gpb, None)] == Decimal("60.00")
    assert got[("expenditure.function", "current", gpb, "社会保障和就业支出")] == Decimal("5.00")


def test_codes_split_over_class_columns_inherit_the_levels_merged_down_from_above() -> None:
    b = TextBuilder()
    b.start_page(1)
    b.paragraph("一般公共预算支出表")
    rows = [
        ["类", "款", "项", "科目名称", "合计"],
        ["201", "", "", "一般公共服务支出", "30.00"],
        ["", "40", "", "信访事务", "30.00"],
        ["", "", "01", "行政运行", "20.00"],
        ["201", "40", "04", "信访业务", "10.00"],
    ]
    b.table(rows, spans=[[(1, 1)] * 5 for _ in rows])
    b.paragraph("13")  # the page number between a table and its continuation
    b.start_page(2)
    b.table([["", "", "99", "其他信访事务支出", "0.00"]], spans=[[(1, 1)] * 5])
    got = {(f.concept, f.label): f.value for f in read_classified(b.build("t"), "budget")}
    assert got[("expenditure.function", "一般公共服务支出")] == Decimal("30.00")
    assert got[("expenditure.function_item", "信访事务")] == Decimal("30.00")
    assert got[("expenditure.function_item", "行政运行")] == Decimal("20.00")
    assert got[("expenditure.function_item", "信访业务")] == Decimal("10.00")
    assert got[("expenditure.function_item", "其他信访事务支出")] == Decimal("0.00")


def test_a_table_that_prints_no_codes_classifies_its_rows_by_the_name_column_header() -> None:
    b = TextBuilder()
    b.start_page(1)
    b.paragraph("一般公共预算支出表")
    rows = [["功能分类科目名称", "合计"], ["合计", "30.00"], ["一般公共服务支出", "30.00"], ["行政运行", "20.00"]]
    b.table(rows, spans=[[(1, 1)] * 2 for _ in rows])
    b.paragraph("一般公共预算基本支出表")
    rows = [["经济分类科目名称", "合计"], ["合计", "20.00"], ["工资福利支出", "20.00"], ["基本工资", "12.00"]]
    b.table(rows, spans=[[(1, 1)] * 2 for _ in rows])
    facts = read_classified(b.build("t"), "budget")
    got = {(f.concept, f.label): f.value for f in facts}
    assert got[("expenditure.function", "一般公共服务支出")] == Decimal("30.00")
    assert got[("expenditure.function_item", "行政运行")] == Decimal("20.00")
    assert got[("expenditure.economic", "工资福利支出")] == Decimal("20.00")
    assert got[("expenditure.economic", "基本工资")] == Decimal("12.00")
    assert all(f.code is None for f in facts if f.label), "no code is invented for a row that prints none"


def test_a_year_before_the_report_s_year_is_the_prior_year_even_where_no_later_year_is_printed() -> None:
    header = [_row(("科目名称", 0, 1), ("2030年决算数", 1, 1), ("2031年预算数", 2, 1))]
    assert columns(header, "budget", year=2031) == {
        1: Column("total", "prior", "actual"),
        2: Column("total", "current", "budget"),
    }
    alone = [_row(("科目名称", 0, 1), ("2030年预算数", 1, 1))]
    assert columns(alone, "budget", year=2031) == {1: Column("total", "prior", "budget")}
    assert columns(alone, "budget") == {1: Column("total", "current", "budget")}  # no year: the newest printed


THREE_PUBLIC = [
    _row(("单位名称", 0, 1), ("2030年", 1, 4), ("2031年", 5, 4), ("增减变化情况", 9, 1)),
    _row(
        ("合计", 1, 1),
        ("一般公共预算拨款安排的“三公”经费预算", 2, 2),
        ("会议费", 4, 1),
        ("合计", 5, 1),
        ("因公出国(境)费用", 6, 1),
        ("公务用车购置及运行维护费", 7, 2),
        ("合计", 9, 1),
    ),
    _row(("小计", 2, 1), ("科研因公出国(境)费用", 3, 1), ("小计", 7, 1), ("公务用车运行费", 8, 1)),
]


def test_named_columns_read_the_concept_from_the_deepest_text_that_names_one() -> None:
    got = named_columns(THREE_PUBLIC, "three_public.", False, "budget", year=2031)
    assert got == {
        2: Named("three_public.total", "prior", "budget"),  # 小计 under the 三公 head (paid from a fund)
        6: Named("three_public.overseas", "current", "budget"),
        7: Named("three_public.vehicles", "current", "budget"),
        8: Named("three_public.vehicles_operation", "current", "budget"),
    }  # 单位名称, a sub-item (科研…), 会议费 and a 合计 over 三公 and 会议费 name nothing of the family
    whole = named_columns(THREE_PUBLIC, "three_public.", True, "budget", year=2031)
    assert whole[1] == Named("three_public.total", "prior", "budget")  # the table holds only 三公
    assert whole[9] == Named("three_public.total", "current", "change")


def test_parts_of_spending_headed_with_their_spending_word_and_project_spending_by_its_other_name() -> None:
    header = [
        _row(
            ("功能科目编码", 0, 1),
            ("功能科目名称", 1, 1),
            ("合计", 2, 1),
            ("人员经费支出", 3, 1),
            ("公用经费支出", 4, 1),
            ("专项业务经费支出", 5, 1),
        ),
    ]
    got = columns(header, "budget")
    assert got is not None
    assert [got[j].role for j in (2, 3, 4, 5)] == ["total", "personnel", "public", "project"]


def _texts(rows: list[Row]) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in rows]


def test_a_numbered_column_headed_xuhao_is_left_out_of_every_row() -> None:
    rows = [
        _row(("序号", 0, 1), ("科目编码", 1, 1), ("科目名称", 2, 1), ("合计", 3, 1)),
        _row(("1", 0, 1), ("合计", 2, 1), ("30.00", 3, 1)),
        _row(("2", 0, 1), ("201", 1, 1), ("一般公共服务支出", 2, 1), ("30.00", 3, 1)),
        _row(("3", 0, 1), ("20101", 1, 1), ("人大事务", 2, 1), ("30.00", 3, 1)),
    ]
    assert _texts(without_ordinals(rows)) == [
        ["科目编码", "科目名称", "合计"],
        ["合计", "30.00"],
        ["201", "一般公共服务支出", "30.00"],
        ["20101", "人大事务", "30.00"],
    ]


def test_a_column_headed_xuhao_that_does_not_count_its_rows_stays() -> None:
    rows = [
        _row(("序号", 0, 1), ("名称", 1, 1), ("合计", 2, 1)),
        _row(("201", 0, 1), ("一般公共服务支出", 1, 1), ("30.00", 2, 1)),
        _row(("205", 0, 1), ("教育支出", 1, 1), ("5.00", 2, 1)),
    ]
    assert without_ordinals(rows) == rows


def test_a_total_merged_over_the_xuhao_cell_keeps_its_label() -> None:
    rows = [
        _row(("序号", 0, 1), ("科目名称", 1, 1), ("合计", 2, 1)),
        _row(("合计", 0, 2), ("30.00", 2, 1)),
        _row(("1", 0, 1), ("工资福利支出", 1, 1), ("30.00", 2, 1)),
        _row(("2", 0, 1), ("商品和服务支出", 1, 1), ("0.00", 2, 1)),
    ]
    assert _texts(without_ordinals(rows))[1:] == [
        ["合计", "30.00"],
        ["工资福利支出", "30.00"],
        ["商品和服务支出", "0.00"],
    ]
