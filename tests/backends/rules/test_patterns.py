"""Each cue pattern on sentences written for the test (not copied from the samples)."""

from __future__ import annotations

import pytest

from extractor.backends.rules import patterns
from extractor.backends.rules.lexicon import find_terms


@pytest.mark.parametrize(
    ("lead", "unit", "before", "expected"),
    [
        ("年初预算为", "万元", "", ("budget", False, "current")),
        ("万元，决算数为", "万元", "", ("actual", False, "current")),
        ("，占", "%", "", ("share", False, "current")),
        ("，占支出总额的", "%", "", ("share", False, "current")),
        ("，执行率为", "%", "", ("rate", False, "current")),
        ("，完成年初预算的", "%", "", ("rate", False, "current")),
        ("，比上年减少", "万元", "", ("change", True, "current")),
        ("，比上年减少3万元，下降", "%", "", ("change_pct", True, "current")),
        ("增长", "%", "与2021年度相比，", ("change_pct", False, "current")),
        ("，较上年决算数增加", "万元", "", ("change", False, "current")),
        ("，较预算支出减少", "万元", "", ("vs_budget", True, "current")),
        ("，比年初预算增加", "万元", "", ("vs_budget", False, "current")),
        ("，上年决算数为", "万元", "", ("actual", False, "prior")),
        ("全年预算执行数", "万元", "", ("actual", False, "current")),
        ("一般公共预算财政拨款收入", "万元", "", ("actual", False, "current")),
    ],
)
def test_classify_measures(lead: str, unit: str, before: str, expected: tuple[str, bool, str]) -> None:
    m = patterns.classify(lead, unit, sentence_before=before + lead)
    assert m is not None
    assert (m.measure, m.negative, m.period) == expected


def test_percent_against_the_budget_is_no_catalogue_measure() -> None:
    assert patterns.classify("，上升", "%", sentence_before="经费支出50万元，比年初预算数减少10万元，上升") is None


def test_a_bare_percent_without_cue_is_left_out() -> None:
    assert patterns.classify("，为", "%", sentence_before="达到标准，为") is None


@pytest.mark.parametrize(
    ("before", "target"), [("≥", True), (">=", True), ("不低于", True), ("为", False), ("", False)]
)
def test_targets_are_recognised(before: str, target: bool) -> None:
    assert patterns.is_target("指标" + before) is target


@pytest.mark.parametrize(
    ("before", "after", "bound"),
    [
        ("购置单价", "以上的设备2台", True),
        ("单位价值 ", "（含）以上设备", True),
        ("安排购置", "以下的办公设备", True),
        ("支出预算", "，比上年增加", False),
        ("价值链项目", "，主要用于", False),
    ],
)
def test_bounds_on_a_class_of_things(before: str, after: str, bound: bool) -> None:
    assert patterns.is_bound(before, after) is bound


@pytest.mark.parametrize(
    ("text", "unit"),
    [("支出1,234.5万元", "万元"), ("共12名", "名"), ("占8.5%", "%"), ("增加300元", "元"), ("合计2.1亿元", "亿元")],
)
def test_unit_numbers(text: str, unit: str) -> None:
    m = patterns.UNIT_NUMBER.search(text)
    assert m is not None and m.group("unit") == unit


def test_unit_numbers_skip_years_and_people_counts_in_wan() -> None:
    assert patterns.UNIT_NUMBER.search("2024年度") is None
    assert patterns.UNIT_NUMBER.search("服务3万人次") is None
    m0 = patterns.UNIT_NUMBER.search("服务300人次")
    assert m0 is not None and m0.group("unit") == "人次"  # found, and the scanner drops it
    m = patterns.UNIT_NUMBER.search("服务3万人")
    assert m is None or m.group("unit") != "万"


def test_noise_between_subject_and_number() -> None:
    assert not patterns.noisy("比上年度决算数增加")
    assert patterns.noisy("全面开展绩效评价工作，涉及十二个单位，共涉及资金")


@pytest.mark.parametrize(
    ("text", "concept", "scope"),
    [
        ("一般公共预算财政拨款支出", "expenditure.total", "general_public_budget"),
        ("政府性基金预算财政拨款收入", "income.total", "government_fund"),
        ("财政拨款收入", "income.total", "fiscal"),
        ("一般公共预算财政拨款基本支出", "expenditure.basic", "general_public_budget"),
        ("商品和服务支出", "expenditure.public", None),
        ("公务用车运行维护费", "three_public.vehicles_operation", None),
        ("公务用车购置及运行维护费", "three_public.vehicles", None),
        ("授予小微企业合同金额", "procurement.small_micro", None),
        ("年末结转和结余", "carryover.closing", None),
        ("使用非财政拨款结余", "non_fiscal_surplus_used", None),
        ("机关运行经费", "agency_operating_cost", None),
        ("实有在职人员", "staff.in_service", None),
    ],
)
def test_terms_name_their_concept_and_scope(text: str, concept: str, scope: str | None) -> None:
    terms = find_terms(text)
    assert [t.concept for t in terms] == [concept]
    assert terms[0].scope == scope


