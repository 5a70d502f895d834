"""The sentence scanner on sentences written for the test."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.rules.sentences import scan
from tests.backends.rules.conftest import doc


def facts(text: str) -> set[tuple]:
    d = doc(text)
    out = set()
    for f in scan(d):
        assert d.text[f.evidence.start : f.evidence.end] == f.evidence.quote
        out.add((f.concept, f.measure, f.period, f.scope, f.label, f.value))
    return out


def test_total_with_parts_shares_and_a_change() -> None:
    got = facts(
        "2024年某局支出合计1,200.50万元，比上年增加100万元，增长9.1%。其中：基本支出900.5万元，占75%；项目支出300万元，占25%。"
    )
    assert got == {
        ("expenditure.total", "actual", "current", "all", None, Decimal("1200.50")),
        ("expenditure.total", "change", "current", "all", None, Decimal("100")),
        ("expenditure.total", "change_pct", "current", "all", None, Decimal("9.1")),
        ("expenditure.basic", "actual", "current", "all", None, Decimal("900.5")),
        ("expenditure.basic", "share", "current", "all", None, Decimal("75")),
        ("expenditure.project", "actual", "current", "all", None, Decimal("300")),
        ("expenditure.project", "share", "current", "all", None, Decimal("25")),
    }


def test_decreases_are_negative_and_yuan_become_wan() -> None:
    got = facts("公务接待费支出12,345元，比上年减少2,000元，下降13.9%。")
    assert ("three_public.reception", "actual", "current", "all", None, Decimal("1.2345")) in got
    assert ("three_public.reception", "change", "current", "all", None, Decimal("-0.2000")) in got
    assert ("three_public.reception", "change_pct", "current", "all", None, Decimal("-13.9")) in got


def test_budget_actual_and_rate_of_a_scoped_total() -> None:
    got = facts("2024年度一般公共预算财政拨款支出年初预算为50万元，支出决算为45万元，完成年初预算的90%。")
    assert got == {
        ("expenditure.total", "budget", "current", "general_public_budget", None, Decimal("50")),
        ("expenditure.total", "actual", "current", "general_public_budget", None, Decimal("45")),
        ("expenditure.total", "rate", "current", "general_public_budget", None, Decimal("90")),
    }


def test_the_whole_of_a_share_is_not_a_new_subject() -> None:
    got = facts("财政拨款收入80万元，占本年收入合计的80%。")
    assert ("income.total", "share", "current", "fiscal", None, Decimal("80")) in got
    assert not any(f[3] == "all" and f[0] == "income.total" for f in got)


def test_heading_scope_applies_to_unscoped_terms_below_it() -> None:
    got = facts("六、一般公共预算财政拨款基本支出情况说明\n人员经费60万元，公用经费5万元。\n七、其他\n人员经费1万元。")
    assert ("expenditure.personnel", "actual", "current", "general_public_budget", None, Decimal("60")) in got
    assert ("expenditure.public", "actual", "current", "general_public_budget", None, Decimal("5")) in got
    assert ("expenditure.personnel", "actual", "current", "all", None, Decimal("1")) in got


def test_a_title_its_paragraph_runs_on_from_still_scopes_it() -> None:
    got = facts(
        "（四）财政拨款收支预算情况的总体说明（详见表4）2026年财政拨款收支总预算90万元。支出包括：教育支出80万元。\n"
        "（五）其他说明\n教育支出85万元。"
    )
    assert ("expenditure.function", "actual", "current", "fiscal", "教育支出", Decimal("80")) in got
    assert ("expenditure.function", "actual", "current", "all", "教育支出", Decimal("85")) in got


def test_a_letter_spaced_item_name_is_still_the_item() -> None:
    got = facts(
        "(3)教育支出(类)普通教 育 ( 款 ) 小 学 教 育 支 出 ( 项 )12.50万元。比上年执行数增加1.5万元，增长13.6%。"
    )
    assert ("expenditure.function_item", "actual", "current", "all", "小学教育支出", Decimal("12.50")) in got
    assert ("expenditure.function_item", "change_pct", "current", "all", "小学教育支出", Decimal("13.6")) in got
    assert not any(f[0] == "expenditure.function" for f in got)


def test_function_item_values_follow_their_heading_sentence() -> None:
    got = facts("教育支出(类)普通教育(款)小学教育(项)。年初预算为10万元，支出决算为12万元，完成年初预算的120%。")
    assert ("expenditure.function_item", "budget", "current", "all", "小学教育", Decimal("10")) in got
    assert ("expenditure.function_item", "actual", "current", "all", "小学教育", Decimal("12")) in got
    assert ("expenditure.function_item", "rate", "current", "all", "小学教育", Decimal("120")) in got


def test_staff_counts_need_people_units() -> None:
    got = facts("核定编制30人，实有在职人员28人，其中行政人员20人，事业人员8人；离退休人员5人。")
    assert got == {
        ("staff.authorized", "actual", "current", "all", None, Decimal("30")),
        ("staff.in_service", "actual", "current", "all", None, Decimal("28")),
        ("staff.administrative", "actual", "current", "all", None, Decimal("20")),
        ("staff.institutional", "actual", "current", "all", None, Decimal("8")),
        ("staff.retired", "actual", "current", "all", None, Decimal("5")),
    }


def test_sub_items_outside_the_catalogue_do_not_bind() -> None:
    got = facts("单位共有车辆4辆，其中，执法执勤用车3辆、应急保障用车1辆。")
    assert got == {("vehicles.count", "actual", "current", "all", None, Decimal("4"))}


def test_flat_against_last_year_is_a_zero_change() -> None:
    got = facts("因公出国(境)费0万元，与上年持平。")
    assert ("three_public.overseas", "change", "current", "all", None, Decimal("0")) in got


def test_targets_and_unrelated_numbers_are_left_out() -> None:
    assert facts("培训学员350名，发放慰问金20万元。") == set()
    assert facts("项目支出成本<=100万元") == set()


def test_vs_budget_and_prior_year() -> None:
    got = facts("人员经费决算支出20.5万元，较预算支出增加1.5万元。上年决算数为18万元。")
    assert ("expenditure.personnel", "vs_budget", "current", "all", None, Decimal("1.5")) in got
    assert ("expenditure.personnel", "actual", "prior", "all", None, Decimal("18")) in got


def test_grand_totals_with_carryover_are_not_income_or_spending_totals() -> None:
    got = facts("2024年度收入总计150万元，支出总计150万元。本年收入合计120万元，本年支出合计110万元。")
    assert got == {
        ("income.total", "actual", "current", "all", None, Decimal("120")),
        ("expenditure.total", "actual", "current", "all", None, Decimal("110")),
    }


def test_a_comparison_opening_the_line_governs_every_clause() -> None:
    got = facts("与上年相比，财政拨款收入增加20万元，增长5%；财政拨款支出减少3万元，下降1.5%。")
    assert ("income.total", "change", "current", "fiscal", None, Decimal("20")) in got
    assert ("expenditure.total", "change", "current", "fiscal", None, Decimal("-3")) in got
    assert ("expenditure.total", "change_pct", "current", "fiscal", None, Decimal("-1.5")) in got


def test_a_change_with_no_comparison_is_left_out() -> None:
    assert facts("因人员调整，人员经费增加3万元。") == set()


def test_carry_over_of_basic_spending_is_not_basic_spending() -> None:
    got = facts("年末结转和结余50万元，其中：基本支出结转10万元，项目支出结转和结余40万元。")
    assert got == {("carryover.closing", "actual", "current", "all", None, Decimal("50"))}


def test_other_income_sources_are_never_fiscal() -> None:
    got = facts("本年收入合计100万元，其中：财政拨款收入80万元，事业收入15万元，其他收入5万元。")
    assert ("income.business", "actual", "current", "all", None, Decimal("15")) in got
    assert ("income.other", "actual", "current", "all", None, Decimal("5")) in got


def test_department_budget_execution_and_prior_year() -> None:
    got = facts("部门全年预算数为500万元，实际支出450万元，预算执行率为90%。全年支出较2022年度的420万元有所增加。")
    assert ("expenditure.total", "budget", "current", "all", None, Decimal("500")) in got
    assert ("expenditure.total", "actual", "current", "all", None, Decimal("450")) in got
    assert ("expenditure.total", "rate", "current", "all", None, Decimal("90")) in got
    assert ("expenditure.total", "actual", "prior", "all", None, Decimal("420")) in got


def test_actual_spending_of_an_unnamed_subject_binds_to_nothing() -> None:
    assert facts("(二)道路养护项目。全年预算80万元，实际支出78万元。") == set()


def test_quoted_function_items_with_dashes() -> None:
    got = facts("“教育支出—普通教育—高中教育”(项)年初预算1,200,000.00元，决算数1,150,000.00元。")
    assert ("expenditure.function_item", "budget", "current", "all", "高中教育", Decimal("120.000000")) in got
    assert ("expenditure.function_item", "actual", "current", "all", "高中教育", Decimal("115.000000")) in got


def test_procurement_categories_inside_a_procurement_sentence_only() -> None:
    got = facts("政府采购支出总额60万元，其中：货物类10万元，工程类30万元，服务类20万元。")
    assert ("procurement.goods", "actual", "current", "all", None, Decimal("10")) in got
    assert ("procurement.works", "actual", "current", "all", None, Decimal("30")) in got
    assert ("procurement.services", "actual", "current", "all", None, Decimal("20")) in got
    assert facts("采购办公设备，货物类10万元。") == set()


def test_counts_after_the_first_need_their_own_noun() -> None:
    got = facts("内设办公室(中心)6个，下辖社区9个；现有公务用车2辆。")
    assert got == {
        ("org.internal_units", "actual", "current", "all", None, Decimal("6")),
        ("vehicles.count", "actual", "current", "all", None, Decimal("2")),
    }


def test_respectively_pairs_the_kth_number_with_the_kth_subject() -> None:
    got = facts("基本支出和项目支出分别为300万元和200万元，占比分别为60%和40%。")
    assert got == {
        ("expenditure.basic", "actual", "current", "all", None, Decimal("300")),
        ("expenditure.project", "actual", "current", "all", None, Decimal("200")),
        ("expenditure.basic", "share", "current", "all", None, Decimal("60")),
        ("expenditure.project", "share", "current", "all", None, Decimal("40")),
    }
    got = facts("教育支出、卫生健康支出、住房保障支出分别占决算支出的70.5%、20%和9.5%。")
    assert {(f[4], f[5]) for f in got if f[1] == "share"} == {
        ("教育支出", Decimal("70.5")),
        ("卫生健康支出", Decimal(20)),
        ("住房保障支出", Decimal("9.5")),
    }


def test_a_breakdown_of_authorised_posts_is_not_staff() -> None:
    got = facts("核定编制42名(行政编制17名、事业编制25名)，年末实有在职人员39人。")
    assert got == {
        ("staff.authorized", "actual", "current", "all", None, Decimal(42)),
        ("staff.in_service", "actual", "current", "all", None, Decimal(39)),
    }


def test_glosses_in_parentheses_and_scopes_named_before_the_number() -> None:
    got = facts("人员经费(含离退休费)80万元；项目支出中，财政拨款安排(60万元)。其他支出(福利彩票公益金安排)30万元。")
    assert ("expenditure.personnel", "actual", "current", "all", None, Decimal("80")) in got
    assert ("expenditure.project", "actual", "current", "fiscal", None, Decimal("60")) in got
    assert ("expenditure.function", "actual", "current", "all", "其他支出", Decimal("30")) in got
    assert not any(f[0] == "staff.retired" for f in got)


def test_procurement_budget_and_amount() -> None:
    got = facts("全年政府采购预算120.00万元，实际采购金额110.50万元。")
    assert got == {
        ("procurement.total", "budget", "current", "all", None, Decimal("120.00")),
        ("procurement.total", "actual", "current", "all", None, Decimal("110.50")),
    }


def test_a_purpose_aside_names_no_subject() -> None:
    got = facts(
        "其中:基本支出900万元，主要用于在职人员工资福利及日常公用经费支出等，比上年增加36万元；"
        "项目支出500万元，主要用于信息系统运行，比上年增加24万元。"
    )
    assert ("expenditure.basic", "change", "current", "all", None, Decimal("36")) in got
    assert ("expenditure.project", "change", "current", "all", None, Decimal("24")) in got
    assert not any(f[0] == "expenditure.public" for f in got)


def test_a_reason_states_figures() -> None:
    got = facts("支出比上年减少300万元，主要是基本支出增加120万元。")
    assert ("expenditure.basic", "change", "current", "all", None, Decimal("120")) in got


def test_a_second_figure_after_another_noun_is_another_items() -> None:
    got = facts("公务用车运行维护费6.75万元，工会经费13.28万元，物业费36.18万元，比上年减少1万元。")
    assert {f[5] for f in got if f[0] == "three_public.vehicles_operation"} == {Decimal("6.75")}


def test_a_list_takes_the_scope_of_its_head() -> None:
    got = facts("一般公共预算财政拨款支出1,000万元。其中：基本支出600万元；项目支出400万元。本部门支出合计1,200万元。")
    assert ("expenditure.basic", "actual", "current", "general_public_budget", None, Decimal("600")) in got
    assert ("expenditure.project", "actual", "current", "general_public_budget", None, Decimal("400")) in got
    assert ("expenditure.total", "actual", "current", "all", None, Decimal("1200")) in got


def test_compared_with_last_year_the_budget_fell_is_a_change() -> None:
    got = facts("“三公”经费预算数为7.61万元，和上年相比预算减少1.62万元。")
    assert ("three_public.total", "change", "current", "all", None, Decimal("-1.62")) in got


def test_carry_over_wordings_and_items_named_like_a_class() -> None:
    got = facts(
        "上年结转结余为0万元。年终结转结余为0万元。上年结转结余的一般公共预算收入 0 万元，占 0%。"
        "其中办公费3万元，其他商品和服务支出12.58万元。临聘人员经费15.56万元。"
    )
    assert ("carryover.opening", "actual", "current", "all", None, Decimal("0")) in got
    assert ("carryover.closing", "actual", "current", "all", None, Decimal("0")) in got
    assert not any(f[0].startswith("income") for f in got)
    assert not any(f[0] in ("expenditure.public", "expenditure.personnel") for f in got)


def test_a_purpose_that_opens_a_breakdown_is_read() -> None:
    got = facts("支出合计358.52万元，主要用于以下方面：一般公共服务支出257.03万元，占71.69%。")
    assert ("expenditure.function", "actual", "current", "all", "一般公共服务支出", Decimal("257.03")) in got
    assert ("expenditure.function", "share", "current", "all", "一般公共服务支出", Decimal("71.69")) in got


def test_a_fleet_counted_before_the_report_year_is_the_prior_years() -> None:
    text = (
        "截至2025年12月31日，本部门共有车辆46辆，其中机要通信用车2辆，其他按照规定配备的公务用车29辆。"
        "2026年安排购置车辆0辆。截至2025年底，编制人数30人。"
    )
    got = {(f.concept, f.period, f.value) for f in scan(doc(text), 2026)}
    assert got == {("vehicles.count", "prior", Decimal(46)), ("staff.authorized", "current", Decimal(30))}
    assert {f.period for f in scan(doc("截至2026年12月31日，共有车辆3辆。"), 2026)} == {"current"}


def test_bare_budget_words_name_the_totals() -> None:
    got = facts(
        "2026年收入预算1,369.27万元，比上年增加9.11万元，增长0.67%。相应安排支出预算1,369.27万元，比上年增加9.11万元。"
    )
    assert ("income.total", "change", "current", "all", None, Decimal("9.11")) in got
    assert ("income.total", "change_pct", "current", "all", None, Decimal("0.67")) in got
    assert not any(f[0] == "income.total" and f[1] in ("actual", "budget") for f in got)  # may hold the carry-over
    assert ("expenditure.total", "budget", "current", "all", None, Decimal("1369.27")) in got
    assert ("expenditure.total", "change", "current", "all", None, Decimal("9.11")) in got


def test_a_budget_word_after_a_subject_or_a_fee_is_theirs() -> None:
    got = facts(
        "本级的机关运行经费财政拨款预算598.67万元，比上年预算增加66.73万元。会议费预算支出30万元，比上年预算减少5万元。"
    )
    assert ("agency_operating_cost", "change", "current", "all", None, Decimal("66.73")) in got
    assert not any(f[0] == "expenditure.total" for f in got)


def test_the_fiscal_budget_of_a_fee_is_the_fees() -> None:
    got = facts("四、委托业务费情况\n2026年本部门委托业务费财政拨款预算为320.5万元，比上年预算减少12万元，下降3.61%。")
    assert not any(f[0] == "expenditure.total" for f in got)
    assert ("expenditure.total", "budget", "current", "fiscal", None, Decimal("88")) in facts(
        "2026年财政拨款预算88万元。"
    )


def test_the_appropriation_of_the_year_is_the_spending_of_its_fund() -> None:
    got = facts(
        "2026年一般公共预算当年拨款1,250.40万元，比上年执行数减少50.2万元，下降3.9%；政府性基金预算当年拨款0万元。"
    )
    assert ("expenditure.total", "actual", "current", "general_public_budget", None, Decimal("1250.40")) in got
    assert ("expenditure.total", "change", "current", "general_public_budget", None, Decimal("-50.2")) in got
    assert ("expenditure.total", "change_pct", "current", "general_public_budget", None, Decimal("-3.9")) in got
    assert ("expenditure.total", "actual", "current", "government_fund", None, Decimal("0")) in got
    assert not any(f[0] == "expenditure.total" for f in facts("一般公共预算当年拨款收入980万元。"))


def test_a_rate_in_brackets_after_a_change_is_its_rate() -> None:
    got = facts("公务接待费1万元，较上年减少2.04万元（67.11%）。公务用车运行维护费10万元（20%）。")
    assert ("three_public.reception", "change_pct", "current", "all", None, Decimal("-67.11")) in got
    assert not any(f[1] == "change_pct" and f[0] == "three_public.vehicles_operation" for f in got)


def test_the_department_s_own_budget_is_all_its_money_after_a_fund_s_clause() -> None:
    got = facts(
        "2024年本部门预算收入500万元，其中一般公共预算拨款收入450万元、政府性基金拨款收入50万元，"
        "2024年本部门预算收入较上年减少30万元，主要原因是专项减少。"
    )
    assert ("income.total", "change", "current", "all", None, Decimal("-30")) in got
    assert ("income.total", "actual", "current", "general_public_budget", None, Decimal("450")) in got
    assert not any(f[1] == "change" and f[3] != "all" for f in got)


def test_a_unit_price_threshold_is_no_spending_figure() -> None:
    got = facts("2025年部门预算安排购置车辆1辆；安排购置单价30万元以上的设备2台(套)。部门预算支出860.25万元。")
    assert got == {("expenditure.total", "actual", "current", "all", None, Decimal("860.25"))}


def test_a_figure_named_by_an_earlier_year_is_the_prior_years() -> None:
    text = "2026年“三公”经费预算数为5.20万元，2025年预算数为6.80万元，和2025年相比预算减少1.60万元。"
    got = {(f.concept, f.measure, f.period, f.value) for f in scan(doc(text), 2026)}
    assert ("three_public.total", "budget", "current", Decimal("5.20")) in got
    assert ("three_public.total", "budget", "prior", Decimal("6.80")) in got
    assert ("three_public.total", "change", "current", Decimal("-1.60")) in got
    assert {f.period for f in scan(doc("2026年“三公”经费预算数为5.20万元。"), 2026)} == {"current"}


def test_a_bare_income_word_after_a_list_s_items_names_its_whole() -> None:
    got = facts(
        "（一）收入预算。2026年年初预算数500万元，其中：一般公共预算拨款450万元，事业收入50万元，"
        "收入比2025年增加30万元，其中：一般公共预算拨款增加25万元；事业收入增加5万元。"
    )
    assert ("income.total", "change", "current", "all", None, Decimal("30")) in got
    assert ("income.business", "change", "current", "all", None, Decimal("5")) in got
    assert not any(f[0] == "income.business" and f[4:] == (None, Decimal("30")) for f in got)
    after_semicolon = facts("其中：事业收入50万元，其他收入20万元；收入比上年减少8万元。")
    assert ("income.total", "change", "current", "all", None, Decimal("-8")) in after_semicolon
    # without a list the bare word goes on about the subject
    assert ("income.business", "change", "current", "all", None, Decimal("3")) in facts(
        "事业收入50万元，收入比上年增加3万元。"
    )


def test_a_bare_spending_word_in_a_table_cell_is_the_row_s() -> None:
    row = "\t临聘人员经费\t12.30\t资金到账后按月发放工资，支出12.30万元左右。\t产出指标"
    assert not any(f[0] == "expenditure.total" for f in facts(row))
    assert ("expenditure.total", "actual", "current", "all", None, Decimal("12.30")) in facts("全年支出12.30万元。")


def test_a_whole_in_yuan_below_its_own_parts_in_wan_is_a_unit_slip() -> None:
    got = facts("2026年预算支出1500.25元，其中基本支出预算1100.10万元，项目支出预算400.15万元。")
    assert not any(f[0] == "expenditure.total" for f in got)
    assert ("expenditure.basic", "budget", "current", "all", None, Decimal("1100.10")) in got
    fine = facts("公务接待费支出12,345元，其中国内接待费12,000元。")
    assert ("three_public.reception", "actual", "current", "all", None, Decimal("1.2345")) in fine


def test_a_list_under_project_spending_breaks_the_part_down_and_gives_no_class_figure() -> None:
    got = facts(
        "本单位一般公共预算拨款支出 80.00 万元，其中：一般公共服务支出 80.00 万元。"
        "项目支出预算 12.50 万元，主要用于专项业务，其中：一般公共服务支出 12.50 万元。"
    )
    classes = {f for f in got if f[0] == "expenditure.function"}
    assert {f[5] for f in classes} == {Decimal("80.00")}
    assert any(f[0] == "expenditure.project" and f[5] == Decimal("12.50") for f in got)


def test_a_bare_spending_word_opening_a_sentence_is_the_department_s_not_the_last_item_s() -> None:
    got = facts("本单位支出预算 80.00 万元，其中：一般公共服务支出 80.00 万元。支出较去年增加 5.00 万元，上升 6.67%。")
    assert ("expenditure.total", "change", "current", "all", None, Decimal("5.00")) in got
    assert not any(f[0] == "expenditure.function" and f[1] in ("change", "change_pct") for f in got)


def test_the_money_a_programme_involves_is_not_a_fund_s_spending() -> None:
    text = "2026年本部门项目均实行绩效目标管理，涉及一般公共预算当年拨款320.40万元，一级项目5个。"
    assert not any(f[0] == "expenditure.total" for f in facts(text))
