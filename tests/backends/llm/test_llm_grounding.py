"""Grounding model answers in code, and merging them across chunks (no HTTP here).

The texts are written for these tests; each case plants one way a model answer goes wrong.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.backends.llm.convert import ground_answer
from extractor.backends.llm.merge import merge_facts, merge_rows
from extractor.backends.llm.schema import ALL_GROUPS, response_model_for
from extractor.chunk import Chunk
from extractor.document import build_document
from extractor.result import Evidence, Fact, Project

TEXT = (
    "一、收支情况\n"
    "本年收入合计1,234,500元。本年支出合计412.60万元，比上年减少0.40万元。\n"
    "其中:一般公共服务支出(类)257.03万元。\n"
    "项目名称\t预算数\t执行数\t执行率\n"
    "困难职工帮扶\t9.67\t9.67\t100%\n"
    "一级指标\t二级指标\t三级指标\t指标值\t完成值\t分值\t得分\n"
    "产出指标\t数量指标\t帮扶人次\t≥500人次\t800人次\t3\t3\n"
    "二、其他\n"
    "资产总额88.00万元。\n"
)
DOC = build_document("g.txt", TEXT)
CUT = TEXT.index("二、其他")
CHUNK = Chunk(index=0, start=0, end=CUT, text=TEXT[:CUT])
MODEL = response_model_for(ALL_GROUPS)


def ground(**answer):
    return ground_answer(DOC, CHUNK, MODEL.model_validate(answer))


def one_fact(**kw):
    item = {"concept": "expenditure.total", "value": "412.60", "quote": "本年支出合计412.60万元", **kw}
    return ground(facts=[item])


@pytest.mark.parametrize(
    ("case", "item", "kept", "how"),
    [
        ("exact quote", {}, True, "exact"),
        ("full-width digits", {"quote": "本年支出合计４１２．６０万元"}, True, "normalised"),
        ("spaces inside", {"quote": "本年支出 合计 412.60 万元"}, True, "normalised"),
        ("one character off", {"quote": "本年支出总计412.60万元，比上年减少0.40万元"}, True, "fuzzy"),
        ("invented number", {"value": "413.60"}, False, None),
        ("quote not in text", {"quote": "本年支出合计500.00万元", "value": "500.00"}, False, None),
        (
            "quote only outside the chunk",
            {"concept": "assets.total", "quote": "资产总额88.00万元", "value": "88.00"},
            False,
            None,
        ),
    ],
)
def test_planted_cases(case, item, kept, how):
    g = one_fact(**item)
    assert (len(g.facts) == 1) is kept, case
    assert g.dropped == (0 if kept else 1)
    if kept:
        ev = g.facts[0].evidence
        assert DOC.text[ev.start : ev.end] == ev.quote, "offset invariant"
        assert ev.alignment == how
        assert "412.60" in ev.quote


def test_yuan_is_converted_to_wan_keeping_written_precision():
    g = ground(
        facts=[{"concept": "income.total", "value": "1,234,500", "unit": "元", "quote": "本年收入合计1,234,500元"}]
    )
    (f,) = g.facts
    assert f.value == Decimal("123.4500") and f.decimals == 4 and f.source_unit == "元" and f.unit == "万元"


def test_unit_written_in_the_text_wins_over_the_models():
    g = ground(
        facts=[{"concept": "income.total", "value": "1,234,500", "unit": "万元", "quote": "本年收入合计1,234,500元"}]
    )
    assert g.facts[0].value == Decimal("123.4500") and g.units_corrected == 1


def test_signed_change_and_stripped_label():
    g = ground(
        facts=[
            {"concept": "expenditure.total", "measure": "change", "value": "-0.40", "quote": "比上年减少0.40万元"},
            {
                "concept": "expenditure.function",
                "label": "一般公共服务支出(类)",
                "value": "257.03",
                "quote": "一般公共服务支出(类)257.03万元",
            },
        ]
    )
    change, function = g.facts
    assert change.value == Decimal("-0.40") and change.measure == "change"
    assert function.label == "一般公共服务支出"


def test_project_cells_get_distinct_spans_of_equal_numbers():
    g = ground(
        projects=[
            {
                "name": "困难职工帮扶",
                "budget": "9.67",
                "actual": "9.67",
                "rate": "100",
                "quote": "困难职工帮扶\t9.67\t9.67\t100%",
            }
        ]
    )
    (p,) = g.projects
    assert (p.budget, p.actual, p.rate) == (Decimal("9.67"), Decimal("9.67"), Decimal("100"))
    assert p.cells["budget"].start < p.cells["actual"].start < p.cells["rate"].start
    assert p.cells["rate"].quote == "100%"
    for ev in (p.evidence, *p.cells.values()):
        assert DOC.text[ev.start : ev.end] == ev.quote


def test_project_cell_not_in_its_row_is_dropped():
    g = ground(
        projects=[
            {"name": "困难职工帮扶", "budget": "9.67", "actual": "8.50", "quote": "困难职工帮扶\t9.67\t9.67\t100%"}
        ]
    )
    (p,) = g.projects
    assert p.budget == Decimal("9.67") and p.actual is None and g.dropped == 1


def test_project_whose_name_is_not_in_its_row_is_dropped():
    g = ground(projects=[{"name": "送温暖活动", "budget": "9.67", "quote": "困难职工帮扶\t9.67\t9.67\t100%"}])
    assert g.projects == [] and g.dropped == 1


def test_indicator_row_and_unfound_target():
    row = "产出指标\t数量指标\t帮扶人次\t≥500人次\t800人次\t3\t3"
    g = ground(
        indicators=[
            {
                "level1": "产出指标",
                "level2": "数量指标",
                "name": "帮扶人次",
                "weight": "3",
                "target": "≥500人次",
                "actual": "800人次",
                "score": "3",
                "quote": row,
            },
            {"name": "帮扶人次", "target": "≥600人次", "score": "3", "quote": row},
        ]
    )
    good, bad = g.indicators
    assert (good.weight, good.score, good.target, good.actual) == (Decimal(3), Decimal(3), "≥500人次", "800人次")
    assert bad.target is None and g.dropped == 1


def test_evaluation_and_metadata_need_their_text():
    text = "浏水县农技推广站2022年度部门整体支出绩效自评报告\n自评得分92.5分，评价等级为良。\n"
    doc = build_document("m.txt", text)
    chunk = Chunk(index=0, start=0, end=len(text), text=text)
    answer = MODEL.model_validate(
        {
            "evaluation": {"score": "92.5", "grade": "良", "quote": "自评得分92.5分，评价等级为良"},
            "metadata": {
                "org_name": "浏水县农技推广站",
                "fiscal_year": 2022,
                "report_kind": "department_performance_self_evaluation",
                "quote": "浏水县农技推广站2022年度部门整体支出绩效自评报告",
            },
        }
    )
    g = ground_answer(doc, chunk, answer)
    assert g.evaluation is not None and g.evaluation.score == Decimal("92.5") and g.evaluation.grade == "良"
    assert g.org_name == "浏水县农技推广站" and g.fiscal_year == 2022
    assert g.metadata_evidence["fiscal_year"].quote == "2022"
    wrong = MODEL.model_validate({"metadata": {"org_name": "别的单位", "fiscal_year": 2021, "quote": text[:20]}})
    g2 = ground_answer(doc, chunk, wrong)
    assert g2.org_name is None and g2.fiscal_year is None


# --------------------------------------------------------------------------- merge


def _ev(start: int, quote: str = "x") -> Evidence:
    return Evidence(quote=quote, start=start, end=start + len(quote))


def _fact(value: str, start: int, concept: str = "expenditure.total") -> Fact:
    return Fact(concept=concept, value=Decimal(value), evidence=_ev(start))


def test_duplicates_collapse_and_differing_values_are_all_kept():
    facts, dup = merge_facts([_fact("1.0", 50), _fact("1.0", 10), _fact("2.0", 30)])
    assert [(f.value, f.evidence.start) for f in facts] == [(Decimal("1.0"), 10), (Decimal("2.0"), 30)]
    assert dup == 1


def test_rows_split_across_chunks_are_rejoined_and_contradicting_rows_kept():
    first = Project(name="困难职工帮扶", budget=Decimal("9.67"), evidence=_ev(100), cells={"budget": _ev(110)})
    second = Project(
        name="困难 职工帮扶",
        actual=Decimal("9.50"),
        rate=Decimal("98.2"),
        evidence=_ev(120),
        cells={"actual": _ev(125), "rate": _ev(130)},
    )
    other = Project(name="困难职工帮扶", budget=Decimal("10.00"), evidence=_ev(300))
    rows, joined = merge_rows([second, other, first])
    assert joined == 1 and len(rows) == 2
    merged = rows[0]
    assert (merged.budget, merged.actual, merged.rate) == (Decimal("9.67"), Decimal("9.50"), Decimal("98.2"))
    assert set(merged.cells) == {"budget", "actual", "rate"}
    assert rows[1].budget == Decimal("10.00")
