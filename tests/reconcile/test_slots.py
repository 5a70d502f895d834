"""Which stated figures are statements of one key, and which are rows of their own.

A conflict is two different numbers for one key; a report's tables repeat names and codes
that are *not* one key (a 项 name under every 款, a code under two classes of a
cross-classified table, an economic class in two tables of different coverage)."""

from __future__ import annotations

from extractor.reconcile import reconcile
from extractor.reconcile.slots import build_book
from extractor.result import Finding, Result
from tests.reconcile.build import Doc


def conflicts(r: Result) -> list[Finding]:
    return [f for f in r.findings if f.kind == "conflict" and f.severity == "material"]


def test_prose_against_its_table_row_is_a_conflict_with_both_evidences() -> None:
    doc = Doc()
    doc.fact("expenditure.economic", "2036.8125", "budget", label="工资福利支出", code="301", table=True)
    doc.fact("expenditure.economic", "2036.82", "budget", label="工资福利支出")
    (f,) = conflicts(reconcile(doc.result()))
    assert len(f.facts) == 2 and all(ff.evidence is not None for ff in f.facts)


def test_one_key_under_two_codes_is_two_rows() -> None:
    doc = Doc()  # 部门 and 政府 economic classification of one table: 302 and 502
    doc.fact("expenditure.public", "3092.07", "budget", code="302", table=True)
    doc.fact("expenditure.public", "2528.02", "budget", code="502", table=True)
    doc.fact("expenditure.public", "2000.00", "budget")  # which of the two? left out
    r = reconcile(doc.result())
    assert conflicts(r) == []
    assert sum(k[1] == "expenditure.public" for k in build_book(doc.result()).slots) == 2


def test_table_rows_repeating_a_code_are_rows_not_statements() -> None:
    doc = Doc()  # a cross-classified table: 302 under 机关 (502) and under 事业单位 (505)
    doc.fact("expenditure.economic", "133.02", "budget", label="商品和服务支出", code="302", table=True)
    doc.fact("expenditure.economic", "46.55", "budget", label="商品和服务支出", code="302", table=True)
    assert conflicts(reconcile(doc.result())) == []
    # …while one table row stated twice with two values in the prose is still a conflict
    doc.fact("expenditure.economic", "911.21", "budget", label="工资福利支出", code="301", table=True)
    doc.fact("expenditure.economic", "920.96", "budget", label="工资福利支出")
    (f,) = conflicts(reconcile(doc.result()))
    assert sorted(str(ff.value) for ff in f.facts) == ["911.21", "920.96"]


def test_uncoded_item_names_recur_under_classes() -> None:
    doc = Doc()  # 行政运行 under three 款, the prose giving no code
    for v in ("8553.80", "48375.27", "3901.76"):
        doc.fact("expenditure.function_item", v, "budget", label="行政运行", scope="general_public_budget")
    assert conflicts(reconcile(doc.result())) == []


def test_a_labelled_concept_without_label_or_with_a_foreign_code_is_no_key() -> None:
    doc = Doc()
    doc.fact("expenditure.function", "5.50", "budget", table=True)
    doc.fact("expenditure.function", "132.89", "budget", table=True)
    doc.fact("expenditure.function", "194.89", "budget", label="社会保障和就业支出", code="208", table=True)
    doc.fact("expenditure.function", "1.42", "budget", label="社会保障和就业支出", code="2089999")
    r = reconcile(doc.result())
    assert conflicts(r) == []
    assert [k for k in build_book(doc.result()).slots if k[1] == "expenditure.function"] == [
        ("fact", "expenditure.function", "budget", "current", "all", "社会保障和就业支出")
    ]


def test_a_zero_implied_by_words_does_not_contradict_a_written_figure() -> None:
    doc = Doc()
    doc.fact("expenditure.project", "37.16", "change")
    doc.fact("expenditure.project", "0", "change", quote="与上年基本持平")
    assert conflicts(reconcile(doc.result())) == []
    alone = Doc()
    alone.fact("three_public.overseas", "0", quote="无因公出国(境)费")
    assert len(build_book(alone.result()).slots) == 1  # alone, it is the report's statement


