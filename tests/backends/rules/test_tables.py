"""Tables in their three shapes, written for the test."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.rules.tables import read_tables, role_of
from tests.backends.rules.conftest import doc


def test_header_roles_by_meaning() -> None:
    assert role_of("年度指标值") == "target"
    assert role_of("实际完成值") == "actual"
    assert role_of("全 年完成值") == "actual"
    assert role_of("权重") == "weight"
    assert role_of("自评得分") == "score"
    assert role_of("预算数(万元)") == "budget"
    assert role_of("执行率(B/A)") == "rate"
    assert role_of("其中:财政拨款") == "fiscal"
    assert role_of("完成情况说明") is None


def test_tab_separated_indicator_rows_carry_merged_cells() -> None:
    text = (
        "绩效指标表\n"
        "二级指标\t三级指标\t分值\t目标值\t完成值\t得分\n"
        "数量指标\t培训人次\t10\t≥100人次\t120人次\t10\n"
        "培训合格率\t5\t≥90%\t85%\t4.5\n"
        "时效指标\t按时完成率\t5\t100%\t100%\t5\n"
    )
    d = doc(text)
    rows = read_tables(d).indicators
    assert [(i.level2, i.name, i.weight, i.target, i.actual, i.score) for i in rows] == [
        ("数量指标", "培训人次", Decimal(10), "≥100人次", "120人次", Decimal(10)),
        ("数量指标", "培训合格率", Decimal(5), "≥90%", "85%", Decimal("4.5")),
        ("时效指标", "按时完成率", Decimal(5), "100%", "100%", Decimal(5)),
    ]
    for i in rows:
        for ev in [i.evidence, *i.cells.values()]:
            assert d.text[ev.start : ev.end] == ev.quote


def test_one_cell_per_line_indicators_anchor_on_weighted_names() -> None:
    text = "\n".join(
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "完成值",
            "得分",
            "产出指标",
            "数量指标（10）",
            "开展宣讲（6 分）",
            "≥5场",
            "8场",
            "6",
            "覆盖单位数（4 分）",
            "≥20个",
            "18个",
            "3.6",
            "满意度指标（10）",
            "群众满意率",
            "（10 分）",
            "≥90%",
            "96%",
            "10",
            "总分",
            "100",
            "19.6",
        ]
    )
    rows = read_tables(doc(text)).indicators
    assert [(i.level1, i.level2, i.name, i.weight, i.target, i.actual, i.score) for i in rows] == [
        ("产出指标", "数量指标", "开展宣讲", Decimal(6), "≥5场", "8场", Decimal(6)),
        ("产出指标", "数量指标", "覆盖单位数", Decimal(4), "≥20个", "18个", Decimal("3.6")),
        ("产出指标", "满意度指标", "群众满意率", Decimal(10), "≥90%", "96%", Decimal(10)),
    ]


def test_budget_table_rows_name_concepts() -> None:
    text = "\n".join(
        [
            "部门整体支出(万元)",
            "预算数",
            "执行数",
            "执行率",
            "基本支出",
            "80.00",
            "78.40",
            "98%",
            "项目支出",
            "20",
            "25",
            "125%",
            "合计",
            "100",
            "103.4",
            "103.4%",
        ]
    )
    got = {(f.concept, f.measure, f.value) for f in read_tables(doc(text)).facts}
    assert got == {
        ("expenditure.basic", "budget", Decimal("80.00")),
        ("expenditure.basic", "actual", Decimal("78.40")),
        ("expenditure.basic", "rate", Decimal(98)),
        ("expenditure.project", "budget", Decimal(20)),
        ("expenditure.project", "actual", Decimal(25)),
        ("expenditure.project", "rate", Decimal(125)),
        ("expenditure.total", "budget", Decimal(100)),
        ("expenditure.total", "actual", Decimal("103.4")),
        ("expenditure.total", "rate", Decimal("103.4")),
    }


def test_project_table_with_fiscal_columns_and_a_total_row() -> None:
    text = (
        "项目名称\t预算数\t其中:财政拨款\t执行数\t其中:财政拨款\t执行率\n"
        "职工培训经费\t10\t8\t9\t7\t90%\n"
        "困难帮扶经费\t5\t5\t5\t5\t100%\n"
        "合计\t15\t13\t14\t12\t93.3%\n"
    )
    projects = read_tables(doc(text)).projects
    assert [(p.name, p.budget, p.fiscal_budget, p.actual, p.fiscal_actual, p.rate, p.is_total) for p in projects] == [
        ("职工培训经费", Decimal(10), Decimal(8), Decimal(9), Decimal(7), Decimal(90), False),
        ("困难帮扶经费", Decimal(5), Decimal(5), Decimal(5), Decimal(5), Decimal(100), False),
        ("合计", Decimal(15), Decimal(13), Decimal(14), Decimal(12), Decimal("93.3"), True),
    ]


def test_a_row_whose_numbers_do_not_fit_the_columns_is_left_out() -> None:
    text = "\n".join(["预算数", "执行数", "执行率", "基本支出", "80", "95%"])
    assert read_tables(doc(text)).facts == []


def test_wide_tables_whose_columns_are_concepts() -> None:
    text = (
        "一般公共预算财政拨款支出决算表\n"
        "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n"
        "\t合计\t120.50\t100.00\t20.50\n"
        "205\t教育支出\t110.00\t95.00\t15.00\n"
        "2050201\t学前教育(项)\t10.50\t5.00\t5.50\n"
    )
    got = {(f.concept, f.measure, f.scope, f.label, f.value) for f in read_tables(doc(text)).facts}
    assert got == {
        ("expenditure.total", "actual", "general_public_budget", None, Decimal("120.50")),
        ("expenditure.basic", "actual", "general_public_budget", None, Decimal("100.00")),
        ("expenditure.project", "actual", "general_public_budget", None, Decimal("20.50")),
        ("expenditure.function", "actual", "general_public_budget", "教育支出", Decimal("110.00")),
        ("expenditure.function_item", "actual", "general_public_budget", "学前教育", Decimal("10.50")),
    }


def test_a_staffing_table() -> None:
    text = "人员情况表\n项目\t编制数\t在职人员\t离退休人员\n实有人数\t30\t28\t6\n"
    got = {(f.concept, f.value) for f in read_tables(doc(text)).facts}
    assert got == {("staff.authorized", Decimal(30)), ("staff.in_service", Decimal(28)), ("staff.retired", Decimal(6))}


def test_concept_rows_of_an_item_table_are_facts_and_its_total_is_their_family() -> None:
    text = (
        "财政拨款“三公”经费支出决算表\n项目\t预算数\t决算数\n合计\t20.00\t15.50\n"
        "1.因公出国(境)费\t0.00\t0.00\n2.公务用车购置及运行维护费\t12.00\t10.20\n3.公务接待费\t8.00\t5.30\n"
    )
    reading = read_tables(doc(text))
    assert reading.projects == []
    got = {(f.concept, f.measure, f.value) for f in reading.facts}
    assert ("three_public.total", "budget", Decimal("20.00")) in got
    assert ("three_public.total", "actual", Decimal("15.50")) in got
    assert ("three_public.reception", "actual", Decimal("5.30")) in got
    assert not any(c.startswith("expenditure") for c, _, _ in got)


def test_a_one_project_table_reads_columns_by_position_with_its_fiscal_part() -> None:
    text = (
        "项目名称\t农村公路养护工程\t\t\t\t\t\n"
        "项目资金(万元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
        "\t年度资金总额\t100.00\t120.00\t108.00\t10\t90.00%\t9\n"
        "\t其中:当年财政拨款\t80.00\t100.00\t90.00\t—\t90.00%\t—\n"
        "\t其他资金\t20.00\t20.00\t18.00\t—\t90.00%\t—\n"
    )
    (p,) = read_tables(doc(text)).projects
    assert (p.name, p.budget, p.actual, p.rate, p.fiscal_budget, p.fiscal_actual) == (
        "农村公路养护工程",
        Decimal("120.00"),
        Decimal("108.00"),
        Decimal("90.00"),
        Decimal("100.00"),
        Decimal("90.00"),
    )


def test_function_rows_of_a_wide_table_take_their_level_from_the_code() -> None:
    text = (
        "支出决算表\n科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n"
        "\t合计\t50.00\t40.00\t10.00\n201\t一般公共服务支出\t50.00\t40.00\t10.00\n"
        "20138\t市场监督管理事务\t50.00\t40.00\t10.00\n2013801\t行政运行\t40.00\t40.00\t0.00\n"
    )
    got = {(f.concept, f.label, f.value) for f in read_tables(doc(text)).facts if f.label}
    assert got == {
        ("expenditure.function", "一般公共服务支出", Decimal("50.00")),
        ("expenditure.function_item", "行政运行", Decimal("40.00")),
    }


def test_an_income_table_with_scoped_columns() -> None:
    text = "收入决算表\n项目\t本年收入合计\t财政拨款收入\t事业收入\t其他收入\n合计\t100.00\t80.00\t15.00\t5.00\n"
    got = {(f.concept, f.scope, f.value) for f in read_tables(doc(text)).facts}
    assert got == {
        ("income.total", "all", Decimal("100.00")),
        ("income.total", "fiscal", Decimal("80.00")),
        ("income.business", "all", Decimal("15.00")),
        ("income.other", "all", Decimal("5.00")),
    }


def test_a_two_sided_income_and_spending_ledger() -> None:
    text = (
        "收入支出决算总表\n项目\t行次\t金额\t项目\t行次\t金额\n"
        "一、一般公共预算财政拨款收入\t1\t90.00\t一、一般公共服务支出\t32\t70.00\n"
        "二、事业收入\t2\t10.00\t二、教育支出\t33\t28.00\n"
        "本年收入合计\t30\t100.00\t本年支出合计\t59\t98.00\n"
        "年初结转和结余\t32\t5.00\t年末结转和结余\t61\t7.00\n"
        "总计\t33\t105.00\t总计\t62\t105.00\n"
    )
    got = {(f.concept, f.scope, f.label, f.value) for f in read_tables(doc(text)).facts}
    assert got == {
        ("income.total", "general_public_budget", None, Decimal("90.00")),
        ("income.business", "all", None, Decimal("10.00")),
        ("expenditure.function", "all", "一般公共服务支出", Decimal("70.00")),
        ("expenditure.function", "all", "教育支出", Decimal("28.00")),
        ("income.total", "all", None, Decimal("100.00")),
        ("expenditure.total", "all", None, Decimal("98.00")),
        ("carryover.opening", "all", None, Decimal("5.00")),
        ("carryover.closing", "all", None, Decimal("7.00")),
    }


def test_a_ledger_headed_item_is_no_project_table() -> None:
    text = (
        "一般公共预算“三公”经费支出表\n单位：万元\n"
        "项目\t预算数\n合计\t12.00\n其中:(1)公务用车购置费\t2.00\n预备费\t0.00\n"
    )
    assert read_tables(doc(text)).projects == [], "项目 heads a ledger's rows; a project table says 项目名称"
    named = "项目支出表\n单位：万元\n项目名称\t预算数\n信息系统运维经费\t2.00\n档案整理经费\t3.00\n"
    assert [p.name for p in read_tables(doc(named)).projects] == ["信息系统运维经费", "档案整理经费"]


def test_a_performance_target_table_s_amount_total_is_its_tasks_not_spending() -> None:
    from extractor.document import TextBuilder

    b = TextBuilder()
    b.start_page(1)
    b.paragraph("部门整体支出绩效目标表")
    grid = [
        [("部门(单位)名称", 3), ("", 1), ("", 1), ("某局", 3), ("", 1), ("", 1)],
        [("年度主要任务", 1), ("任务名称", 1), ("主要内容", 1), ("预算金额(万元)", 3), ("", 1), ("", 1)],
        [("", 1), ("", 1), ("", 1), ("总额", 1), ("财政拨款", 1), ("其他资金", 1)],
        [("", 1), ("任务1", 1), ("机关运行保障", 1), ("120.00", 1), ("120.00", 1), ("", 1)],
        [("", 1), ("任务2", 1), ("信息系统运维", 1), ("30.00", 1), ("30.00", 1), ("", 1)],
        [("", 1), ("金额合计", 1), ("", 1), ("150.00", 1), ("150.00", 1), ("", 1)],
    ]
    b.table([[t for t, _ in r] for r in grid], spans=[[(s, 1) for _, s in r] for r in grid])
    assert not any(f.concept == "expenditure.total" for f in read_tables(b.build("t")).facts)


def test_a_banded_ledger_is_left_to_the_band_reader() -> None:
    from extractor.document import TextBuilder

    b = TextBuilder()
    b.start_page(1)
    b.paragraph("部门收支总表")
    b.paragraph("单位:元")
    grid = [
        [("收 入", 2), ("", 1), ("支 出", 2), ("", 1)],
        [("项 目", 1), ("预算数", 1), ("支出功能分类科目", 1), ("预算数", 1)],
        [("1、财政拨款", 1), ("300000.00", 1), ("1、教育支出", 1), ("100000.00", 1)],
        [("", 1), ("", 1), ("2、住房保障支出", 1), ("200000.00", 1)],
    ]
    b.table([[t for t, _ in r] for r in grid], spans=[[(s, 1) for _, s in r] for r in grid])
    assert read_tables(b.build("t")).facts == [], "its short tail rows ('2、住房保障支出 | 200000.00') are the bands'"
