"""Interval arithmetic and the equations: tolerance from the figures as written, at its edges."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from extractor.reconcile.equations import ChangePctEq, PriorPctEq, RatioEq, ShareOfSumEq, SumEq
from extractor.reconcile.intervals import (
    INF,
    Interval,
    corners,
    decimals_of_value,
    half_width,
    quantize,
    written,
)


def w(text: str) -> Interval:
    """A figure as written: its decimals set its interval."""
    return written(D(text), decimals_of_value(D(text)))


def test_written_interval_is_half_a_unit_in_the_last_place() -> None:
    assert w("311.20") == Interval(D("311.195"), D("311.205"))
    assert w("90") == Interval(D("89.5"), D("90.5"))  # whole-number percent: ±0.5 points
    assert written(D("22"), 0, exact=True) == Interval.point(D(22))
    assert half_width(3) == D("0.0005")
    assert decimals_of_value(D("1.2345")) == 4 and decimals_of_value(D("7")) == 0


def test_quantize_rounds_half_up_like_reports() -> None:
    assert quantize(D("13.195"), 2) == D("13.20")
    assert quantize(D("86.7999"), 2) == D("86.80")
    assert quantize(D("-2.5"), 0) == D("-3")


def test_meets_and_intersect_at_touching_ends() -> None:
    a, b = Interval(D(1), D(2)), Interval(D(2), D(3))
    assert a.meets(b) and b.meets(a)
    assert a.intersect(b) == Interval(D(2), D(2))
    assert not a.meets(Interval(D("2.0001"), D(3)))
    assert Interval(-INF, D(5)).meets(Interval(D(4), INF))


def test_corners_range_and_division_by_zero() -> None:
    got = corners(lambda n, d: 100 * n / d, [w("47.32"), w("27.32")])
    assert got is not None and got.lo < D("173.2") < got.hi
    assert corners(lambda n, d: n / d, [w("1"), Interval(D(0), D(0))]) is None


@pytest.mark.parametrize(
    ("total", "parts", "ok"),
    [
        ("100.00", ["60.00", "40.00"], True),
        ("100.00", ["60.00", "40.01"], True),  # points differ by 0.01, intervals still meet: rounding
        ("100.00", ["60.00", "40.02"], False),  # just outside: [100.01, 100.03] vs [99.995, 100.005]
        ("100", ["60.4", "40.0"], True),  # 100.4 within ±0.5 (+0.1) of 100
        ("100", ["60.6", "40.0"], True),  # [100.5, 100.7] touches [99.5, 100.5]: the edge counts
        ("100", ["60.7", "40.0"], False),
    ],
)
def test_sum_edges(total: str, parts: list[str], ok: bool) -> None:
    eq = SumEq((1,) * len(parts))
    assert eq.passes([w(total), *map(w, parts)]) is ok


@pytest.mark.parametrize(
    ("stated", "num", "den", "ok"),
    [
        ("86.80", "311.20", "358.52", True),  # 86.7999…%
        ("15.12", "54.17", "358.52", False),  # 15.1093…%: interval [15.1078, 15.1110] misses [15.115, 15.125]
        ("15.11", "54.17", "358.52", True),
        ("90", "89.50", "100.00", True),  # whole-number percent, just inside (at the edge)
        ("90", "89.40", "100.00", False),  # just outside
        ("173.8", "47.32", "27.32", False),
        ("125", "311.20", "249.74", True),  # 124.61% rounds to 125
    ],
)
def test_ratio_edges(stated: str, num: str, den: str, ok: bool) -> None:
    assert RatioEq().passes([w(stated), w(num), w(den)]) is ok


def test_ratio_with_divisor_that_may_be_zero_is_undefined() -> None:
    assert RatioEq().passes([w("0"), w("0"), w("0")]) is None


def test_change_pct_and_prior_pct() -> None:
    # 19.08 more than last year's 74.85: +25.49%
    assert ChangePctEq().passes([w("25.5"), w("19.08"), w("93.93")])
    assert not ChangePctEq().passes([w("21"), w("19.08"), w("93.93")])
    assert PriorPctEq().passes([w("25.5"), w("93.93"), w("74.85")])
    assert not PriorPctEq().passes([w("16"), w("93.93"), w("74.85")])


def test_bound_is_one_sided_and_tight_only_at_equality() -> None:
    eq = SumEq((1, 1), le=True)  # whole ≥ a + b
    assert eq.passes([w("358.52"), w("311.20"), w("47.32")]) and eq.tight([w("358.52"), w("311.20"), w("47.32")])
    assert eq.passes([w("400.00"), w("311.20"), w("47.32")]) and not eq.tight([w("400.00"), w("311.20"), w("47.32")])
    assert not eq.passes([w("358.52"), w("358.52"), w("47.32")])


@pytest.mark.parametrize(
    ("eq", "figures"),
    [
        (SumEq((1, 1, -1)), ["10.00", "7.00", "5.00", "2.00"]),
        (RatioEq(), ["173.2", "47.32", "27.32"]),
        (ChangePctEq(), ["25.5", "19.08", "93.93"]),
        (PriorPctEq(), ["25.5", "93.93", "74.85"]),
    ],
)
def test_solving_for_any_operand_contains_its_stated_value(eq, figures: list[str]) -> None:  # type: ignore[no-untyped-def]
    ivs = [w(f) for f in figures]
    for j, f in enumerate(figures):
        got = eq.solve(j, ivs)
        assert got is not None and got.widen(half_width(decimals_of_value(D(f)))).contains(D(f)), (j, got)


def test_a_share_of_a_sum_solves_for_each_operand() -> None:
    eq = ShareOfSumEq()
    ivs = [w("25.0"), w("30.00"), w("100.00"), w("20.00")]  # 30/(100+20) = 25%
    assert eq.passes(ivs) is True
    assert eq.passes([w("30.0"), *ivs[1:]]) is False  # 30/100 is not the whole it divides by
    assert eq.solve(3, ivs).contains(D("20"))  # the carry-over that makes the share hold
    assert eq.solve(1, ivs).contains(D("30"))
    assert eq.expression(["s", "n", "a", "b"]) == "n/(a+b)×100"
