"""Interval arithmetic for hand-checking a gold file's relations.

Independent of the extractor on purpose: gold expected findings are computed by
these scripts from the labeller's reading, never by the reconciler under test.

A number written with d decimals stands for [v - 0.5*10^-d, v + 0.5*10^-d].
Usage in a per-document script::

    from arith import W, check_sum, check_ratio, check_change, report
    report([
        check_sum("expenditure.total = basic + project", W("358.52"), [W("311.20"), W("47.32")]),
        check_ratio("project rate", W("173.8"), W("47.32"), W("27.32"), percent=True),
    ])
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class W:
    """A number as written (string keeps its decimals)."""

    text: str

    @property
    def v(self) -> Decimal:
        return Decimal(self.text)

    @property
    def half(self) -> Decimal:
        exp = self.v.as_tuple().exponent
        d = -exp if isinstance(exp, int) and exp < 0 else 0
        return Decimal(5) * Decimal(10) ** (-(d + 1))

    @property
    def lo(self) -> Decimal:
        return self.v - self.half

    @property
    def hi(self) -> Decimal:
        return self.v + self.half


@dataclass(frozen=True)
class Check:
    name: str
    stated: W
    lo: Decimal
    hi: Decimal

    @property
    def ok(self) -> bool:
        return not (self.stated.hi < self.lo or self.stated.lo > self.hi)

    @property
    def severity(self) -> str:
        if not self.ok:
            return "material"
        mid = (self.lo + self.hi) / 2
        return "none" if abs(mid - self.stated.v) <= self.stated.half else "rounding"


def check_sum(name: str, total: W, parts: list[W], signs: list[int] | None = None) -> Check:
    signs = signs or [1] * len(parts)
    lo = sum((p.lo if s > 0 else -p.hi) for p, s in zip(parts, signs))
    hi = sum((p.hi if s > 0 else -p.lo) for p, s in zip(parts, signs))
    return Check(name, total, Decimal(lo), Decimal(hi))


def check_ratio(name: str, stated: W, num: W, den: W, percent: bool = True) -> Check:
    k = Decimal(100) if percent else Decimal(1)
    return Check(name, stated, k * num.lo / den.hi, k * num.hi / den.lo)


def check_change(name: str, stated_pct: W, change: W, current: W) -> Check:
    """change_pct = change / (current - change) * 100; the prior is current − change, so it
    moves with the change (corners over change and current, not over an independent prior)."""
    cands = [Decimal(100) * c / (cur - c) for c in (change.lo, change.hi) for cur in (current.lo, current.hi)]
    return Check(name, stated_pct, min(cands), max(cands))


def check_bound(name: str, part: W, whole: W) -> Check:
    """part <= whole."""
    return Check(name, part, Decimal("-1e18"), whole.hi)


def report(checks: list[Check]) -> int:
    bad = 0
    for c in checks:
        flag = "OK " if c.ok else "BAD"
        bad += not c.ok
        print(f"{flag} {c.name}: stated {c.stated.text}, expected [{c.lo:.4f}, {c.hi:.4f}] ({c.severity})")
    print(f"{bad} material of {len(checks)} checks")
    return bad
