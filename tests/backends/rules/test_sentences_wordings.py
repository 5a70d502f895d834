"""The sentence scanner on the wordings of a budget's own sections: procurement by kind, money of
no fund, the units of a department, changes listed under a comparison (sentences written for the test)."""

from __future__ import annotations

from decimal import Decimal

from tests.backends.rules.test_sentences import facts


def test_each_kind_of_procurement_is_named_with_its_budget_word() -> None:
    def kinds(text: str) -> dict[str, Decimal]:
        return {c: v for c, m, _, _, _, v in facts(text) if c.startswith("procurement.")}

    assert kinds(
        "政府采购预算总额66.00万元，其中：政府采购货物预算12.00万元、政府采购工程预算0万元、政府采购服务预算54.00万元。"
    ) == {
        "procurement.total": Decimal("66.00"),
        "procurement.goods": Decimal("12.00"),
        "procurement.works": Decimal("0"),
        "procurement.services": Decimal("54.00"),
    }
    assert kinds(
        "本部门政府采购安排30.5万元，其中：货物类采购预算1.5万元，工程类采购预算9万元，服务类采购预算20万元等。"
    ) == {
        "procurement.total": Decimal("30.5"),
        "procurement.goods": Decimal("1.5"),
        "procurement.works": Decimal("9"),
        "procurement.services": Decimal("20"),
    }
    assert kinds(
        "政府采购支出预算总额8万元，其中：拟采购货物支出0万元、拟采购工程支出0万元、拟采购服务支出8万元。"
    ) == {
        "procurement.total": Decimal("8"),
        "procurement.goods": Decimal("0"),
        "procurement.works": Decimal("0"),
        "procurement.services": Decimal("8"),
    }
    assert kinds("本局预算内政府采购资金12.34万元，用于购买办公用品。") == {"procurement.total": Decimal("12.34")}


def test_the_procurement_of_one_fund_is_no_figure_of_the_department() -> None:
    got = facts(
        "政府采购预算总额100万元：政府采购货物预算40万元、政府采购服务预算60万元；"
        "其中一般公共预算拨款政府采购70万元：政府采购货物预算25万元、政府采购服务预算45万元。"
    )
    values = {(c, v) for c, _, _, _, _, v in got}
    assert ("procurement.goods", Decimal("40")) in values
    assert ("procurement.services", Decimal("60")) in values
    assert ("procurement.goods", Decimal("25")) not in values
    assert ("procurement.services", Decimal("45")) not in values


def test_a_funds_appropriation_of_the_year_is_its_spending() -> None:
    got = facts("2026年一般公共预算当年拨款600.00万元，比上年执行数减少30.00万元，下降4.8%。")
    assert ("expenditure.total", "change", "current", "general_public_budget", None, Decimal("-30.00")) in got
    assert ("expenditure.total", "change_pct", "current", "general_public_budget", None, Decimal("-4.8")) in got
    assert not [f for f in got if f[0].startswith("income.")]
    assert facts("（五）一般公共预算当年拨款情况说明") == set(), "a heading names no figure"


def test_second_level_budget_units_named_before_their_count() -> None:
    assert ("org.subordinate_units", "actual", "current", "all", None, Decimal("7")) in facts(
        "下设二级预算单位 7 个，分别是：某局本级、某中心。"
    )
    assert ("org.subordinate_units", "actual", "current", "all", None, Decimal("5")) in facts(
        "纳入本部门 2030 年部门预算编制范围的二级预算单位共 5 个。"
    )


def test_money_held_in_the_treasury_for_the_unit_is_its_own_income_of_no_fund() -> None:
    got = facts("收入包括一般公共预算拨款收入80.00万元、财政专户管理资金收入0.00万元、单位资金收入5.00万元。")
    assert ("income.fiscal_special_account", "actual", "current", "all", None, Decimal("0.00")) in got
    assert ("income.unit_funds", "actual", "current", "all", None, Decimal("5.00")) in got
    assert ("income.total", "actual", "current", "general_public_budget", None, Decimal("80.00")) in got


def test_a_numbered_list_under_a_stated_comparison_gives_each_items_change() -> None:
    got = facts(
        "（三）增减变化情况：2030年收支预算50.00万元，比上年减少6.00万元，其中：\n"
        "1.收入预算减少6.00万元，其中一般公共预算收入减少5.00万元。\n"
        "2.支出预算减少6.00万元，其中基本支出增加1.00万元，项目支出减少7.00万元。\n"
        "某项工作增加3.00万元。"
    )
    changes = {(c, sc, v) for c, m, _, sc, _, v in got if m == "change"}
    assert changes == {
        ("income.total", "all", Decimal("-6.00")),
        ("income.total", "general_public_budget", Decimal("-5.00")),
        ("expenditure.total", "all", Decimal("-6.00")),
        ("expenditure.basic", "all", Decimal("1.00")),
        ("expenditure.project", "all", Decimal("-7.00")),
    }, "a line after the list names its own comparison or none"


