"""Each rule kind on hand-written cases: what passes, what fails, what is not run, and why."""

from __future__ import annotations

from decimal import Decimal as D

from extractor.reconcile import reconcile
from extractor.result import CheckRecord, Finding, Result
from tests.reconcile.build import Doc


def checks(r: Result, prefix: str) -> list[CheckRecord]:
    return [c for c in r.checks if c.rule.startswith(prefix)]


def material(r: Result) -> list[Finding]:
    return [f for f in r.findings if f.severity == "material"]


def test_evidence_of_built_facts_points_into_the_text() -> None:
    doc = Doc()
    f = doc.fact("expenditure.basic", "311.20")
    assert doc.text[f.evidence.start : f.evidence.end] == f.evidence.quote and f.decimals == 2


def test_consistent_report_passes_everything() -> None:
    doc = Doc()
    doc.fact("expenditure.total", "358.52")
    doc.fact("expenditure.basic", "311.20")
    doc.fact("expenditure.project", "47.32")
    doc.fact("expenditure.personnel", "302.92")
    doc.fact("expenditure.public", "8.28")
    doc.fact("expenditure.basic", "86.80", "share")
    r = reconcile(doc.result())
    assert r.findings == ()
    statuses = {c.rule: c.status for c in r.checks}
    assert statuses["expenditure.basic=personnel+public@all:actual"] == "passed"
    assert statuses["share:expenditure.basic@all"] == "passed"
    # 上缴上级支出 etc. are not stated: total = basic + project is only checkable as Σ ≤ total
    tb = checks(r, "expenditure.total=basic+project@all:actual")
    assert [(c.kind, c.status) for c in tb] == [("sum", "passed")]


def test_sum_material_rounding_and_complete_parts() -> None:
    doc = Doc()
    doc.fact("expenditure.total", "93.93")
    doc.fact("expenditure.basic", "89.65")
    doc.fact("expenditure.project", "4.29")  # 93.94: intervals meet → rounding
    for c in ("expenditure.remit_superior", "expenditure.operating", "expenditure.subsidy_affiliated"):
        doc.fact(c, "0")
    doc.fact("expenditure.basic", "80.00", scope="general_public_budget")
    doc.fact("expenditure.personnel", "76.19", scope="general_public_budget")
    doc.fact("expenditure.public", "3.70", scope="general_public_budget")  # 79.89 ≠ 80.00 → material
    r = reconcile(doc.result())
    total = next(f for f in r.findings if f.rule == "expenditure.total=basic+project")
    assert (total.kind, total.severity) == ("sum", "rounding")
    assert total.stated == D("93.93") and total.expected[0] <= D("93.94") <= total.expected[1]
    basic = next(f for f in r.findings if f.rule == "expenditure.basic=personnel+public")
    assert (basic.kind, basic.severity) == ("sum", "material")
    assert basic.expected == (D("79.8800"), D("79.9000"))
    assert {ff.concept for ff in basic.facts} == {"expenditure.basic", "expenditure.personnel", "expenditure.public"}
    assert all(ff.evidence is not None for ff in basic.facts)
    assert "不符" in basic.message and basic.message_en and "79.89" in basic.message_en


def test_a_change_of_the_whole_is_the_changes_of_basic_and_project_spending() -> None:
    doc = Doc()
    doc.fact("expenditure.total", "60.00", "change")
    doc.fact("expenditure.basic", "-20.00", "change")
    doc.fact("expenditure.project", "75.00", "change")  # 55.00: not the 60.00 stated
    doc.fact("expenditure.total", "12.00", "change", scope="fiscal")
    doc.fact("expenditure.basic", "2.00", "change", scope="fiscal")  # the project change unstated: no check
    r = reconcile(doc.result())
    found = [f for f in r.findings if f.rule == "expenditure.total=basic+project:change"]
    assert [(f.kind, f.severity, f.stated) for f in found] == [("sum", "material", D("60.00"))]
    assert {c.status for c in checks(r, "expenditure.total=basic+project:change@fiscal:change")} == {"not_run"}


