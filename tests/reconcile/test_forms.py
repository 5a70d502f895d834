"""Completeness: the mandated forms of a 部门预算, present, missing or empty (synthetic reports)."""

from __future__ import annotations

from extractor.ingest import read_bytes
from extractor.reconcile import MANDATED, reconcile
from extractor.result import Finding, Provenance, Result, SourceInfo
from extractor.settings import Settings

PROV = Provenance(backend="test", extractor_version="0", source=SourceInfo(format="txt", sha256="0", size_bytes=0))

FILLED = "单位:万元\n项目\t预算数\n合计\t120.50\n基本支出\t100.00\n"
EMPTY = "单位:万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n**\t**\t1\t2\t3\n合计\t0.00\t0.00\t0.00\n"
TITLES = (
    "收支总表",
    "收入总表",
    "支出总表",
    "财政拨款收支总表",
    "一般公共预算支出表",
    "一般公共预算基本支出表",
    "一般公共预算“三公”经费支出表",
    "政府性基金预算支出表",
)


def findings(text: str, kind: str = "department_budget") -> list[Finding]:
    doc = read_bytes(text.encode("utf-8"), "report.txt", Settings())
    r = reconcile(
        Result(document="report.txt", report_kind=kind, provenance=PROV),  # type: ignore[arg-type]
        document=doc,
    )
    return [f for f in r.findings if f.kind == "completeness"]


def report(tables: dict[str, str], prose: str = "") -> str:
    toc = "".join(f"{i}、{t}\n" for i, t in enumerate(TITLES, 1))  # a table of contents lists them all
    return (
        "第二部分 部门预算表\n"
        + toc
        + "".join(f"表{i}\n2026年{t}\n{body}\n" for i, (t, body) in enumerate(tables.items(), 1))
        + prose
    )


def test_every_form_published_gives_no_finding() -> None:
    assert findings(report(dict.fromkeys(TITLES, FILLED))) == []


def test_forms_worded_as_real_reports_word_them_are_found() -> None:
    worded = (
        "部门收支总体情况表",
        "收入预算总表",
        "本年支出总体情况表",
        "财政拨款收支预算总表",
        "一般公共预算拨款支出预算表",
        "一般公共预算基本支出经济分类情况表",
        "财政拨款安排的行政经费及“三公”经费预算表",
        "政府性基金预算支出情况表",
    )
    assert findings(report(dict.fromkeys(worded, FILLED))) == []


def test_a_form_listed_only_in_the_contents_is_missing() -> None:
    tables = dict.fromkeys(TITLES[1:], FILLED)
    got = findings(report(tables))
    assert [(f.rule, f.table) for f in got] == [("completeness.missing", "收支总表")]
    assert got[0].severity == "material" and "收支总表" in got[0].message


def test_an_empty_form_needs_the_statement_that_explains_it() -> None:
    tables = {**dict.fromkeys(TITLES[:-1], FILLED), TITLES[-1]: EMPTY}
    (f,) = findings(report(tables))
    assert (f.rule, f.table) == ("completeness.empty", "政府性基金预算支出表")
    assert f.evidence is not None and "政府性基金预算支出表" in f.evidence.quote
    explained = {**tables, TITLES[-1]: EMPTY + "注:本部门无政府性基金预算拨款安排的支出，故本表无数据。\n"}
    assert findings(report(explained)) == []
    in_prose = report(tables, "（四）政府性基金预算支出情况\n本部门无政府性基金预算收支。\n")
    assert findings(in_prose) == []


def test_a_form_the_report_says_it_has_none_of_may_be_left_out() -> None:
    tables = dict.fromkeys(TITLES[:-1], FILLED)
    assert [f.table for f in findings(report(tables))] == ["政府性基金预算支出表"]
    assert findings(report(tables, "本部门没有使用政府性基金预算拨款安排的支出。\n")) == []


def test_kinds_without_mandated_forms_are_not_checked() -> None:
    assert "department_performance_self_evaluation" not in MANDATED
    assert findings("一份自评报告\n", kind="department_performance_self_evaluation") == []


def test_a_text_layer_may_put_lines_between_a_title_and_its_table() -> None:
    tables = {t: "2026\n单位名称 某局 单位 万元\n: :\n" + FILLED for t in TITLES}
    assert findings(report(tables)) == []
