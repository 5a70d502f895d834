"""Coded rows of classified tables (功能分类 / 经济分类) in a department budget."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.rules.classified import read_classified
from extractor.document import TextBuilder
from extractor.result import Fact
from tests.backends.rules.conftest import doc

TABLES = (
    "一般公共预算支出表\n部门:某局 单位:万元\n"
    "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "合计\t\t1,062.80\t69.62\t993.18\n"
    "208\t社会保障和就业支出\t69.62\t69.62\t\n"
    "20805\t行政事业单位养老支出\t69.62\t69.62\t\n"
    "224\t灾害防治及应急管理支出\t993.18\t\t993.18\n"
    "2240102\t一般行政管理事务\t993.18\t\t993.18\n"
    "\n一般公共预算基本支出表\n部门:某局 单位:元\n"
    "科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
    "合计\t\t696,200.00\t600,000.00\t96,200.00\n"
    "301\t工资福利支出\t600,000.00\t600,000.00\t\n"
    "30101\t基本工资\t400,000.00\t400,000.00\t\n"
    "302\t商品和服务支出\t96,200.00\t\t96,200.00\n"
)


def _facts() -> dict[tuple[str, str, str | None], Decimal]:
    return {(f.concept, f.scope, f.label): f.value for f in read_classified(doc(TABLES), "budget")}


def test_function_rows_by_code_level_with_the_title_scope() -> None:
    got = _facts()
    assert got[("expenditure.function", "general_public_budget", "社会保障和就业支出")] == Decimal("69.62")
    assert got[("expenditure.function_item", "general_public_budget", "行政事业单位养老支出")] == Decimal("69.62")
    assert got[("expenditure.function_item", "general_public_budget", "一般行政管理事务")] == Decimal("993.18")
    assert got[("expenditure.total", "general_public_budget", None)] == Decimal("1062.80")
    assert got[("expenditure.project", "general_public_budget", None)] == Decimal("993.18")


def test_economic_rows_in_yuan_are_converted_and_the_basic_table_total_is_basic() -> None:
    got = _facts()
    assert got[("expenditure.economic", "general_public_budget", "基本工资")] == Decimal("40")
    assert got[("expenditure.economic", "general_public_budget", "商品和服务支出")] == Decimal("9.62")
    assert got[("expenditure.basic", "general_public_budget", None)] == Decimal("69.62")
    assert got[("expenditure.personnel", "general_public_budget", None)] == Decimal("60")


def test_every_value_is_measured_as_budget_with_its_cell_as_evidence() -> None:
    d = doc(TABLES)
    for f in read_classified(d, "budget"):
        assert f.measure == "budget"
        assert d.text[f.evidence.start : f.evidence.end] == f.evidence.quote


def test_a_budgets_prose_states_budgets_unless_it_says_executed() -> None:
    from extractor.backends.rules.binding import as_budget
    from extractor.backends.rules.sentences import scan

    text = "2026年一般公共服务支出1,935.36万元。2025年执行数为1,800.00万元。"
    got = {(f.measure, f.value) for f in as_budget(scan(doc(text)))}
    assert ("budget", Decimal("1935.36")) in got
    assert not any(m == "budget" and v == Decimal("1800.00") for m, v in got)


def test_the_total_of_a_project_spending_table_is_project_spending() -> None:
    text = (
        "一般公共预算项目支出情况表(按经济分类科目)\n单位名称:某局 单位:万元\n"
        "部门预算支出经济科目\t预算\n合计\t388.50\n[302]商品和服务支出\t294.17\n[310]资本性支出\t94.33\n"
    )
    got = {(f.concept, f.scope, f.label): f.value for f in read_classified(doc(text), "budget")}
    assert got[("expenditure.project", "general_public_budget", None)] == Decimal("388.50")
    assert ("expenditure.total", "general_public_budget", None) not in got


def test_a_three_public_table_by_budget_unit_gives_no_spending_total() -> None:
    text = (
        "一般公共预算拨款“三公”经费、会议费、培训费表\n单位:元\n"
        "单位编码\t单位名称\t合计\t因公出国(境)费用\t公务接待费\t会议费\t培训费\n"
        "\t合计\t90000\t0\t20000\t30000\t40000\n"
        "201\t某局\t90000\t0\t20000\t30000\t40000\n"
        "201001\t某局本级\t90000\t0\t20000\t30000\t40000\n"
    )
    facts = read_classified(doc(text), "budget")
    assert not any(f.concept == "expenditure.total" for f in facts), "its 合计 sums 三公, 会议费 and 培训费"
    assert not any(f.concept == "expenditure.function" for f in facts), "a unit code is no class code"


def test_a_function_item_named_alike_under_two_codes_is_two_items_a_cross_classified_class_one() -> None:
    text = (
        "一般公共预算支出表\n单位:万元\n科目编码\t科目名称\t合计\n"
        "2010101\t行政运行\t30.00\n2013101\t行政运行\t12.00\n"
        "\n一般公共预算基本支出表\n单位:万元\n科目编码\t科目名称\t合计\n"
        "301\t工资福利支出\t10.00\n30101\t基本工资\t8.00\n30101\t基本工资\t2.00\n"
    )
    facts = read_classified(doc(text), "budget")
    items = sorted((f.code, f.value) for f in facts if f.label == "行政运行")
    assert items == [("2010101", Decimal("30.00")), ("2013101", Decimal("12.00"))]
    assert [f.value for f in facts if f.label == "基本工资"] == [Decimal("8.00")]


def _grid(title: str, rows: list[list[tuple[str, int]]]) -> list[Fact]:
    """A table read from page geometry: each cell with its colspan."""
    b = TextBuilder()
    b.start_page(1)
    b.paragraph(title)
    b.paragraph("单位:万元")
    b.table([[t for t, _ in r] for r in rows], spans=[[(s, 1) for _, s in r] for r in rows])
    return read_classified(b.build("t"), "budget")


def test_a_two_line_header_names_the_uncoded_classes_in_the_row_above_its_total() -> None:
    facts = _grid(
        "一般公共预算基本支出表",
        [
            [("经济分类科目名称", 1), ("本年一般公共预算基本支出", 3), ("", 1), ("", 1)],
            [("", 1), ("合计", 1), ("人员经费", 1), ("公用经费", 1)],
            [("合计", 1), ("31.00", 1), ("21.00", 1), ("10.00", 1)],
            [("工资福利支出", 1), ("21.00", 1), ("21.00", 1), ("", 1)],
            [("基本工资", 1), ("13.00", 1), ("13.00", 1), ("", 1)],
            [("商品和服务支出", 1), ("10.00", 1), ("", 1), ("10.00", 1)],
        ],
    )
    got = {(f.concept, f.label): f.value for f in facts}
    assert got[("expenditure.economic", "工资福利支出")] == Decimal("21.00")
    assert got[("expenditure.economic", "基本工资")] == Decimal("13.00")
    assert got[("expenditure.economic", "商品和服务支出")] == Decimal("10.00")
    assert got[("expenditure.basic", None)] == Decimal("31.00")


def test_a_ledger_naming_a_classification_in_a_later_column_is_no_table_of_classes() -> None:
    facts = _grid(
        "收支预算总表",
        [
            [("收入项目", 1), ("金额", 1), ("政府预算支出经济分类", 1), ("金额", 1)],
            [("一、财政拨款收入", 1), ("40.00", 1), ("机关工资福利支出", 1), ("40.00", 1)],
            [("二、事业收入", 1), ("5.00", 1), ("机关商品和服务支出", 1), ("5.00", 1)],
        ],
    )
    assert not [f for f in facts if f.concept == "expenditure.economic"], "income labels are no economic classes"


def test_rows_of_one_name_are_kept_apart_by_their_codes_or_their_place_under_a_class() -> None:
    coded = (
        "一般公共预算基本支出表\n部门:某局 单位:万元\n"
        "科目编码\t科目名称\t合计\n"
        "合计\t\t50.00\n"
        "303\t对个人和家庭的补助\t50.00\n"
        "30301\t离休费\t50.00\n"
        "3030101\t离休费\t20.00\n"
        "30301\t离休费\t9.00\n"
    )
    values = sorted(f.value for f in read_classified(doc(coded), "budget") if f.label == "离休费")
    assert values == [Decimal("20.00"), Decimal("50.00")], "two codes two rows; a code listed again is the first"
    named = _grid(
        "一般公共预算支出表",
        [
            [("功能分类科目名称", 1), ("合计", 1)],
            [("合计", 1), ("40.00", 1)],
            [("公共安全支出", 1), ("40.00", 1)],
            [("司法", 1), ("25.00", 1)],
            [("行政运行", 1), ("25.00", 1)],
            [("监狱", 1), ("15.00", 1)],
            [("行政运行", 1), ("15.00", 1)],
        ],
    )
    assert sorted(f.value for f in named if f.label == "行政运行") == [Decimal("15.00"), Decimal("25.00")]


def test_a_table_continued_under_its_repeated_title_and_header_goes_on_from_its_class() -> None:
    header = [["科目编码", "", "", "科目名称", "合计"], ["类", "款", "项", "", ""]]
    spans = [[(1, 1)] * 5 for _ in range(8)]
    b = TextBuilder()
    b.start_page(1)
    b.paragraph("公开表3支出总体情况表")
    b.paragraph("单位:万元")
    b.table(
        [
            *header,
            ["合计", "", "", "", "60.00"],
            ["208", "", "", "社会保障和就业支出", "40.00"],
            ["", "05", "", "行政事业单位养老支出", "40.00"],
            ["221", "", "", "住房保障支出", "20.00"],
        ],
        spans=spans,
    )
    b.start_page(2)
    b.paragraph("公开表3支出总体情况表")
    b.paragraph("单位:万元")
    b.table([*header, ["", "02", "", "住房改革支出", "20.00"], ["", "", "01", "住房公积金", "20.00"]], spans=spans)
    facts = read_classified(b.build("t"), "budget")
    got = {(f.concept, f.label): (f.value, f.code) for f in facts}
    assert got[("expenditure.function_item", "住房改革支出")] == (Decimal("20.00"), "22102")
    assert got[("expenditure.function_item", "住房公积金")] == (Decimal("20.00"), "2210201")


def test_a_table_broken_over_a_page_without_its_header_goes_on_on_the_next_page() -> None:
    b = TextBuilder()
    b.start_page(1)
    b.paragraph("支出总体情况表")
    b.paragraph("单位:万元")
    b.table(
        [
            ["科目编码", "科目名称", "合计", "基本支出"],
            ["合计", "", "60.00", "40.00"],
            ["208", "社会保障和就业支出", "40.00", "40.00"],
            ["20805", "行政事业单位养老支出", "40.00", "40.00"],
        ]
    )
    b.start_page(2)
    b.table([["221", "住房保障支出", "20.00", ""], ["22102", "住房改革支出", "20.00", ""]])
    b.start_page(3)
    b.paragraph("说明")
    b.start_page(4)
    b.table([["301", "工资福利支出", "5.00", ""]])
    facts = read_classified(b.build("t"), "budget")
    got = {(f.concept, f.label): f.value for f in facts}
    assert got[("expenditure.function", "住房保障支出")] == Decimal("20.00")
    assert got[("expenditure.function_item", "住房改革支出")] == Decimal("20.00")
    assert ("expenditure.economic", "工资福利支出") not in got, (
        "only the page right after the table's last row goes on with it"
    )


def test_rows_numbered_in_a_xuhao_column_are_read_by_the_code_beside_the_number() -> None:
    facts = _grid(
        "一般公共预算支出明细表(按功能科目分)",
        [
            [
                ("序号", 1),
                ("功能科目编码", 1),
                ("功能科目名称", 1),
                ("合计", 1),
                ("人员经费支出", 1),
                ("专项业务经费支出", 1),
            ],
            [("1", 1), ("", 1), ("合计", 1), ("50.00", 1), ("20.00", 1), ("30.00", 1)],
            [("2", 1), ("201", 1), ("一般公共服务支出", 1), ("50.00", 1), ("20.00", 1), ("30.00", 1)],
            [("3", 1), ("20101", 1), ("人大事务", 1), ("50.00", 1), ("20.00", 1), ("30.00", 1)],
        ],
    )
    got = {(f.concept, f.label): f.value for f in facts}
    assert got[("expenditure.function", "一般公共服务支出")] == Decimal("50.00")
    assert got[("expenditure.function_item", "人大事务")] == Decimal("50.00")
    assert got[("expenditure.personnel", None)] == Decimal("20.00")
    assert got[("expenditure.project", None)] == Decimal("30.00")


def test_rows_under_a_unit_code_header_are_budget_units_not_classes() -> None:
    facts = _grid(
        "部门支出总表",
        [
            [("序号", 1), ("单位编码", 1), ("单位名称", 1), ("合计", 1)],
            [("1", 1), ("", 1), ("合计", 1), ("50.00", 1)],
            [("2", 1), ("201", 1), ("某局", 1), ("50.00", 1)],
            [("3", 1), ("201001", 1), ("某局本级", 1), ("50.00", 1)],
        ],
    )
    assert not [f for f in facts if f.concept.startswith("expenditure.function")]


def test_a_class_the_basic_table_lists_without_a_figure_is_read_from_the_table_of_all_spending() -> None:
    text = (
        "一般公共预算支出表(按经济分类科目分)\n单位:万元\n"
        "科目编码\t科目名称\t合计\t人员经费\t公用经费\t项目支出\n"
        "合计\t\t80.00\t20.00\t10.00\t50.00\n"
        "301\t工资福利支出\t25.00\t20.00\t\t5.00\n"
        "302\t商品和服务支出\t15.00\t\t10.00\t5.00\n"
        "310\t资本性支出\t40.00\t\t\t40.00\n"
        "\n一般公共预算基本支出表(按经济分类科目分)\n单位:万元\n"
        "科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
        "合计\t\t30.00\t20.00\t10.00\n"
        "301\t工资福利支出\t20.00\t20.00\t\n"
        "302\t商品和服务支出\t10.00\t\t10.00\n"
        "310\t资本性支出\t\t\t\n"
    )
    got = {(f.concept, f.label): f.value for f in read_classified(doc(text), "budget")}
    assert got[("expenditure.economic", "工资福利支出")] == Decimal("20.00")  # the basic table's, as before
    assert got[("expenditure.economic", "商品和服务支出")] == Decimal("10.00")
    assert got[("expenditure.economic", "资本性支出")] == Decimal("40.00")  # project spending only
