"""Project tables (项目支出表) read from a grid with merged header cells."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.rules.project_tables import read_project_tables
from extractor.document import TextBuilder


def _doc(unit: str = "万元") -> TextBuilder:
    b = TextBuilder()
    b.start_page(1)
    b.paragraph("项目支出表")
    b.paragraph(f"单位：{unit}")
    grid = [
        [("单位名称", 1), ("项目名称", 1), ("合计", 1), ("财政拨款", 2), ("", 1), ("财政拨款结转", 1)],
        [("", 1), ("", 1), ("", 1), ("合计", 1), ("一般公共预算", 1), ("", 1)],
        [("**", 1), ("**", 1), ("1", 1), ("2", 1), ("3", 1), ("4", 1)],
        [("合计", 1), ("", 1), ("150.00", 1), ("120.00", 1), ("120.00", 1), ("0.00", 1)],
        [("某某局", 1), ("", 1), ("150.00", 1), ("120.00", 1), ("120.00", 1), ("0.00", 1)],
        [("某某局", 1), ("信息化建设与运维", 1), ("100.00", 1), ("80.00", 1), ("80.00", 1), ("0.00", 1)],
        [("某某局", 1), ("业务培训经费", 1), ("50.00", 1), ("40.00", 1), ("40.00", 1), ("0.00", 1)],
    ]
    b.table([[t for t, _ in r] for r in grid], spans=[[(s, 1) for _, s in r] for r in grid])
    return b


def test_each_row_is_a_project_with_its_total_and_fiscal_part() -> None:
    got = {(p.name, p.is_total): (p.budget, p.fiscal_budget) for p in read_project_tables(_doc().build("t"), "budget")}
    assert got == {
        ("合计", True): (Decimal("150.00"), Decimal("120.00")),
        ("信息化建设与运维", False): (Decimal("100.00"), Decimal("80.00")),
        ("业务培训经费", False): (Decimal("50.00"), Decimal("40.00")),
    }, "the column numbers row and the unit's subtotal row are no projects"


def test_amounts_in_yuan_are_converted() -> None:
    got = {p.name: p.budget for p in read_project_tables(_doc("元").build("t"), "budget")}
    assert got["业务培训经费"] == Decimal("0.005")


def _table(rows: list[list[str]], *, title: str = "项目支出表", unit: str = "万元") -> TextBuilder:
    b = TextBuilder()
    b.start_page(1)
    b.paragraph(title)
    b.paragraph(f"单位：{unit}")
    b.table(rows)
    return b


def test_an_amount_column_headed_by_what_it_holds_and_amounts_in_yuan() -> None:
    rows = [
        ["单位编码", "单位(项目)名称", "项目金额", "项目简介"],
        ["", "合计", "1500000", ""],
        ["901001", "某某服务中心", "1500000", ""],
        ["", "档案整理经费", "1000000", "整理档案"],
        ["", "业务宣传费", "500000", "宣传"],
    ]
    got = {(p.name, p.is_total): p.budget for p in read_project_tables(_table(rows, unit="元").build("t"), "budget")}
    assert got == {
        ("合计", True): Decimal("150"),
        ("档案整理经费", False): Decimal("100"),
        ("业务宣传费", False): Decimal("50"),
    }, "the unit's coded row is no project"


def test_category_rows_that_sum_the_rows_below_are_no_projects() -> None:
    rows = [
        ["单位(项目)名称", "项目金额"],
        ["合计", "90.00"],
        ["网络建设", "30.00"],
        ["系统运维费", "30.00"],
        ["委托业务", "60.00"],
        ["法务审核经费", "20.00"],
        ["内控评价经费", "40.00"],
    ]
    names = [p.name for p in read_project_tables(_table(rows).build("t"), "budget") if not p.is_total]
    assert names == ["系统运维费", "法务审核经费", "内控评价经费"]


def test_rows_that_do_not_reach_the_total_keep_every_row() -> None:
    rows = [["项目名称", "金额"], ["合计", "100.00"], ["甲类经费", "30.00"], ["乙类经费", "30.00"]]
    names = [p.name for p in read_project_tables(_table(rows).build("t"), "budget") if not p.is_total]
    assert names == ["甲类经费", "乙类经费"], "a shortfall is not explained by categories: nothing is dropped"


def test_an_evaluation_table_gives_budget_actual_and_rate_and_its_numbered_categories_are_no_projects() -> None:
    rows = [
        ["序号", "项目名称", "预算批复", "预算到位", "实际执行", "执行率"],
        ["", "合计", "300.00", "300.00", "270.00", "90.00%"],
        ["一", "企业帮扶", "200.00", "200.00", "180.00", "90.00%"],
        ["1", "困难企业补助", "120.00", "120.00", "100.00", "83.33%"],
        ["2", "职工慰问经费", "80.00", "80.00", "80.00", "100.00%"],
        ["序号", "项目名称", "预算批复", "预算到位", "实际执行", "执行率"],
        ["二", "安全整改资金", "100.00", "100.00", "90.00", "90.00%"],
        ["1", "安全整改资金", "100.00", "100.00", "90.00", "90.00%"],
    ]
    got = [
        (p.name, p.budget, p.actual, p.rate)
        for p in read_project_tables(_table(rows).build("t"), "budget")
        if not p.is_total
    ]
    assert got == [
        ("困难企业补助", Decimal("120.00"), Decimal("100.00"), Decimal("83.33")),
        ("职工慰问经费", Decimal("80.00"), Decimal("80.00"), Decimal("100.00")),
        ("安全整改资金", Decimal("100.00"), Decimal("90.00"), Decimal("90.00")),
    ]


def test_first_level_projects_over_second_level_ones_are_categories() -> None:
    grid = [
        [("项目名称", 2), ("", 1), ("合计", 1)],
        [("一级项目", 1), ("二级项目", 1), ("", 1)],
        [("综合管理", 1), ("", 1), ("50.00", 1)],
        [("", 1), ("接待中心运行费", 1), ("20.00", 1)],
        [("", 1), ("临聘人员经费", 1), ("30.00", 1)],
    ]
    b = TextBuilder()
    b.start_page(1)
    b.paragraph("项目支出表")
    b.table([[t for t, _ in r] for r in grid], spans=[[(s, 1) for _, s in r] for r in grid])
    assert [p.name for p in read_project_tables(b.build("t"), "budget")] == ["接待中心运行费", "临聘人员经费"]


def test_one_name_twice_in_a_table_is_two_projects_and_a_repeated_table_adds_none() -> None:
    rows = [
        ["单位名称", "项目名称", "金额"],
        ["合计", "", "30.00"],
        ["甲监所", "机关日常运转", "10.00"],
        ["乙监所", "机关日常运转", "20.00"],
    ]
    b = _table(rows)
    b.paragraph("项目绩效目标表")
    b.table(
        [["单位名称", "项目名称", "金额"], ["甲监所", "机关日常运转", "10.00"], ["乙监所", "机关日常运转", "20.00"]]
    )
    got = [p.budget for p in read_project_tables(b.build("t"), "budget") if not p.is_total]
    assert got == [Decimal("10.00"), Decimal("20.00")]


def test_a_basic_spending_table_and_unit_named_rows_are_no_projects() -> None:
    rows = [
        ["支出项目类别(资金使用单位)", "总计"],
        ["合计", "30.00"],
        ["工资福利支出", "20.00"],
        ["商品和服务支出", "10.00"],
    ]
    assert read_project_tables(_table(rows, title="部门预算基本支出预算表").build("t"), "budget") == []
    rows = [
        ["项目名称", "金额"],
        ["合计", "30.00"],
        ["某某总站", "30.00"],
        ["辅助人员补助经费-某某总站", "20.00"],
        ["春节慰问金-某某总站", "10.00"],
    ]
    names = [p.name for p in read_project_tables(_table(rows).build("t"), "budget") if not p.is_total]
    assert names == ["辅助人员补助经费-某某总站", "春节慰问金-某某总站"], (
        "a unit's name after the purpose is still a project"
    )


def test_a_table_of_part_of_the_projects_keeps_no_total_row() -> None:
    rows = [["项目名称", "金额"], ["合计", "100.00"], ["档案整理经费", "30.00"], ["业务培训经费", "20.00"]]
    b = _table(rows)
    b.paragraph("注：已剔除涉密项目。")
    got = [(p.name, p.is_total) for p in read_project_tables(b.build("t"), "budget")]
    assert got == [("档案整理经费", False), ("业务培训经费", False)]
    key = [(p.name, p.is_total) for p in read_project_tables(_table(rows, title="重点项目支出表").build("t"), "budget")]
    assert ("合计", True) not in key
    whole = [(p.name, p.is_total) for p in read_project_tables(_table(rows).build("t"), "budget")]
    assert ("合计", True) in whole, "a table that does not say so keeps its total for the Σ check"


def test_nested_categories_of_a_table_grouped_by_unit_and_continued_on_the_next_page() -> None:
    b = TextBuilder()
    b.start_page(1)
    b.paragraph("专项业务经费支出表")
    b.paragraph("单位:万元")
    header = ["序号", "单位编码", "单位(项目)名称", "项目金额", "项目简介"]
    b.table(
        [
            header,
            ["1", "", "合计", "160.00", ""],
            ["2", "", "全额", "160.00", ""],
            ["3", "801001", "某某局", "130.00", ""],
            ["4", "", "专用项目", "130.00", ""],
            ["5", "", "其他履职尽责专项业务费", "130.00", ""],
            ["6", "", "档案整理经费", "30.00", ""],
            ["7", "", "业务宣传费", "30.00", ""],
        ]
    )
    b.start_page(2)
    b.paragraph("专项业务经费支出表")
    b.paragraph("单位:万元")
    b.table(
        [
            header,
            ["8", "", "信息系统运维费", "70.00", ""],
            ["9", "801002", "某某收费站管理中心", "30.00", ""],
            ["10", "", "通用项目", "30.00", ""],
            ["11", "", "专项购置", "10.00", ""],
            ["12", "", "办公设备购置", "10.00", ""],
            ["13", "", "委托咨询业务", "20.00", ""],
            ["14", "", "法律顾问费用", "20.00", ""],
        ]
    )
    got = [(p.name, p.budget) for p in read_project_tables(b.build("t"), "budget") if not p.is_total]
    assert got == [
        ("档案整理经费", Decimal("30.00")),
        ("业务宣传费", Decimal("30.00")),
        ("信息系统运维费", Decimal("70.00")),
        ("办公设备购置", Decimal("10.00")),
        ("法律顾问费用", Decimal("20.00")),
    ], "categories within categories (each the sum of the rows under it) and the units' rows are no projects"


def test_a_serial_number_of_three_digits_is_no_unit_code() -> None:
    rows = [
        ["序号", "单位(项目)名称", "项目金额"],
        ["", "合计", "30.00"],
        ["101", "档案数字化整理", "10.00"],
        ["102", "政策宣传推广", "20.00"],
    ]
    got = {p.name for p in read_project_tables(_table(rows).build("t"), "budget") if not p.is_total}
    assert got == {"档案数字化整理", "政策宣传推广"}, "a 序号 of 100 and more is no unit's code"


def test_a_table_of_projects_and_their_targets_headed_only_project() -> None:
    b = _table([["项目名称", "金额"], ["机关日常运转", "10.00"], ["设备维护", "20.00"]])
    b.paragraph("重点项目绩效目标情况")
    b.table([["项目", "预算数", "绩效目标"], ["机关日常运转", "10", "保障运行"], ["设备维护", "17.5", "设备完好"]])
    got = [(p.name, p.budget, p.restates) for p in read_project_tables(b.build("t"), "budget")]
    assert got == [
        ("机关日常运转", Decimal("10.00"), False),
        ("设备维护", Decimal("20.00"), False),
        ("设备维护", Decimal("17.5"), True),
    ]


def test_a_table_by_unit_without_serial_numbers_goes_on_on_the_next_page() -> None:
    """Rows led by their unit's name, no 序号: the next page's grid under the header repeated goes
    on with the table, and its projects named like ones above (another unit's) are projects too."""
    header = ["单位名称", "项目名称", "总计", "一般公共预算"]
    b = TextBuilder()
    b.start_page(1)
    b.paragraph("项目支出预算表")
    b.paragraph("单位：万元")
    b.table([header, ["合计", "", "60.00", "60.00"], ["某某中心", "设备维护", "20.00", "20.00"]])
    b.start_page(2)
    b.paragraph("项目支出预算表")
    b.paragraph("单位：万元")
    b.table([header, ["某某医院", "设备维护", "30.00", "30.00"], ["某某医院", "人才培养", "10.00", "10.00"]])
    b.start_page(3)
    b.paragraph("项目支出预算表")
    b.paragraph("单位：万元")
    b.table([header, ["某某医院", "设备维护", "30.00", "30.00"]])
    got = [(p.name, p.budget) for p in read_project_tables(b.build("t"), "budget") if not p.is_total]
    assert got == [
        ("设备维护", Decimal("20.00")),
        ("设备维护", Decimal("30.00")),
        ("人才培养", Decimal("10.00")),
    ], "rows that already add up to the 合计 are the whole table: a grid after them is another"
