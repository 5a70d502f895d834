"""Culprit localisation: error signatures, minimum change, and saying "undetermined"."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from extractor.reconcile import reconcile
from extractor.reconcile.intervals import INF, Interval
from extractor.reconcile.localise import signature_of
from extractor.result import Finding
from tests.reconcile.build import Doc


@pytest.mark.parametrize(
    ("stated", "decimals", "lo", "hi", "money", "signed", "want"),
    [
        ("173.8", 1, "173.15", "173.30", True, False, ("typo", "173.2")),
        ("13.4", 1, "31.35", "31.45", True, False, ("transposed", "31.4")),
        ("35.85", 2, "358.4", "358.6", True, False, ("x10", "358.5")),
        ("1.2345", 4, "12344", "12346", True, False, ("yuan_vs_wan", "12345")),
        ("1.2345", 4, "12344", "12346", False, False, None),  # 元/万元 is for money only
        ("-8.7", 1, "8.65", "8.75", True, True, ("sign", "8.7")),
        ("-8.7", 1, "8.65", "8.75", True, False, None),  # sign only for signed measures
        ("150", 0, "0", "0.015", True, False, None),  # scaled into an interval around 0 explains nothing
        ("42.00", 2, "57.1", "57.3", True, False, None),
    ],
)
def test_signatures(
    stated: str, decimals: int, lo: str, hi: str, money: bool, signed: bool, want: tuple[str, str] | None
) -> None:
    feasible = Interval(D(lo), D(hi))
    got = signature_of(D(stated), decimals, feasible, feasible.mid, money=money, signed=signed)
    assert (None if got is None else (got[0], got[1])) == (None if want is None else (want[0], D(want[1])))


def test_zero_signature_needs_no_pinned_value() -> None:
    assert signature_of(D(0), 0, Interval(D(150), INF), D(150)) == ("zero", D(150))
    assert signature_of(D(5), 0, Interval(D(150), INF), D(150)) is None


def only(findings: list[Finding]) -> Finding:
    mat = [f for f in findings if f.severity == "material"]
    assert len(mat) == 1, [f.message for f in mat]
    return mat[0]


def test_figure_in_most_failing_checks_is_the_culprit() -> None:
    doc = Doc()
    doc.fact("expenditure.total", "358.52")
    doc.fact("expenditure.basic", "311.20")
    doc.fact("expenditure.project", "47.32")
    doc.fact("expenditure.personnel", "302.92")
    doc.fact("expenditure.public", "8.82")  # transposed: 8.28
    doc.fact("expenditure.public", "2.31", "share")  # 8.28/358.52
    r = reconcile(doc.result())
    mat = [f for f in r.findings if f.severity == "material"]
    assert {f.rule for f in mat} == {"expenditure.basic=personnel+public", "share"}
    for f in mat:
        assert f.culprit is not None and f.culprit.concept == "expenditure.public"
        assert f.culprit.measure == "actual" and f.culprit.suggested == D("8.28")
        assert f.culprit.signature == "transposed"


def test_confirmed_figures_are_not_suspects() -> None:
    doc = Doc()
    doc.fact("expenditure.total", "100.00")
    doc.fact("expenditure.basic", "60.00")
    doc.fact("expenditure.basic", "60.00", "share")  # confirms basic and total
    doc.fact("expenditure.project", "30.00")  # should be 40.00
    for c in ("expenditure.remit_superior", "expenditure.operating", "expenditure.subsidy_affiliated"):
        doc.fact(c, "0")
    f = only(reconcile(doc.result()).findings)
    assert f.culprit is not None and f.culprit.concept == "expenditure.project" and f.culprit.suggested == D("40.00")
    assert f.culprit.signature == "typo"


def test_symmetric_evidence_is_undetermined() -> None:
    doc = Doc()
    doc.fact("expenditure.basic", "100.00")
    doc.fact("expenditure.personnel", "70.00")
    doc.fact("expenditure.public", "20.00")  # personnel or public? nothing says
    f = only(reconcile(doc.result()).findings)
    assert f.undetermined and f.culprit is None
    assert "无法确定" in f.message and "undetermined" in (f.message_en or "")


def test_percentages_are_suspected_before_amounts() -> None:
    doc = Doc()
    doc.fact("expenditure.project", "47.32")
    doc.fact("expenditure.project", "27.32", "budget")
    doc.fact("expenditure.project", "180.0", "rate")  # no signature either way
    f = only(reconcile(doc.result()).findings)
    assert f.culprit is not None and f.culprit.measure == "rate" and f.culprit.suggested == D("173.2")


def test_yuan_read_as_wan_in_a_sum() -> None:
    doc = Doc()
    doc.fact("three_public.total", "2.6900")
    doc.fact("three_public.overseas", "0")
    doc.fact("three_public.vehicles", "0.0002")  # 2.00万元 written in 元 and taken as 万元
    doc.fact("three_public.reception", "0.69")
    doc.fact("three_public.vehicles", "2.00", "budget")
    doc.fact("three_public.vehicles", "100", "rate")
    r = reconcile(doc.result())
    culprits = {(f.culprit.concept, f.culprit.signature) for f in r.findings if f.culprit}
    assert culprits == {("three_public.vehicles", "yuan_vs_wan")}


def test_fix_never_breaks_a_passing_check() -> None:
    doc = Doc()
    doc.fact("expenditure.total", "358.52")
    doc.fact("expenditure.function", "257.03", label="一般公共服务支出")
    doc.fact("expenditure.function", "54.17", label="社会保障和就业支出")
    doc.fact("expenditure.function", "47.32", label="其他支出")
    doc.fact("expenditure.function", "13.19", "share", label="其他支出")
    f = only(reconcile(doc.result()).findings)
    # 47.32 would fit 13.19% as 47.29, but that breaks total = Σ classes: the share is at fault
    assert f.culprit is not None and f.culprit.measure == "share" and f.culprit.suggested == D("13.20")