def test_ratio_rate_and_share_name_the_percentage() -> None:
    doc = Doc()
    doc.fact("expenditure.project", "47.32")
    doc.fact("expenditure.project", "27.32", "budget")
    doc.fact("expenditure.project", "173.8", "rate")
    doc.fact("expenditure.total", "358.52")
    doc.fact("expenditure.function", "54.17", label="社会保障和就业支出")
    doc.fact("expenditure.function", "15.12", "share", label="社会保障和就业支出")
    doc.fact("expenditure.function", "304.35", label="一般公共服务支出")
    r = reconcile(doc.result())
    rate = next(f for f in r.findings if f.rule == "rate")
    assert (rate.kind, rate.severity, rate.stated) == ("ratio", "material", D("173.8"))
    assert rate.expected[0] < D("173.21") < rate.expected[1]
    assert rate.culprit is not None and (rate.culprit.measure, rate.culprit.suggested) == ("rate", D("173.2"))
    assert rate.culprit.signature == "typo"
    share = next(f for f in r.findings if f.rule == "share")
    assert share.culprit is not None and share.culprit.label == "社会保障和就业支出"
    assert share.culprit.suggested == D("15.11")


def test_share_whole_comes_from_the_profile_and_unknown_wholes_are_not_run() -> None:
    doc = Doc()
    doc.fact("income.total", "93.93")
    doc.fact("income.total", "84.25", scope="fiscal")
    doc.fact("income.total", "90", "share", scope="fiscal")  # 占本年收入90%: 89.69% within ±0.5
    doc.fact("expenditure.function_item", "77.88", label="行政运行")
    doc.fact("expenditure.function_item", "92", "share", label="行政运行")  # whole unknown
    r = reconcile(doc.result())
    assert checks(r, "share:income.total@fiscal")[0].status == "passed"
    item = checks(r, "share:expenditure.function_item")[0]
    assert item.status == "not_run" and "whose share" in (item.reason or "")
    assert material(r) == []


def test_income_shares_may_be_of_the_income_with_the_carry_over() -> None:
    doc = Doc()
    doc.fact("income.total", "500.00", "budget")  # 本年收入合计
    doc.fact("carryover.opening", "20.00", "budget")  # 上年结转, listed among the 收入 with its share
    doc.fact("income.total", "480.00", "budget", scope="general_public_budget")
    doc.fact("income.total", "92.3", "share", scope="general_public_budget")  # 480/520; 480/500 would be 96.0
    doc.fact("income.other", "20.00", "budget")
    doc.fact("income.other", "3.8", "share")  # 20/520 = 3.85; 20/500 would be 4.0
    r = reconcile(doc.result())
    assert material(r) == []
    assert "passed" in {c.status for c in checks(r, "share:income.total@general_public_budget")}
    doc = Doc()
    doc.fact("income.total", "500.00", "budget")
    doc.fact("carryover.opening", "20.00", "budget")
    doc.fact("income.other", "20.00", "budget")
    doc.fact("income.other", "9.0", "share")  # fits neither whole
    wrong = [f for f in material(reconcile(doc.result())) if f.rule == "share"]
    assert len(wrong) == 1 and "income.other" in {ff.concept for ff in wrong[0].facts}


def test_change_pct_from_change_and_from_prior() -> None:
    doc = Doc()
    doc.fact("income.total", "93.93")
    doc.fact("income.total", "19.08", "change")
    doc.fact("income.total", "21", "change_pct")  # 19.08/74.85 = 25.5%
    doc.fact("expenditure.total", "110.00")
    doc.fact("expenditure.total", "100.00", period="prior")
    doc.fact("expenditure.total", "10.0", "change_pct")
    r = reconcile(doc.result())
    inc = next(f for f in r.findings if f.rule == "change_pct")
    assert (inc.kind, inc.severity) == ("change", "material")
    assert inc.culprit is not None and inc.culprit.measure == "change_pct" and inc.culprit.suggested == D("25")
    assert checks(r, "change_pct:expenditure.total@all")[0].status == "passed"
    assert checks(r, "change:income.total")[0].status == "not_run"  # prior not stated


def test_bound_part_le_whole_and_scope_nesting() -> None:
    doc = Doc()
    doc.fact("procurement.total", "10.00")
    doc.fact("procurement.sme", "12.00")
    doc.fact("expenditure.total", "82.16", scope="fiscal")
    doc.fact("expenditure.total", "84.25", scope="general_public_budget")
    r = reconcile(doc.result())
    sme = next(f for f in r.findings if f.rule == "procurement.sme<=total")
    assert (sme.kind, sme.severity, sme.stated) == ("bound", "material", D("12.00"))
    assert "超过" in sme.message
    fiscal = next(f for f in r.findings if f.rule == "fiscal=gpb+fund+capital")
    assert fiscal.kind == "sum" and "超过" in fiscal.message  # fund / capital not stated: fiscal ≥ gpb only