def test_function_classes_and_items_carry_their_labels() -> None:
    terms = find_terms("教育支出(类)普通教育(款)小学教育(项)")
    assert [(t.concept, t.label) for t in terms] == [
        ("expenditure.function", "教育支出"),
        ("expenditure.function_item", "小学教育"),
    ]
    assert [(t.concept, t.label) for t in find_terms("卫生健康支出30万元")] == [
        ("expenditure.function", "卫生健康支出")
    ]


# Lines with every cut a prefix can make: a cue cut in two (比2022|万元, 较预算|数), a scope
# name cut in two (一般公共|预算), comparisons early in the line and a budget one after them.
_COMPARISON_LINES = [
    "与上年相比，一般公共预算财政拨款支出增加12万元；较年初预算数减少3万元，比2022年增长5%",
    "经费支出50万元，比年初预算数减少10万元，上升3%，同比持平，政府性基金预算收入比 2023 年度多2万元",
    "较预算安排相比节约1万元，比上年决算数增加2万元，较上一年同期下降4%，与调整预算相比多支6万元",
    "支出合计358.52万元",
]


@pytest.mark.parametrize("line", _COMPARISON_LINES)
def test_line_comparisons_equal_reading_every_prefix(line: str) -> None:
    text = "前文。" + line + "\n后文比上年"
    start, end = 3, 3 + len(line)
    index = patterns.LineComparisons(text, start, end)
    for pos in range(start, end + 1):
        assert index.before(pos) == patterns.Comparison.of(text[start:pos]), text[start:pos]


def test_a_line_without_a_comparison_of_its_own_takes_the_one_it_is_given() -> None:
    given = patterns.Comparison(named=True, vs_budget=False)
    line = "支出预算减少6万元，较年初预算数减少1万元"
    index = patterns.LineComparisons(line, 0, len(line), given)
    assert index.before(line.index("6")) == given
    assert index.before(len(line)) == patterns.Comparison(named=True, vs_budget=True), "its own wins"
    assert patterns.LineComparisons(line, 0, len(line)).before(line.index("6")).named is False


def test_line_comparisons_on_a_long_line_read_in_stretches() -> None:
    line = "".join(_COMPARISON_LINES) * 40  # past the first stretch read (4096 characters)
    index = patterns.LineComparisons(line, 0, len(line))
    positions = [*range(0, len(line), 97), 4095, 4096, 4097, 8191, 8192, len(line)]
    for pos in positions:  # in increasing order, then back again
        assert index.before(pos) == patterns.Comparison.of(line[:pos])
    for pos in reversed(positions):
        assert index.before(pos) == patterns.Comparison.of(line[:pos])


def test_terms_of_a_long_line_are_the_terms_of_its_parts() -> None:
    part = "一般公共预算财政拨款支出30万元，其中基本支出20万元、教育支出(类)普通教育(款)小学教育(项)5万元。"
    one = [(t.concept, t.start, t.end) for t in find_terms(part)]
    assert len(one) >= 3
    many = [(t.concept, t.start, t.end) for t in find_terms(part * 200)]
    assert many == [(c, s + k * len(part), e + k * len(part)) for k in range(200) for c, s, e in one]


def test_names_other_reads_the_last_clause() -> None:
    assert patterns.names_other("，工会经费")
    assert not patterns.names_other("，比上年减少")
    assert not patterns.names_other("，其中一般公共预算")
    assert not patterns.names_other("，主要用于办公，同比减低")


def test_compared_with_last_year_is_not_against_the_budget() -> None:
    assert patterns.classify("和2025年相比预算减少", "万元").measure == "change"  # type: ignore[union-attr]
    assert patterns.classify("较预算减少", "万元").measure == "vs_budget"  # type: ignore[union-attr]


def test_the_whole_of_a_share_names_nothing_else() -> None:
    assert not patterns.names_other("，占政府采购支出总额的")


def test_last_years_budget_stated_as_a_figure_is_a_prior_budget() -> None:
    assert patterns.classify("(上年预算数为 ", "万元") == patterns.Measured("budget", period="prior")
    assert patterns.classify("比上年预算数增加", "万元", comparison=None).measure == "change"
