"""Units, decimals, signs and roles by code: planted cases of a model's answer that names
the right number for the wrong thing, in the wrong unit, or with the wrong sign.

No HTTP here: each case validates one answer item and grounds it against a text written
for the test (``ground_answer``), as the backend does after every request.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.backends.llm.convert import ground_answer
from extractor.backends.llm.schema import ALL_GROUPS, response_model_for
from extractor.chunk import Chunk
from extractor.document import build_document

TEXT = (
    "一、支出情况\n"
    "本年支出合计358.52万元，比上年减少0.40万元，其中:基本支出311.20万元，占86.80%;项目支出47.32万元。\n"
    "上年支出为300.00万元。年初预算为360.00万元，执行率99.59%。三公经费比上年增加1.20万元。\n"
    "2023年度收入合计400.00万元，比上年增长5.20%。\n"
    "表1 支出明细表\n"
    "单位：元\n"
    "项目\t预算数\t决算数\n"
    "公用经费\t123,400.00\t120,000.00\n"
    "表2 项目表\n"
    "项目名称\t预算数(万元)\t执行数(万元)\n"
    "困难职工帮扶\t9.67\t9.50\n"
)
DOC = build_document("r.txt", TEXT)
CHUNK = Chunk(index=0, start=0, end=len(TEXT), text=TEXT)
MODEL = response_model_for(ALL_GROUPS)

CASES = [
    # (case, item, kept as (measure, value, decimals) or None = dropped as wrong role)
    (
        "right role",
        dict(concept="expenditure.basic", value="311.20", quote="基本支出311.20万元"),
        ("actual", "311.20", 2),
    ),
    (
        "47.32 of 项目支出 offered as 基本支出",
        dict(concept="expenditure.basic", value="47.32", quote="项目支出47.32万元"),
        None,
    ),
    (
        "the whole sentence quoted, the wrong subject",
        dict(concept="expenditure.basic", value="47.32", quote="其中:基本支出311.20万元，占86.80%;项目支出47.32万元"),
        None,
    ),
    (
        "share of its subject",
        dict(concept="expenditure.basic", measure="share", value="86.80", quote="占86.80%"),
        ("share", "86.80", 2),
    ),
    (
        "unsigned 减少 is negative",
        dict(concept="expenditure.total", measure="change", value="0.40", quote="比上年减少0.40万元"),
        ("change", "-0.40", 2),
    ),
    (
        "增加 is positive whatever the model's sign",
        dict(concept="three_public.total", measure="change", value="-1.20", quote="三公经费比上年增加1.20万元"),
        ("change", "1.20", 2),
    ),
    (
        "a JSON number keeps the decimals written",
        dict(concept="expenditure.basic", value=311.2, quote="基本支出311.20万元"),
        ("actual", "311.20", 2),
    ),
    ("budget offered as actual", dict(concept="expenditure.total", value="360.00", quote="年初预算为360.00万元"), None),
    ("prior offered as current", dict(concept="expenditure.total", value="300.00", quote="上年支出为300.00万元"), None),
    (
        "prior as prior",
        dict(concept="expenditure.total", period="prior", value="300.00", quote="上年支出为300.00万元"),
        ("actual", "300.00", 2),
    ),
    (
        "rate offered as share",
        dict(concept="expenditure.total", measure="share", value="99.59", quote="执行率99.59%"),
        None,
    ),
    (
        "a year offered as an amount",
        dict(concept="income.total", value="2023", quote="2023年度收入合计400.00万元"),
        None,
    ),
    (
        "the amount after the year",
        dict(concept="income.total", value="400.00", quote="2023年度收入合计400.00万元"),
        ("actual", "400.00", 2),
    ),
    (
        "a percentage offered as an amount",
        dict(concept="income.total", measure="change", value="5.20", quote="收入合计400.00万元，比上年增长5.20%"),
        None,
    ),
    (
        "the percentage as a percentage",
        dict(concept="income.total", measure="change_pct", value="5.20", quote="收入合计400.00万元，比上年增长5.20%"),
        ("change_pct", "5.20", 2),
    ),
    (
        "an amount offered as a percentage",
        dict(concept="expenditure.total", measure="change_pct", value="0.40", quote="比上年减少0.40万元"),
        None,
    ),
    (
        "元 table read as 万元",
        dict(concept="expenditure.public", value="120,000.00", unit="万元", quote="公用经费\t123,400.00\t120,000.00"),
        ("actual", "12.000000", 6),
    ),
    (
        "元 table, budget column",
        dict(concept="expenditure.public", measure="budget", value="123400", quote="公用经费\t123,400.00\t120,000.00"),
        ("budget", "12.340000", 6),
    ),
    (
        "元 table, budget offered for the actual column",
        dict(concept="expenditure.public", measure="budget", value="120000", quote="公用经费\t123,400.00\t120,000.00"),
        None,
    ),
]


@pytest.mark.parametrize(("case", "item", "kept"), CASES, ids=[c[0] for c in CASES])
def test_planted_roles_units_and_signs(case, item, kept):
    g = ground_answer(DOC, CHUNK, MODEL.model_validate({"facts": [item]}))
    if kept is None:
        assert g.facts == [] and g.wrong_role == 1, case
        return
    assert g.wrong_role == 0 and g.dropped == 0, case
    (f,) = g.facts
    assert (f.measure, f.value, f.decimals) == (kept[0], Decimal(kept[1]), kept[2])
    assert str(f.value) == kept[1]
    assert DOC.text[f.evidence.start : f.evidence.end] == f.evidence.quote


def test_project_cells_take_the_unit_of_their_column_header_and_the_tables_unit_line():
    g = ground_answer(
        DOC,
        CHUNK,
        MODEL.model_validate(
            {
                "projects": [
                    {
                        "name": "困难职工帮扶",
                        "budget": "9.67",
                        "actual": "9.50",
                        "unit": "元",
                        "quote": "困难职工帮扶\t9.67\t9.50",
                    },
                    {
                        "name": "公用经费",
                        "budget": "123,400.00",
                        "actual": "120,000.00",
                        "quote": "公用经费\t123,400.00\t120,000.00",
                    },
                ]
            }
        ),
    )
    first, second = g.projects
    assert (first.budget, first.actual, first.decimals["budget"]) == (Decimal("9.67"), Decimal("9.50"), 2)
    assert (second.budget, second.actual, second.decimals["actual"]) == (Decimal("12.34"), Decimal("12"), 6)
    assert g.units_corrected == 2