def test_staff_parts_never_exceed_the_total() -> None:
    doc = Doc()
    doc.fact("staff.in_service", "22")
    doc.fact("staff.administrative", "8")
    doc.fact("staff.institutional", "15")
    r = reconcile(doc.result())
    f = material(r)[0]
    assert (f.kind, f.rule) == ("bound", "staff.in_service>=admin+institutional")


def test_conflict_is_settled_by_the_arithmetic() -> None:
    doc = Doc()
    doc.fact("expenditure.total", "358.52")
    doc.fact("expenditure.basic", "311.20")
    doc.fact("expenditure.basic", "358.52")  # 基本支出总资金358.52万元 (that is the total)
    doc.fact("expenditure.project", "47.32")
    doc.fact("expenditure.personnel", "302.92")
    doc.fact("expenditure.public", "8.28")
    doc.fact("expenditure.basic", "311.20")  # stated again elsewhere: an agreeing duplicate
    r = reconcile(doc.result())
    assert len(material(r)) == 1
    conflict = material(r)[0]
    assert conflict.kind == "conflict" and conflict.culprit is not None
    assert (conflict.culprit.concept, conflict.culprit.value, conflict.culprit.suggested) == (
        "expenditure.basic",
        D("358.52"),
        D("311.20"),
    )
    assert len(conflict.facts) == 3 and not conflict.undetermined
    # the checks run with the settled value: nothing else is reported
    assert checks(r, "expenditure.basic=personnel+public@all:actual")[0].status == "passed"


def test_agreeing_duplicate_is_no_finding_and_unsettled_conflict_is_undetermined() -> None:
    doc = Doc()
    doc.fact("assets.total", "33.58")
    doc.fact("assets.total", "33.580")
    doc.fact("org.internal_units", "12")
    doc.fact("org.internal_units", "11")
    r = reconcile(doc.result())
    assert [c.status for c in checks(r, "conflict:fact/assets.total")] == ["passed"]
    (f,) = r.findings
    assert f.kind == "conflict" and f.undetermined and f.culprit is None


def test_not_run_is_recorded_never_passed() -> None:
    doc = Doc()
    doc.fact("expenditure.project", "173.8", "rate")
    doc.fact("expenditure.project", "47.32")
    r = reconcile(doc.result())
    (rate,) = checks(r, "rate:expenditure.project")
    assert rate.status == "not_run" and "expenditure.project@all:budget" in (rate.reason or "")
    assert r.findings == ()


def test_finding_ids_are_stable_across_values() -> None:
    def run(basic: str) -> Finding:
        doc = Doc()
        doc.fact("expenditure.basic", basic)
        doc.fact("expenditure.personnel", "302.92")
        doc.fact("expenditure.public", "8.28")
        (f,) = material(reconcile(doc.result()))
        return f

    a, b = run("300.00"), run("320.00")
    assert a.id == b.id and len(a.id) == 12


def test_reconcile_replaces_previous_findings() -> None:
    doc = Doc()
    doc.fact("expenditure.basic", "300.00")
    doc.fact("expenditure.personnel", "302.92")
    doc.fact("expenditure.public", "8.28")
    once = reconcile(doc.result())
    twice = reconcile(once)
    assert [f.id for f in twice.findings] == [f.id for f in once.findings]
    assert len(twice.checks) == len(once.checks)


def test_every_statement_of_a_conflicting_figure_that_breaks_a_relation_is_reported() -> None:
    doc = Doc()
    doc.fact("income.total", "93.93")
    doc.fact("income.total", "19.08", "change")
    doc.fact("income.total", "21", "change_pct")  # 一: 增加21%
    doc.fact("income.total", "16", "change_pct")  # 二: 上升16%   (19.08/74.85 = 25.5%)
    r = reconcile(doc.result())
    conflict = [f for f in r.findings if f.kind == "conflict"]
    assert len(conflict) == 1 and conflict[0].undetermined  # neither value fits
    change = [f for f in r.findings if f.kind == "change"]
    assert sorted(f.stated for f in change) == [D(16), D(21)]
    assert len({f.id for f in change}) == 2
    for f in change:
        assert f.culprit is not None and f.culprit.value == f.stated and f.culprit.suggested == D(25)


