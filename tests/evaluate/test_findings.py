"""Findings against gold's expected findings: optional ones, and completeness by the form named."""

from __future__ import annotations

from decimal import Decimal

from extractor.evaluate.findings import names_table, score_findings
from extractor.evaluate.gold import ExpectedFinding, Gold
from extractor.result import Finding, FindingFact, Provenance, Result, SourceInfo

PROV = Provenance(backend="test", extractor_version="0", source=SourceInfo(format="txt", sha256="0", size_bytes=0))


def result(*findings: Finding) -> Result:
    return Result(document="d.txt", findings=list(findings), provenance=PROV)


def missing(table: str) -> Finding:
    return Finding(
        id=table,
        kind="completeness",
        rule="completeness.missing",
        severity="material",
        facts=(),
        table=table,
        message=f"{table} missing",
    )


def test_a_form_is_named_by_its_name_not_as_the_tail_of_a_longer_one() -> None:
    assert names_table("收支总表 missing", "收支总表")
    assert names_table("“三公”经费支出表 missing", "“三公”经费支出表")
    assert names_table("政府性基金预算支出表 (表8, p13) is empty", "政府性基金预算支出表")
    assert not names_table("财政拨款收支总表 missing", "收支总表")
    assert not names_table("收入总表 missing", "支出总表")


def test_completeness_findings_pair_by_the_form_gold_names() -> None:
    gold = Gold(
        document="d.txt",
        expected_findings=[
            ExpectedFinding(kind="completeness", note="收支总表 missing"),
            ExpectedFinding(kind="completeness", note="财政拨款收支总表 missing"),
        ],
    )
    counts, _ = score_findings(gold, result(missing("收支总表"), missing("财政拨款收支总表")))
    assert (counts.expected, counts.recalled, counts.false_alarms) == (2, 2, 0)
    counts, _ = score_findings(gold, result(missing("收支总表"), missing("收入总表")))
    assert (counts.recalled, counts.false_alarms) == (1, 1)


def test_an_optional_expected_finding_neither_counts_nor_alarms() -> None:
    gold = Gold(
        document="d.txt",
        expected_findings=[
            ExpectedFinding(kind="sum", concepts=("expenditure.project",), optional=True),
            ExpectedFinding(kind="sum", concepts=("expenditure.total",)),
        ],
    )
    on_optional = Finding(
        id="a",
        kind="sum",
        rule="sum",
        severity="material",
        message="m",
        facts=[FindingFact(concept="expenditure.project", value=Decimal(1))],
    )
    counts, _ = score_findings(gold, result(on_optional))
    assert (counts.expected, counts.recalled, counts.false_alarms) == (1, 0, 0)
