"""Every serialization of a table gives the same facts, projects and indicators.

Tables: a few synthetic forms (money, projects, indicators) and, per labelled document of
the evaluation sets, a form built from its gold facts (the label and figure of every gold
quote that is "label figure", under 预算数 / 决算数 as its measure says). Each is written in
every serialization of :mod:`tests.backends.rules.renderings` and read by the rules backend.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from extractor.backends.rules import RulesBackend
from extractor.backends.rules.classified import read_classified
from extractor.backends.rules.grids import table_rows
from extractor.document import Document, TextBuilder, build_document
from extractor.ingest import read_bytes
from extractor.settings import Settings
from tests.backends.rules.renderings import SERIALIZATIONS, Table, render

ROOT = Path(__file__).resolve().parents[3]
FORMS: dict[str, Table] = {
    "money": [
        ["项目", "预算数", "决算数"],
        ["本年收入合计", "120.00", "118.50"],
        ["财政拨款收入", "100.00", "99.00"],
        ["本年支出合计", "120.00", "117.30"],
        ["基本支出", "80.00", "78.40"],
        ["项目支出", "40.00", "38.90"],
    ],
    "projects": [
        ["项目名称", "预算数", "执行数", "执行率"],
        ["设备购置", "20.00", "19.50", "97.50%"],
        ["信息化建设", "20.00", "19.40", "97.00%"],
        ["合计", "40.00", "38.90", "97.25%"],
    ],
    "years": [
        ["项目", "2021年决算数", "2022年预算数", "2022年决算数"],
        ["本年支出合计", "110.00", "120.00", "117.30"],
        ["基本支出", "70.00", "80.00", "78.40"],
        ["项目支出", "40.00", "40.00", "38.90"],
    ],
    "indicators": [
        ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分"],
        ["产出指标", "数量指标", "培训人次", "10", "≥100人次", "120人次", "10"],
        ["产出指标", "质量指标", "培训合格率", "5", "≥90%", "95%", "5"],
    ],
}
_LABELLED = re.compile(r"(?P<label>\S*[^\d\s.,-])\s*(?P<figure>-?\d[\d,]*(?:\.\d+)?)")
_COLUMN = {"budget": "预算数", "actual": "决算数"}


def _gold_forms() -> dict[str, Table]:
    forms: dict[str, Table] = {}
    for path in sorted(ROOT.glob("eval/*/gold/*.json")):
        rows: dict[str, dict[str, str]] = {}
        for fact in json.loads(path.read_text(encoding="utf-8")).get("facts", []):
            m = _LABELLED.fullmatch(fact.get("quote", ""))
            if m and fact.get("measure") in _COLUMN and len(rows) < 12:
                rows.setdefault(m["label"], {}).setdefault(fact["measure"], m["figure"])
        columns = [k for k in _COLUMN if any(k in r for r in rows.values())]
        if len(rows) >= 3:
            forms[f"{path.parent.parent.name}/{path.stem}"] = [
                ["项目", *(_COLUMN[k] for k in columns)],
                *([label, *(r.get(k, "0.00") for k in columns)] for label, r in rows.items()),
            ]
    return forms


TABLES = {**FORMS, **_gold_forms()}
NOT_YET: set[str] = set()
"""Serializations not read yet; with the (form, serialization) pairs in ``GAPS`` they are
expected to fail, strictly: a fix that makes one pass must strike it here."""
GAPS: set[tuple[str, str]] = set()


def _cases() -> list[object]:
    return [
        pytest.param(
            form,
            how,
            id=f"{form}-{how}",
            marks=[pytest.mark.xfail(strict=True, reason=f"{how} does not read {form} yet")]
            if how in NOT_YET or (form, how) in GAPS
            else [],
        )
        for form in sorted(TABLES)
        for how in SERIALIZATIONS
        if how != "tabs"
    ]


@cache
def reading(form: str, how: str) -> tuple[list[tuple[str, ...]], ...]:
    name, data = render(TABLES[form], how)
    ex = RulesBackend().extract(read_bytes(data, name, Settings()))
    return (
        sorted((f.concept, f.measure, f.period, f.scope, f.label or "", str(f.value)) for f in ex.facts),
        sorted((p.name, str(p.is_total), str(p.budget), str(p.actual), str(p.rate)) for p in ex.projects),
        sorted((i.level2 or "", i.name, str(i.weight), str(i.score)) for i in ex.indicators),
    )


def test_the_gold_gives_tables_to_render() -> None:
    assert len(TABLES) > len(FORMS) + 5
    assert all(any(reading(form, "tabs")) for form in FORMS)


@pytest.mark.parametrize(("form", "how"), _cases())
def test_every_serialization_gives_the_facts_tab_rows_give(form: str, how: str) -> None:
    assert reading(form, how) == reading(form, "tabs")


def test_pipes_and_space_runs_separate_cells_and_a_markdown_rule_is_no_row() -> None:
    doc = build_document("t.txt", "| 项目 | 金额 |\n|---|:---:|\n| 合计 |  |\n项目名称    预算数\n合  计\n")
    rows = [[c.text for c in r.cells] for table in table_rows(doc) for r in table]
    assert rows == [["项目", "金额"], ["合计", ""], ["项目名称", "预算数"], ["合  计"]]


def test_html_cells_keep_their_spans_and_columns() -> None:
    text = (
        '<table><tr><th colspan="2">项目</th><th>预算数</th></tr>\n'
        "<tr><td>1</td><td>基本<br>支出</td><td> 80.00 </td></tr></table>"
    )
    doc = build_document("t.txt", text)
    (table,) = list(table_rows(doc))
    assert [[(c.text, c.col) for c in r.cells] for r in table] == [
        [("项目", 0), ("预算数", 2)],
        [("1", 0), ("基本 支出", 1), ("80.00", 2)],
    ]
    cell = table[1].cells[2]
    assert doc.text[cell.start : cell.end] == "80.00"


def test_a_form_flattened_onto_one_line_is_cut_into_cells_and_a_sentence_is_not() -> None:
    form = build_document("t.txt", "项目 预算数 决算数 基本支出 80.00 78.40 项目支出 40.00 38.90\n")
    assert [c.text for table in table_rows(form) for r in table for c in r.cells][:4] == [
        "项目",
        "预算数",
        "决算数",
        "基本支出",
    ]
    sentence = build_document("t.txt", "2022 年预算数 120.00 万元，决算数 117.30 万元，执行率 97.75%。\n")
    assert list(table_rows(sentence)) == []


def _continued_doc(second: list[list[str]], caption: str | None = None) -> Document:
    b = TextBuilder()
    b.start_page(1)
    b.paragraph("一般公共预算支出表")
    b.paragraph("单位：万元")
    first = [["科目编码", "科目名称", "合计"], ["201", "一般公共服务支出", "30.00"], ["20101", "人大事务", "30.00"]]
    b.table(first, spans=[[(1, 1)] * 3 for _ in first])
    b.paragraph("7")  # the page number
    b.start_page(2)
    if caption:
        b.paragraph(caption)
    b.table(second, spans=[[(1, 1)] * len(r) for r in second])
    return b.build("t")


def _texts(doc: Document) -> list[list[list[tuple[str, int]]]]:
    """The grid tables (text lines outside them are read as text rows, col -1: left out here)."""
    tables = [[[(c.text, c.col) for c in r.cells] for r in table] for table in table_rows(doc)]
    return [t for t in tables if t[0][0][1] >= 0]


def test_a_continued_table_is_one_table_its_repeated_header_dropped() -> None:
    second = [["科目编码", "科目名称", "合计"], ["208", "社会保障和就业支出", "5.00"]]
    for caption in (None, "续表", "表5（续）"):
        (table,) = _texts(_continued_doc(second, caption))
        assert [r[0][0] for r in table] == ["科目编码", "201", "20101", "208"]


def test_a_continuation_whose_grid_has_an_empty_sliver_column_keeps_the_columns_of_the_first_part() -> None:
    second = [["208", "社会保障和就业支出", "", "5.00"]]  # the ruling cuts an empty column
    (table,) = _texts(_continued_doc(second))
    assert table[-1] == [("208", 0), ("社会保障和就业支出", 1), ("5.00", 2)]
    # the first part's title and unit apply to the continuation
    got = {(f.label, f.scope): f.value for f in read_classified(_continued_doc(second), "budget")}
    assert got[("社会保障和就业支出", "general_public_budget")] == Decimal("5.00")


def test_a_block_of_another_width_with_text_in_every_column_is_another_table() -> None:
    second = [["项目", "预算数", "决算数", "执行率"], ["培训", "5.00", "4.00", "80%"]]
    assert len(_texts(_continued_doc(second))) == 2


def test_year_named_columns_give_each_figure_its_measure_and_period() -> None:
    facts = reading("years", "tabs")[0]
    got = {(c, m, p, v) for c, m, p, _, _, v in facts}
    assert ("expenditure.total", "actual", "prior", "110.00") in got
    assert ("expenditure.total", "budget", "current", "120.00") in got
    assert ("expenditure.total", "actual", "current", "117.30") in got
    assert ("expenditure.basic", "actual", "prior", "70.00") in got