def test_a_profile_is_data_alternative_wholes_and_unchecked_relations() -> None:
    from extractor.reconcile import Profile
    from extractor.reconcile.profiles import ShareWhole

    profile = Profile(
        id="test",
        share_wholes=(ShareWhole("expenditure.personnel", ("expenditure.total@{scope}", "expenditure.basic@{scope}")),),
        unchecked=(("expenditure.function=items", "no hierarchy"),),
    )
    doc = Doc()
    doc.fact("expenditure.total", "358.52")
    doc.fact("expenditure.basic", "311.20")
    doc.fact("expenditure.personnel", "302.92")
    doc.fact("expenditure.personnel", "97.34", "share")  # of basic, not of the total: one reading fits
    doc.fact("expenditure.function", "358.52", label="一般公共服务支出")
    doc.fact("expenditure.function_item", "300.00", label="行政运行")
    r = reconcile(doc.result(), profile)
    share = {c.rule: c.status for c in checks(r, "share:")}
    assert sorted(share.values()) == ["not_run", "passed"]
    assert r.findings == ()
    assert [c.status for c in checks(r, "expenditure.function=items")] == ["not_run"]
    # the default profile reads the share as of the total, and finds it wrong
    assert [f.rule for f in material(reconcile(doc.result()))] == ["share"]


def test_carryover_without_surplus_distribution_bounds_the_closing_balance() -> None:
    """结余分配 unstated: closing ≤ opening + income − spending still holds, and settles a conflict."""
    doc = Doc()
    doc.fact("carryover.opening", "30.00")
    doc.fact("income.total", "500.00")
    doc.fact("expenditure.total", "480.00")
    doc.fact("carryover.closing", "50.00")
    doc.fact("carryover.closing", "58.00")  # stated again, differently: exceeds what the identity allows
    r = reconcile(doc.result())
    statuses = {c.rule: c.status for c in r.checks}
    assert statuses["carryover.closing@all:actual"] == "passed"
    conflict = next(f for f in r.findings if f.kind == "conflict")
    assert conflict.culprit is not None and conflict.culprit.value == D("58.00")
    assert not conflict.undetermined


def test_carryover_bound_fails_when_the_closing_balance_is_too_large() -> None:
    doc = Doc()
    doc.fact("carryover.opening", "30.00")
    doc.fact("income.total", "500.00")
    doc.fact("expenditure.total", "480.00")
    doc.fact("carryover.closing", "80.00")  # at most 50.00 even with no 结余分配
    r = reconcile(doc.result())
    f = next(f for f in r.findings if f.rule == "carryover.closing")
    assert (f.kind, f.severity) == ("sum", "material")


def test_an_item_name_coded_under_two_classes_is_no_conflict_and_needs_its_code_to_be_checked() -> None:
    doc = Doc()
    a = doc.fact("expenditure.function_item", "903.85", "budget", label="行政运行")
    b = doc.fact("expenditure.function_item", "4965.28", "budget", label="行政运行")
    doc.facts[0] = a.model_copy(update={"code": "2014001"})
    doc.facts[1] = b.model_copy(update={"code": "2011301"})
    doc.fact("expenditure.function_item", "120.00", "budget", label="行政运行")  # prose, no code: which one?
    doc.fact("expenditure.function_item", "130.00", "budget", label="行政运行")  # another, of another class
    assert not [f for f in material(reconcile(doc.result())) if f.kind == "conflict"]
    doc.facts[1] = b.model_copy(update={"code": "2014001"})  # one class stated twice: a real conflict
    assert [f for f in material(reconcile(doc.result())) if f.kind == "conflict"]