def test_a_list_under_a_budget_is_of_budgets_unless_its_items_say_executed() -> None:
    got = facts("“三公”经费预算为20万元，其中：因公出国(境)费0万元，公务接待费9万元，公务用车购置及运行费11万元。")
    assert {(c, m, v) for c, m, _, _, _, v in got} == {
        ("three_public.total", "budget", Decimal("20")),
        ("three_public.overseas", "budget", Decimal("0")),
        ("three_public.reception", "budget", Decimal("9")),
        ("three_public.vehicles", "budget", Decimal("11")),
    }
    spent = facts("“三公”经费支出20万元，其中：公务接待费9万元。")
    assert ("three_public.reception", "actual", Decimal("9")) in {(c, m, v) for c, m, _, _, _, v in spent}
    executed = facts("“三公”经费预算为20万元，其中：公务接待费实际支出9万元。")
    assert ("three_public.reception", "actual", Decimal("9")) in {(c, m, v) for c, m, _, _, _, v in executed}


def test_retired_staff_as_reports_word_them() -> None:
    for text in ("退休职工8人。", "离退休干部8人。", "退休人员8人。"):
        assert ("staff.retired", "actual", "current", "all", None, Decimal(8)) in facts(text), text


def test_narrative_totals_of_the_year() -> None:
    got = {(c, m, v) for c, m, _, _, _, v in facts("2024年度当期取得收入120.50万元，年末结余10.20万元。")}
    assert got == {("income.total", "actual", Decimal("120.50")), ("carryover.closing", "actual", Decimal("10.20"))}


def test_a_rate_written_after_the_budget_it_is_of() -> None:
    got = {(c, m, v) for c, m, _, _, _, v in facts("项目支出决算80万元，完成预算100万元的80%。")}
    assert got == {
        ("expenditure.project", "actual", Decimal("80")),
        ("expenditure.project", "budget", Decimal("100")),
        ("expenditure.project", "rate", Decimal("80")),
    }
    assert not any(m == "rate" for _, m, _, _, _, _ in facts("项目支出预算100万元的80%用于设备购置。"))


def test_a_term_glossing_a_name_in_brackets_does_not_take_the_names_figure() -> None:
    got = facts(
        "本部门一般公共预算拨款支出500.00万元，其中：（1）行政运行（行政单位基本支出）200.00万元，"
        "较上年减少10.00万元。（2）住房保障支出30.00万元。"
    )
    assert not [f for f in got if f[0] == "expenditure.basic"], "the 200.00 is 行政运行's, not the basic spending"
    assert ("expenditure.function", "住房保障支出", Decimal("30.00")) in {(c, lab, v) for c, _, _, _, lab, v in got}
    # a bracket after a figure breaks it down: its terms are read
    kept = facts("本部门支出合计100.00万元（其中：基本支出60.00万元，项目支出40.00万元）。")
    assert {(c, v) for c, _, _, _, _, v in kept} >= {
        ("expenditure.basic", Decimal("60.00")),
        ("expenditure.project", Decimal("40.00")),
    }
    # the subject's own gloss stays the subject's
    own = facts("人员经费（含离退休费）80.00万元。")
    assert ("expenditure.personnel", Decimal("80.00")) in {(c, v) for c, _, _, _, _, v in own}


def test_staff_outside_the_establishment_by_kind() -> None:
    got = facts("在职人员18人，聘用人员3人，劳务派遣人员2人，公益性岗位1人，编外人员4人。")
    others = sorted(v for c, _, _, _, _, v in got if c == "staff.other")
    assert others == [Decimal(1), Decimal(2), Decimal(3), Decimal(4)]
    assert ("staff.other", "actual", "current", "all", None, Decimal(5)) in facts("临聘人员5人。")


def test_a_change_after_how_the_figure_was_drawn_up() -> None:
    got = {
        (c, m, v) for c, m, _, _, _, v in facts("“三公”经费预算9.5万元，按照支出标准编报，较上年减少5.0万元（34.5%）。")
    }
    assert got == {
        ("three_public.total", "budget", Decimal("9.5")),
        ("three_public.total", "change", Decimal("-5.0")),
        ("three_public.total", "change_pct", Decimal("-34.5")),
    }


def test_the_three_public_with_meeting_and_training_fees_is_no_three_public_total() -> None:
    got = facts("“三公”经费及会议费、培训费预算支出共52.30万元，其中：“三公”经费预算9.5万元。")
    assert [(c, v) for c, _, _, _, _, v in got] == [("three_public.total", Decimal("9.5"))]


def test_a_count_joined_on_after_the_subject_counts_the_noun_after_it() -> None:
    # "3个内设机构和2个派出大队": the 2 counts the 大队, not the 内设机构
    assert facts("本单位下设3个内设机构和2个派出大队。") == set()
    assert facts("本单位内设机构3个。") == {("org.internal_units", "actual", "current", "all", None, Decimal("3"))}