def test_a_total_row_sums_the_rows_of_its_own_table() -> None:
    doc = Doc()
    doc.project("合计", is_total=True, budget="6039.00", page=24)
    doc.project("公车统管费用", budget="5.00", page=24)
    doc.project("运行维护资金", budget="6000.00", page=24)
    doc.project("工作经费", budget="33.00", page=24)
    doc.project("公车统管费用", budget="1.00", page=24)  # the same name again: a row of its own
    doc.project("其中:(1)公务用车购置费", budget="0.00", page=29)  # another table, pages later
    r = reconcile(doc.result())
    (chk,) = [c for c in r.checks if c.rule.startswith("projects.sum:budget")]
    assert chk.status == "passed"
    doc.project("合计", is_total=True, budget="99.00", page=30)
    r = reconcile(doc.result())
    failed = [c for c in r.checks if c.rule.startswith("projects.sum:budget") and c.status == "failed"]
    assert len(failed) == 1  # 99 ≠ 0.00: the row above it, not the first table's rows


def test_two_projects_of_one_name_are_two_slots_and_no_conflict() -> None:
    doc = Doc()
    doc.project("合计", is_total=True, budget="30")
    doc.project("日常运行", budget="10")
    doc.project("日常运行", budget="20")
    book = build_book(doc.result())
    assert book.projects == ["日常运行", "日常运行#2"]
    r = reconcile(doc.result())
    assert not [f for f in r.findings if f.severity == "material"]
    assert {c.status for c in r.checks if c.rule.startswith("projects.sum")} == {"passed"}


def test_kinds_of_staff_are_counted_apart() -> None:
    doc = Doc()  # 聘用人员3人，派遣人员2人，公益性岗位1人: three numbers of three kinds
    doc.fact("staff.other", "3", quote="聘用人员3人")
    doc.fact("staff.other", "2", quote="聘用人员3人，派遣人员2人")
    doc.fact("staff.other", "1", quote="公益性岗位1人")
    assert conflicts(reconcile(doc.result())) == []
    # …while one kind written twice with two values still is a conflict
    doc.fact("staff.other", "4", quote="劳务派遣人员4人")
    (f,) = conflicts(reconcile(doc.result()))
    assert sorted(str(ff.value) for ff in f.facts) == ["2", "4"]


def test_one_kind_of_staff_keeps_the_plain_key() -> None:
    doc = Doc()  # a report that writes one kind only: the in-service bound still reads it
    doc.fact("staff.in_service", "10", quote="在职人员10人")
    doc.fact("staff.on_establishment", "8", quote="在编人员8人")
    doc.fact("staff.other", "5", quote="编外人员5人")
    (f,) = [f for f in reconcile(doc.result()).findings if f.kind == "bound" and f.severity == "material"]
    assert {ff.concept for ff in f.facts} >= {"staff.other", "staff.in_service"}


def test_a_restating_row_is_compared_with_the_project_it_restates() -> None:
    def run(restates: bool) -> list[Finding]:
        doc = Doc()
        doc.project("设备维护", budget="20.00", page=1)
        doc.project("日常运行", budget="10.00", page=1)
        doc.project("合计", budget="30.00", page=1, is_total=True)
        # the 绩效目标表 on the next page: the same name again, the same table run as far as pages go
        again = doc.project("设备维护", budget="17.5", page=2)
        doc.projects[-1] = again.model_copy(update={"restates": restates})
        return conflicts(reconcile(doc.result()))

    (f,) = run(True)
    assert sorted(str(ff.value) for ff in f.facts) == ["17.5", "20.00"]
    assert run(False) == [], "unflagged, a second row of a name is another project (设备维护#2)"