def test_a_budget_checks_its_shares_and_changes_on_the_budgeted_figures() -> None:
    doc = Doc()  # a 部门预算 states budgets: shares and changes are of the budget year's figures
    doc.fact("expenditure.total", "99230.46", "budget")
    doc.fact("expenditure.personnel", "58486.35", "budget")
    doc.fact("expenditure.personnel", "59.0", "share")  # 58.94%: not 59.0
    doc.fact("income.total", "6256.31", "budget")
    doc.fact("income.total", "-336.67", "change")
    doc.fact("income.total", "-5.0", "change_pct")  # -336.67/6592.98 = -5.1%
    r = reconcile(doc.result())
    assert {f.rule for f in material(r)} == {"share", "change_pct"}
    ok = Doc()
    ok.fact("income.total", "6256.31", "budget")
    ok.fact("income.total", "-336.67", "change")
    ok.fact("income.total", "-5.1", "change_pct")
    assert material(reconcile(ok.result())) == []


def test_a_class_bounds_the_rows_its_code_heads() -> None:
    doc = Doc()  # 基本支出表: 301 工资福利支出 911.21 over 款 summing to 920.96
    doc.fact("expenditure.economic", "911.21", "budget", label="工资福利支出", code="301", table=True)
    for code, name, v in (("30101", "基本工资", "600.00"), ("30102", "津贴补贴", "320.96")):
        doc.fact("expenditure.economic", v, "budget", label=name, code=code, table=True)
    doc.fact("expenditure.economic", "50.00", "budget", label="办公费", code="30201", table=True)  # another class
    (f,) = material(reconcile(doc.result()))
    assert (f.kind, f.rule) == ("sum", "class>=Σcodes") and len(f.facts) == 3
    short = Doc()  # a row the reader missed leaves the class above its rows: no finding
    short.fact("expenditure.economic", "911.21", "budget", label="工资福利支出", code="301", table=True)
    short.fact("expenditure.economic", "600.00", "budget", label="基本工资", code="30101", table=True)
    assert material(reconcile(short.result())) == []


def test_a_class_restarting_in_a_cross_classified_table_ends_its_rows() -> None:
    doc = Doc()  # 301 under 机关 (501), its 款, then the 款 of 301 under 事业单位 (505) with lower codes
    doc.fact("expenditure.economic", "408.13", "budget", label="工资福利支出", code="301", table=True)
    doc.fact("expenditure.economic", "101.65", "budget", label="基本工资", code="30101", table=True)
    doc.fact("expenditure.economic", "306.48", "budget", label="住房公积金", code="30113", table=True)
    doc.fact("expenditure.economic", "162.35", "budget", label="绩效工资", code="30107", table=True)
    r = reconcile(doc.result())
    assert material(r) == [] and [c.status for c in r.checks if c.rule.startswith("code_sum")] == ["passed"]


def test_classes_short_of_their_total_by_more_than_any_of_them_are_a_partial_listing() -> None:
    def run(*classes: str) -> list[CheckRecord]:
        doc = Doc()
        doc.fact("expenditure.total", "1000.00", "budget")
        for i, v in enumerate(classes):
            doc.fact("expenditure.function", v, "budget", label=f"第{i}类支出")
        r = reconcile(doc.result())
        assert not [f for f in material(r) if f.rule.startswith("expenditure.total=function_classes")]
        return checks(r, "expenditure.total=function_classes")

    # 行政运行 …, 社会保障和就业支出 40, 住房保障支出 35: the list names two classes among its items
    (partial,) = run("40.00", "35.00")
    assert partial.kind == "bound" and partial.status == "passed"
    # the classes all but add up, one slipped: a finding, the equation still holds the list whole
    doc = Doc()
    doc.fact("expenditure.total", "1000.00", "budget")
    doc.fact("expenditure.function", "600.00", "budget", label="一般公共服务支出")
    doc.fact("expenditure.function", "390.00", "budget", label="住房保障支出")
    (slip,) = [f for f in material(reconcile(doc.result())) if f.rule == "expenditure.total=function_classes"]
    assert slip.kind == "sum"


def test_a_class_halved_by_a_slip_is_still_found_not_taken_for_a_partial_listing() -> None:
    doc = Doc()  # 6.01 + 23.99 = 30.00, the second written 11.99: the gap (12.00) exceeds every class
    doc.fact("expenditure.total", "30.00")
    doc.fact("expenditure.function", "6.01", label="一般公共服务支出")
    doc.fact("expenditure.function", "11.99", label="社会保障和就业支出")
    (f,) = [f for f in material(reconcile(doc.result())) if f.rule == "expenditure.total=function_classes"]
    assert f.kind == "sum"
