"""Property tests: a consistent report yields no material finding; one wrong number is named.

The generated report is a department's spending as the samples state it: total = basic +
project (+ the three other kinds, stated as 0), basic = personnel + public, the shares of
each, budgets and execution rates, and two function classes with their shares. Every figure
takes part in at least two checks, or in one whose other operands are confirmed elsewhere,
so a single wrong figure can be told apart from the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.reconcile import reconcile
from extractor.result import Result
from tests.reconcile.build import Doc

CENT = Decimal("0.01")
OTHER_KINDS = ("expenditure.remit_superior", "expenditure.operating", "expenditure.subsidy_affiliated")


def money(cents: int) -> str:
    return f"{Decimal(cents) * CENT:.2f}"


def pct(num: Decimal, den: Decimal, decimals: int) -> str:
    q = Decimal(1).scaleb(-decimals)
    return f"{(Decimal(100) * num / den).quantize(q, rounding=ROUND_HALF_UP)}"


@dataclass(frozen=True)
class Figure:
    concept: str
    value: str
    measure: str = "actual"
    label: str | None = None


@st.composite
def reports(draw: st.DrawFn) -> list[Figure]:
    personnel = draw(st.integers(1_000, 400_000))
    public = draw(st.integers(1_000, 100_000))
    project = draw(st.integers(1_000, 200_000))
    basic = personnel + public
    total = basic + project
    f1 = draw(st.integers(total // 5, total * 4 // 5))
    f2 = total - f1
    basic_b = basic * draw(st.integers(60, 150)) // 100
    project_b = project * draw(st.integers(60, 150)) // 100
    total_b = basic_b + project_b
    D = {
        k: Decimal(v) * CENT
        for k, v in dict(
            personnel=personnel,
            public=public,
            project=project,
            basic=basic,
            total=total,
            f1=f1,
            f2=f2,
            basic_b=basic_b,
            project_b=project_b,
            total_b=total_b,
        ).items()
    }
    figs = [
        Figure("expenditure.total", money(total)),
        Figure("expenditure.basic", money(basic)),
        Figure("expenditure.project", money(project)),
        Figure("expenditure.personnel", money(personnel)),
        Figure("expenditure.public", money(public)),
        *(Figure(k, "0") for k in OTHER_KINDS),
        *(Figure(k, "0", "budget") for k in OTHER_KINDS),
        Figure("expenditure.basic", pct(D["basic"], D["total"], 2), "share"),
        Figure("expenditure.project", pct(D["project"], D["total"], 2), "share"),
        Figure("expenditure.personnel", pct(D["personnel"], D["total"], 2), "share"),
        Figure("expenditure.public", pct(D["public"], D["total"], 2), "share"),
        Figure("expenditure.total", money(total_b), "budget"),
        Figure("expenditure.basic", money(basic_b), "budget"),
        Figure("expenditure.project", money(project_b), "budget"),
        Figure("expenditure.total", pct(D["total"], D["total_b"], 1), "rate"),
        Figure("expenditure.basic", pct(D["basic"], D["basic_b"], 1), "rate"),
        Figure("expenditure.project", pct(D["project"], D["project_b"], 1), "rate"),
        Figure("expenditure.function", money(f1), label="一般公共服务支出"),
        Figure("expenditure.function", money(f2), label="社会保障和就业支出"),
        Figure("expenditure.function", pct(D["f1"], D["total"], 2), "share", label="一般公共服务支出"),
        Figure("expenditure.function", pct(D["f2"], D["total"], 2), "share", label="社会保障和就业支出"),
    ]
    return figs


def build(figs: list[Figure]) -> Result:
    doc = Doc()
    for f in figs:
        doc.fact(f.concept, f.value, f.measure, label=f.label)
    return doc.result()


def perturb(value: str, factor: int) -> str:
    """``value`` off by ``factor`` percent (5–50 either way), and by at least 3 units in its
    last written place (closer than that is within rounding, not an error), same decimals."""
    v = Decimal(value)
    q = Decimal(1).scaleb(v.as_tuple().exponent)  # type: ignore[arg-type]
    delta = max(abs(v * factor / 100), 3 * q).quantize(q, rounding=ROUND_HALF_UP)
    return f"{v + delta if factor > 0 or v - delta <= 0 else v - delta}"


@settings(max_examples=60, deadline=None)
@given(reports())
def test_consistent_report_has_no_material_finding(figs: list[Figure]) -> None:
    r = reconcile(build(figs))
    assert [f.message_en for f in r.findings if f.severity == "material"] == []
    assert not any(c.status == "failed" for c in r.checks)
    assert sum(c.status == "passed" for c in r.checks) >= 13  # 3 sums + Σ classes + 6 shares + 3 rates


PERTURBABLE = [i for i in range(25) if i not in range(5, 11)]  # not the stated zeros


@settings(max_examples=120, deadline=None)
@given(reports(), st.sampled_from(PERTURBABLE), st.integers(5, 50).flatmap(lambda p: st.sampled_from([p, -p])))
def test_one_wrong_number_is_found_and_named(figs: list[Figure], index: int, factor: int) -> None:
    wrong = figs[index]
    bad = Figure(wrong.concept, perturb(wrong.value, factor), wrong.measure, wrong.label)
    r = reconcile(build([*figs[:index], bad, *figs[index + 1 :]]))
    material = [f for f in r.findings if f.severity == "material"]
    assert material, f"no material finding for {bad}"
    for f in material:
        c = f.culprit
        assert c is not None, f.message_en
        assert (c.concept, c.measure, c.label, c.value) == (bad.concept, bad.measure, bad.label, Decimal(bad.value))
        assert c.suggested is not None
        # the value that fits is the one the report should have written (within its rounding)
        assert abs(c.suggested - Decimal(wrong.value)) <= Decimal("0.02") + abs(Decimal(wrong.value)) * Decimal(
            "0.003"
        ), (c.suggested, wrong.value)


@settings(max_examples=60, deadline=None)
@given(reports(), st.sampled_from([1, 2, 3, 4, 12, 13, 14]), st.integers(5, 50))
def test_a_conflicting_restatement_is_settled_against_the_wrong_value(
    figs: list[Figure], index: int, factor: int
) -> None:
    right = figs[index]
    again = Figure(right.concept, perturb(right.value, factor), right.measure, right.label)
    r = reconcile(build([*figs, again]))
    material = [f for f in r.findings if f.severity == "material"]
    assert [f.kind for f in material] == ["conflict"]
    c = material[0].culprit
    assert c is not None and c.value == Decimal(again.value) and c.suggested == Decimal(right.value)


CONCEPTS = [
    "expenditure.total",
    "expenditure.basic",
    "expenditure.project",
    "expenditure.personnel",
    "expenditure.public",
    "income.total",
    "income.other",
    "three_public.total",
    "three_public.vehicles",
    "procurement.total",
    "procurement.sme",
    "staff.in_service",
    "staff.other",
    "carryover.closing",
]


@st.composite
def arbitrary_facts(draw: st.DrawFn) -> list[tuple[str, str, str, str]]:
    n = draw(st.integers(0, 25))
    out = []
    for _ in range(n):
        concept = draw(st.sampled_from(CONCEPTS))
        measure = draw(st.sampled_from(["actual", "budget", "rate", "share", "change", "change_pct", "vs_budget"]))
        scope = (
            draw(st.sampled_from(["all", "fiscal", "general_public_budget"]))
            if concept.startswith(("expenditure", "income", "carryover"))
            else "all"
        )
        value = draw(st.decimals(-1000, 100000, places=draw(st.integers(0, 4)), allow_nan=False))
        out.append((concept, measure, scope, f"{value}"))
    return out


@settings(max_examples=150, deadline=None)
@given(arbitrary_facts())
def test_any_result_is_reconciled_without_error(facts: list[tuple[str, str, str, str]]) -> None:
    doc = Doc()
    for concept, measure, scope, value in facts:
        doc.fact(concept, value, measure, scope=scope)
    r = reconcile(doc.result())
    ids = {f.id for f in r.findings}
    assert all(c.finding_id in ids for c in r.checks if c.status == "failed")
    assert all(c.reason for c in r.checks if c.status == "not_run")
    assert all(f.message and f.message_en for f in r.findings)
