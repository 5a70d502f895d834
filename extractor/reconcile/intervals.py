"""Interval arithmetic over figures as written (XBRL Calculations 1.1 style).

A report writes ``311.20``: the true figure is somewhere in ``[311.195, 311.205]``. A check
passes when the interval computed from the other figures *meets* the stated one, so a share
written ``86.80%`` is not flagged because ``311.20/358.52`` is ``86.7999…%``, while
``15.12%`` against ``54.17/358.52 ∈ [15.1078, 15.1110]`` is. Whole-number percentages
(``占90%``) are simply figures with 0 decimals: ±0.5 points.

Intervals may be half-open to infinity (``Decimal('Infinity')``): a bound ``part ≤ whole``
solved for the part is ``(-∞, whole.hi]``. Functions of several intervals that are monotone
in each argument separately (every relation we check: sums, ratios, percent changes) take
their extremes at the corners of the box, which is how :func:`corners` evaluates them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, DivisionByZero, InvalidOperation

__all__ = ["INF", "Interval", "corners", "decimals_of_value", "half_width", "quantize", "written"]

INF = Decimal("Infinity")
MAX_DECIMALS = 8
"""Decimals beyond this are float noise, not writing."""


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval ``[lo, hi]``; either end may be infinite."""

    lo: Decimal
    hi: Decimal

    @classmethod
    def point(cls, v: Decimal) -> Interval:
        return cls(v, v)

    def meets(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def intersect(self, other: Interval) -> Interval | None:
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        return Interval(lo, hi) if lo <= hi else None

    def widen(self, h: Decimal) -> Interval:
        return Interval(self.lo - h, self.hi + h)

    def contains(self, v: Decimal) -> bool:
        return self.lo <= v <= self.hi

    def contains_zero(self) -> bool:
        return self.lo <= 0 <= self.hi

    @property
    def bounded(self) -> bool:
        return self.lo.is_finite() and self.hi.is_finite()

    @property
    def mid(self) -> Decimal:
        if self.bounded:
            return (self.lo + self.hi) / 2
        return self.lo if self.lo.is_finite() else self.hi

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def scale(self, k: int) -> Interval:
        return self if k > 0 else -self

    def nearest(self, v: Decimal) -> Decimal:
        """The point of the interval closest to ``v``."""
        return min(max(v, self.lo), self.hi)

    def rounded(self, decimals: int) -> tuple[Decimal, Decimal]:
        """Outward-rounded ends for display (``[173.17, 173.25]``); infinite ends kept."""
        q = Decimal(1).scaleb(-decimals)
        lo = self.lo.quantize(q, rounding=ROUND_FLOOR) if self.lo.is_finite() else self.lo
        hi = self.hi.quantize(q, rounding=ROUND_CEILING) if self.hi.is_finite() else self.hi
        return lo, hi


def half_width(decimals: int) -> Decimal:
    """Half a unit in the last written place: 2 decimals → 0.005."""
    return Decimal(5).scaleb(-(decimals + 1))


def decimals_of_value(value: Decimal) -> int:
    """Decimals a Decimal carries (``Decimal('311.20')`` → 2), capped at :data:`MAX_DECIMALS`."""
    exp = value.as_tuple().exponent
    if not isinstance(exp, int) or exp >= 0:
        return 0
    if -exp > MAX_DECIMALS:
        return len(str(value.normalize()).partition(".")[2][:MAX_DECIMALS])
    return -exp


def written(value: Decimal, decimals: int, *, exact: bool = False) -> Interval:
    """The interval a figure written with ``decimals`` decimals stands for."""
    if exact:
        return Interval(value, value)
    h = half_width(decimals)
    return Interval(value - h, value + h)


def quantize(value: Decimal, decimals: int) -> Decimal:
    """Round half up to ``decimals`` places, the way reports round."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def corners(fn: Callable[..., Decimal], args: Sequence[Interval]) -> Interval | None:
    """Range of ``fn`` over the box ``args`` (finite), from its values at the corners.

    Exact for functions monotone in each argument separately. ``None`` when ``fn`` is
    undefined at a corner (a division by zero): the caller treats that as not evaluable.
    """
    if not all(a.bounded for a in args):
        return None
    values = []
    try:
        for combo in itertools.product(*[(a.lo, a.hi) for a in args]):
            values.append(fn(*combo))
    except (DivisionByZero, InvalidOperation, ZeroDivisionError):
        return None
    return Interval(min(values), max(values))
