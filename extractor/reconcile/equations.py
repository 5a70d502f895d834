"""The equations behind the rule kinds, each solvable for any of its operands.

Every relation the reconciler checks is an equation (or an inequality) among figures, with
operand 0 the figure the report *states as a result* (a total, a rate, a share, a percent
change, the whole of a bound). An equation knows one thing: given the intervals of all
operands but ``j``, which true values of operand ``j`` are consistent (:meth:`solve`).

* a check is ``written(operand 0)`` meeting ``solve(0, …)``;
* culprit localisation asks ``solve(j, …)`` for a suspect ``j``: the values that would make
  the check pass, which it intersects over all the suspect's checks (Fellegi–Holt).

Kinds and forms: ``sum`` total = Σ ±parts (or Σ parts ≤ total when the parts need not be
complete); ``ratio`` s = k·n/d (rate and share, k = 100); ``change`` pct = 100·c/(cur − c)
and pct = 100·(cur − prior)/prior; ``bound`` whole ≥ Σ parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from extractor.reconcile.intervals import INF, Interval, corners

__all__ = ["ChangePctEq", "Equation", "PriorPctEq", "RatioEq", "ShareOfSumEq", "SumEq"]

HUNDRED = Decimal(100)


class Equation:
    """Base: ``solve(j, ivs)`` → interval of operand ``j`` (None: undefined, e.g. ÷0)."""

    bound: bool = False
    """True for inequalities: passing says little about the exact values."""

    def solve(self, j: int, ivs: Sequence[Interval]) -> Interval | None:
        raise NotImplementedError

    def computed(self, ivs: Sequence[Interval]) -> Interval | None:
        return self.solve(0, ivs)

    def passes(self, ivs: Sequence[Interval]) -> bool | None:
        got = self.computed(ivs)
        return None if got is None else ivs[0].meets(got)

    def tight(self, ivs: Sequence[Interval]) -> bool:
        """Does the relation hold *as an equality*? (Confirms its operands.)"""
        return bool(self.passes(ivs))

    def expression(self, figures: Sequence[str]) -> str:
        raise NotImplementedError

    def stated_expected(self, ivs: Sequence[Interval], points: Sequence[Decimal]) -> tuple[Decimal, Interval | None]:
        return points[0], self.computed(ivs)


@dataclass(frozen=True)
class SumEq(Equation):
    """``total = Σ sign·part``; with ``le`` the parts may be incomplete: ``Σ parts ≤ total``;
    with ``ge`` unstated outflows may be missing from the parts: ``total ≤ Σ sign·part``
    (closing carry-over ≤ opening + income − spending when 结余分配 is not stated)."""

    signs: tuple[int, ...]
    le: bool = False
    ge: bool = False

    @property
    def bound(self) -> bool:  # type: ignore[override]
        return self.le or self.ge

    def _sum(self, ivs: Sequence[Interval], skip: int) -> Interval:
        lo = hi = Decimal(0)  # the ends summed directly: one interval built, not one per part
        for i, s in enumerate(self.signs, start=1):
            if i != skip:
                iv = ivs[i]
                if s > 0:
                    lo, hi = lo + iv.lo, hi + iv.hi
                else:
                    lo, hi = lo - iv.hi, hi - iv.lo
        return Interval(lo, hi)

    def solve(self, j: int, ivs: Sequence[Interval]) -> Interval | None:
        rest = self._sum(ivs, j)
        if self.ge:
            if j == 0:
                return Interval(-INF, rest.hi)
            edge = (ivs[0].lo - rest.hi) / self.signs[j - 1]  # sign·x ≥ total − rest
            return Interval(edge, INF) if self.signs[j - 1] > 0 else Interval(-INF, edge)
        if self.le:
            if j == 0:
                return Interval(rest.lo, INF)
            return Interval(-INF, ivs[0].hi - rest.lo)
        if j == 0:
            return rest
        return (ivs[0] - rest).scale(self.signs[j - 1])

    def tight(self, ivs: Sequence[Interval]) -> bool:
        return ivs[0].meets(self._sum(ivs, 0))

    def expression(self, figures: Sequence[str]) -> str:
        out = []
        for i, (s, f) in enumerate(zip(self.signs, figures[1:], strict=True)):
            if i == 0:
                out.append(f if s > 0 else f"−{f}")
            else:
                out.append(f" {'+' if s > 0 else '−'} {f}")
        return "".join(out)

    def stated_expected(self, ivs: Sequence[Interval], points: Sequence[Decimal]) -> tuple[Decimal, Interval | None]:
        if self.ge:
            return points[0], self.computed(ivs)
        if not self.le:
            return points[0], self.computed(ivs)
        # a bound reads "Σ parts should not exceed the whole"
        return sum((p * s for p, s in zip(points[1:], self.signs, strict=True)), Decimal(0)), Interval(
            min(Decimal(0), ivs[0].hi), ivs[0].hi
        )


@dataclass(frozen=True)
class RatioEq(Equation):
    """``s = k·n/d`` (operands s, n, d): rates (actual/budget) and shares (part/whole)."""

    k: Decimal = HUNDRED

    def solve(self, j: int, ivs: Sequence[Interval]) -> Interval | None:
        s, n, d = ivs
        k = self.k
        if j == 0:
            return None if d.contains_zero() else corners(lambda a, b: k * a / b, [n, d])
        if j == 1:
            return corners(lambda a, b: a * b / k, [s, d])
        return None if s.contains_zero() else corners(lambda a, b: k * b / a, [s, n])

    def expression(self, figures: Sequence[str]) -> str:
        return f"{figures[1]}/{figures[2]}" + ("×100" if self.k == HUNDRED else "")


@dataclass(frozen=True)
class ShareOfSumEq(Equation):
    """``s = 100·n/(d1 + d2 + …)`` (operands s, n, d1, d2, …): a share of a whole the report states
    only as its parts (收入总计 = 本年收入 + 上年结转)."""

    def solve(self, j: int, ivs: Sequence[Interval]) -> Interval | None:
        s, n, *ds = ivs
        whole = _total(ds)
        if j == 0:
            return None if whole.contains_zero() else corners(lambda a, b: HUNDRED * a / b, [n, whole])
        if j == 1:
            return corners(lambda a, b: a * b / HUNDRED, [s, whole])
        if s.contains_zero():
            return None
        rest = _total([d for i, d in enumerate(ds, start=2) if i != j])
        return corners(lambda a, b, c: HUNDRED * b / a - c, [s, n, rest])

    def expression(self, figures: Sequence[str]) -> str:
        return f"{figures[1]}/({'+'.join(figures[2:])})×100"


def _total(ivs: Sequence[Interval]) -> Interval:
    acc = Interval.point(Decimal(0))
    for iv in ivs:
        acc = acc + iv
    return acc


@dataclass(frozen=True)
class ChangePctEq(Equation):
    """``pct = 100·c/(cur − c)`` (operands pct, change, current): the prior is cur − c."""

    def solve(self, j: int, ivs: Sequence[Interval]) -> Interval | None:
        s, c, cur = ivs
        if j == 0:
            return None if (cur - c).contains_zero() else corners(lambda a, b: HUNDRED * a / (b - a), [c, cur])
        if j == 1:
            return (
                None
                if (s + Interval.point(HUNDRED)).contains_zero()
                else corners(lambda a, b: a * b / (HUNDRED + a), [s, cur])
            )
        return None if s.contains_zero() else corners(lambda a, b: b * (HUNDRED + a) / a, [s, c])

    def expression(self, figures: Sequence[str]) -> str:
        return f"{figures[1]}/({figures[2]}−{figures[1]})×100"


@dataclass(frozen=True)
class PriorPctEq(Equation):
    """``pct = 100·(cur − prior)/prior`` (operands pct, current, prior)."""

    def solve(self, j: int, ivs: Sequence[Interval]) -> Interval | None:
        s, cur, prior = ivs
        if j == 0:
            return None if prior.contains_zero() else corners(lambda a, b: HUNDRED * (a - b) / b, [cur, prior])
        if j == 1:
            return corners(lambda a, b: b * (1 + a / HUNDRED), [s, prior])
        return (
            None
            if (s + Interval.point(HUNDRED)).contains_zero()
            else corners(lambda a, b: b / (1 + a / HUNDRED), [s, cur])
        )

    def expression(self, figures: Sequence[str]) -> str:
        return f"({figures[1]}−{figures[2]})/{figures[2]}×100"
