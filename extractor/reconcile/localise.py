"""Culprit localisation: which stated figure is most likely wrong, and what it should be.

Fellegi–Holt error localisation, small and greedy. Each failing check has *suspects*: its
operands minus those confirmed elsewhere (by a check that holds as an equality, or stated
twice with the same value). For a suspect, each of its checks says which values would make
it hold (:meth:`Equation.solve`); the suspect is *viable* for a set of its failing checks
when one value fixes them all without breaking a passing one (all of them if it can, else
the largest subset). The engine names the suspect that explains most failing checks at the
least cost, takes its fitting value as given, and goes on with the checks still failing.
The cost is a prior per kind of figure (percentages are computed by hand and go wrong more
often than the amounts from the accounts), halved when the change matches a signature:

``typo`` one digit differs · ``transposed`` two adjacent digits swapped · ``x10``/``x100``
a slipped decimal point · ``yuan_vs_wan`` a figure in 元 read as 万元 (×10000) · ``sign``
· ``zero`` a cell left at 0 where a bound needs more (a 0 an equality pins to another value
is more likely a deliberate "none" than a slip, and gets no bonus).

Signatures other than ``zero`` need the checks to pin the value down (a bound only says
"at least"/"at most", and almost anything fits a half-line). Ties are *undetermined*.

When no single figure can be changed alone — a slip carried into a 合计 row is confirmed by
the column sum and still breaks the row's bound — pairs of figures are tried (the slip and
the total that carries it), at the sum of their costs.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from extractor.concepts import WAN_SHIFT
from extractor.reconcile.candidates import Candidate, Slot, SlotKey
from extractor.reconcile.instances import Instance
from extractor.reconcile.intervals import INF, Interval, half_width, quantize, written
from extractor.result import Culprit, ref_fields

__all__ = ["Check", "Suspect", "localise", "localise_one", "signature_of"]

PRIOR = {
    "percent": Decimal(1),
    "change": Decimal("1.5"),
    "score": Decimal("1.5"),
    "money": Decimal(2),
    "count": Decimal(2),
}
SIGNATURE_FACTOR = Decimal("0.5")
MAX_PAIR_KEYS = 12
MAX_SUBSET = 8


@dataclass(frozen=True)
class Check:
    """An evaluated instance: the candidates it was evaluated with and whether it held."""

    inst: Instance
    cands: tuple[Candidate, ...]
    passed: bool

    def ivs(self) -> list[Interval]:
        return [c.interval for c in self.cands]

    def index(self, key: SlotKey) -> int:
        return self.inst.slots.index(key)


@dataclass(frozen=True)
class Suspect:
    key: SlotKey
    cand: Candidate
    feasible: Interval
    suggested: Decimal | None
    signature: str | None
    cost: Decimal
    change: Decimal
    covers: frozenset[str]
    pinned: bool = True

    def culprit(self, confidence: Literal["high", "medium", "low"]) -> Culprit:
        """As a :class:`Culprit`; ``low`` confidence when only bounds say what fits (the
        suggestion is then the nearest admissible value, a limit rather than a correction)."""
        if not self.pinned and not self.signature:
            confidence = "low"
        ff = self.cand.fact
        return Culprit(
            **ref_fields(ff), value=ff.value, suggested=self.suggested, signature=self.signature, confidence=confidence
        )


def _digits_variants(v: Decimal, decimals: int, best: Decimal) -> Iterator[tuple[str, Decimal]]:
    """The slips of the pen (one digit miswritten, two neighbours swapped) that make ``best`` read ``v``.
    A variant is written as ``best`` would be (``decimals`` places, no leading zero), so only one
    spelled like it can equal it: the others are not parsed."""
    text = f"{abs(v):.{decimals}f}"
    want = f"{abs(best):.{decimals}f}"
    sign = "-" if v < 0 else ""
    spelled: list[tuple[str, str]] = []
    for i, ch in enumerate(text):
        if not ch.isdigit():
            continue
        for d in "0123456789":
            if d != ch and not (i == 0 and d == "0" and len(text.split(".")[0]) > 1):
                spelled.append(("typo", text[:i] + d + text[i + 1 :]))
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        if a.isdigit() and b.isdigit() and a != b and not (i == 0 and b == "0"):
            spelled.append(("transposed", text[:i] + b + a + text[i + 2 :]))
    for name, s in spelled:
        if s == want and (c := Decimal(sign + s)) == best:
            yield name, c


def signature_of(
    v: Decimal,
    decimals: int,
    feasible: Interval,
    target: Decimal,
    *,
    money: bool = True,
    signed: bool = False,
    pinned: bool | None = None,
) -> tuple[str, Decimal] | None:
    """The error signature explaining ``v`` → a value in ``feasible`` (closest to ``target``).

    ``pinned``: an equality constrains the value (default: ``feasible`` is bounded). When only
    bounds do, just ``zero`` is a signature: anything else fits a wide range by chance."""
    if not (feasible.bounded if pinned is None else pinned):
        return ("zero", target) if v == 0 and not feasible.contains(Decimal(0)) else None
    hits: list[tuple[str, Decimal]] = []
    factors = (("yuan_vs_wan", Decimal(10) ** WAN_SHIFT["元"]),) if money else ()
    for name, factor in (*factors, ("x100", Decimal(100)), ("x10", Decimal(10))):
        for cand in (v * factor, v / factor):
            # a scaled figure landing in an interval around 0 explains nothing
            if v != 0 and feasible.contains(cand) and not feasible.contains_zero():
                hits.append((name, cand.normalize()))
    if signed and v != 0 and feasible.contains(-v):
        hits.append(("sign", -v))
    if not hits and v != 0:  # a slip of the pen explains the value the checks point to, not a neighbour
        best = quantize(target, decimals)
        hits = [(n, c) for n, c in _digits_variants(v, decimals, best) if feasible.contains(c)]
    return min(hits, key=lambda h: abs(h[1] - target)) if hits else None


Overrides = dict[SlotKey, Interval]


def _ivs(check: Check, overrides: Overrides) -> list[Interval]:
    return [overrides.get(k, c.interval) for k, c in zip(check.inst.slots, check.cands, strict=True)]


def _feasible(
    key: SlotKey, slot: Slot, cand: Candidate, checks: Sequence[Check], overrides: Overrides
) -> Interval | None:
    """Written values of ``key`` that make every check in ``checks`` hold (others as stated);
    a figure that cannot be negative is kept ≥ 0."""
    h = Decimal(0) if cand.interval.lo == cand.interval.hi else half_width(cand.decimals)
    feasible: Interval | None = Interval(-INF, INF)
    for chk in checks:
        got = chk.inst.eq.solve(chk.index(key), _ivs(chk, overrides))
        if got is None or feasible is None:
            return None
        feasible = feasible.intersect(got.widen(h))
    if feasible is None or slot.signed:
        return feasible
    return feasible.intersect(Interval(Decimal(0), INF))


def _pick(
    key: SlotKey,
    slot: Slot,
    cand: Candidate,
    feasible: Interval,
    failing: Sequence[Check],
    overrides: Overrides,
    covers: frozenset[str],
) -> Suspect:
    """The value to suggest within ``feasible``, its signature and cost."""
    targets = []
    for f in failing:
        pts = [overrides[k].mid if k in overrides else c.value for k, c in zip(f.inst.slots, f.cands, strict=True)]
        got = f.inst.eq.solve(f.index(key), [Interval.point(p) for p in pts])
        if got is not None:
            targets.append(got.nearest(cand.value))
    target = feasible.nearest(targets[0] if targets else feasible.mid)
    pinned = any(not f.inst.eq.bound for f in failing)
    sig = signature_of(
        cand.value, cand.decimals, feasible, target, money=slot.kind == "money", signed=slot.signed, pinned=pinned
    )
    suggested = sig[1] if sig and sig[0] != "zero" else _suggest(feasible, target, cand.decimals)
    cost = PRIOR.get(slot.kind, Decimal(2)) * (SIGNATURE_FACTOR if sig else 1)
    change = abs((suggested if suggested is not None else target) - cand.value) / max(abs(cand.value), Decimal(1))
    return Suspect(key, cand, feasible, suggested, sig[0] if sig else None, cost, change, covers, pinned)


def _suggest(feasible: Interval, target: Decimal, decimals: int) -> Decimal | None:
    p = feasible.nearest(target)
    q = quantize(p, decimals)
    step = Decimal(1).scaleb(-decimals)
    for cand in (q, q + step, q - step):
        if feasible.contains(cand):
            return cand
    return None


def _touching(key: SlotKey, checks: Sequence[Check]) -> list[Check]:
    return [c for c in checks if key in c.inst.slot_set]


def _single(
    key: SlotKey, slot: Slot, failing: Sequence[Check], passing: Sequence[Check], base: Overrides
) -> Suspect | None:
    """``key`` as the one wrong figure of as many of its failing checks as one value can fix
    (all of them if possible), without breaking a passing check."""
    return _single_of(key, slot, _touching(key, failing), _touching(key, passing), base)


def _single_of(
    key: SlotKey, slot: Slot, mine: Sequence[Check], keep: Sequence[Check], base: Overrides
) -> Suspect | None:
    """:func:`_single` given the failing (``mine``) and passing (``keep``) checks that hold ``key``."""
    if not mine:
        return None
    cand = mine[0].cands[mine[0].index(key)]
    sizes = range(len(mine), 0, -1) if len(mine) <= MAX_SUBSET else [len(mine)]
    for size in sizes:
        found = []
        for subset in itertools.combinations(mine, size):
            feasible = _feasible(key, slot, cand, [*subset, *keep], base)
            if feasible is not None:
                found.append(_pick(key, slot, cand, feasible, subset, base, frozenset(f.inst.name for f in subset)))
        if found:
            return min(found, key=lambda s: (s.cost, s.change))
    return None


def _remembered(
    memo: dict[tuple[object, ...], Suspect | None],
    key: SlotKey,
    slot: Slot,
    mine: Sequence[Check],
    keep: Sequence[Check],
    base: Overrides,
) -> Suspect | None:
    """:func:`_single_of`, asked again in the next greedy round only where its answer can differ: it
    depends on the checks touching ``key`` and the overrides of their figures, nothing else."""
    figures = {k for c in (*mine, *keep) for k in c.inst.slots}
    asked = (key, tuple(map(id, mine)), tuple(map(id, keep)), frozenset((k, base[k]) for k in figures & base.keys()))
    if asked not in memo:
        memo[asked] = _single_of(key, slot, mine, keep, base)
    return memo[asked]


def _fixed(s: Suspect) -> Interval:
    c = s.cand
    value = s.suggested if s.suggested is not None else s.feasible.nearest(c.value)
    return written(value, c.decimals, exact=c.interval.lo == c.interval.hi)


def _pair(
    a: SlotKey,
    b: SlotKey,
    slots: dict[SlotKey, Slot],
    failing: Sequence[Check],
    passing: Sequence[Check],
    base: Overrides,
) -> tuple[Suspect, Suspect] | None:
    """Change ``a`` to fix its checks that ``b`` is not in, then ``b`` to fix all of its own."""
    every = [*failing, *passing]
    a_checks = [c for c in _touching(a, every) if b not in c.inst.slots]
    a_fail = [c for c in a_checks if c in failing]
    if not a_fail:
        return None
    ca = a_fail[0].cands[a_fail[0].index(a)]
    fa = _feasible(a, slots[a], ca, a_checks, base)
    if fa is None:
        return None
    sa = _pick(a, slots[a], ca, fa, a_fail, base, frozenset(c.inst.name for c in a_fail))
    if sa.suggested is None:
        return None
    over = {**base, a: _fixed(sa)}
    b_checks = _touching(b, every)
    cb = b_checks[0].cands[b_checks[0].index(b)]
    fb = _feasible(b, slots[b], cb, b_checks, over)
    if fb is None:
        return None
    sb = _pick(
        b,
        slots[b],
        cb,
        fb,
        [c for c in b_checks if c in failing],
        over,
        frozenset(c.inst.name for c in _touching(b, failing)),
    )
    return sa, sb


def localise(
    failing: Sequence[Check],
    passing: Sequence[Check],
    confirmed: set[SlotKey],
    slots: dict[SlotKey, Slot],
    unsettled: set[SlotKey] | None = None,
) -> dict[str, Culprit | None]:
    """Culprit per failing check name (``None``: undetermined).

    Greedy: name the figure that explains most of the unexplained failing checks at the least
    cost, take its suggested value as given, and go on with the checks left."""
    unsettled = unsettled or set()
    out: dict[str, Culprit | None] = {f.inst.name: None for f in failing if set(f.inst.slots) & unsettled}
    failing = [f for f in failing if f.inst.name not in out]
    allowed: dict[str, set[SlotKey]] = {}
    for f in failing:
        keys = [k for k in f.inst.slots if not slots[k].is_const]
        allowed[f.inst.name] = {k for k in keys if k not in confirmed} or set(keys)

    base: Overrides = {}
    uncovered = {f.inst.name for f in failing}
    memo: dict[tuple[object, ...], Suspect | None] = {}
    holding: dict[SlotKey, list[Check]] = defaultdict(list)  # the checks of each figure, passing ones first
    for c in (*passing, *failing):
        for k in c.inst.slot_set:
            holding[k].append(c)
    while uncovered:
        left = [f for f in failing if f.inst.name in uncovered]
        suspects = []
        for key in {k for f in left for k in allowed[f.inst.name]} - base.keys():
            mine = [c for c in holding[key] if c.inst.name in uncovered and key in allowed[c.inst.name]]
            keep = [c for c in holding[key] if c.inst.name not in uncovered]  # passing, or explained
            if (s := _remembered(memo, key, slots[key], mine, keep, base)) is not None:
                suspects.append(s)
        ranked = sorted(suspects, key=lambda s: (-len(s.covers), s.cost, s.change, s.cand.position))
        if not ranked:
            break
        best = ranked[0]
        rivals = [
            r
            for r in ranked[1:]
            if r.covers & best.covers and len(r.covers) == len(best.covers) and r.cost == best.cost
        ]
        verdict = None  # several figures explain as much at the same cost: undetermined
        if not rivals:
            runner_up = [r for r in ranked[1:] if r.covers & best.covers]
            confidence: Literal["high", "medium", "low"] = "high" if best.signature or not runner_up else "medium"
            verdict = best.culprit(confidence)
            base[best.key] = _fixed(best)
        for name in best.covers:
            out[name] = verdict
        uncovered -= best.covers
    left = [f for f in failing if f.inst.name in uncovered]
    kept = [*passing, *(f for f in failing if f.inst.name not in uncovered)]
    out.update(_pairs(left, kept, slots, base))
    return out


def _pairs(
    left: Sequence[Check], kept: Sequence[Check], slots: dict[SlotKey, Slot], base: Overrides
) -> dict[str, Culprit | None]:
    """Checks no single figure explains: the cheapest pair that fixes them all, if unique."""
    out: dict[str, Culprit | None] = {f.inst.name: None for f in left}
    keys = sorted({k for f in left for k in f.inst.slots if not slots[k].is_const} - base.keys())
    if not left or len(keys) > MAX_PAIR_KEYS:
        return out
    names = {f.inst.name for f in left}
    options = []
    for a in keys:
        for b in keys:
            if a == b:
                continue
            got = _pair(a, b, slots, left, kept, base)
            if got is not None and names <= (got[0].covers | got[1].covers):
                options.append((got[0].cost + got[1].cost, got))
    if not options:
        return out
    options.sort(key=lambda o: o[0])
    best_cost, (sa, sb) = options[0]
    if any(c == best_cost and {x.key for x in o} != {sa.key, sb.key} for c, o in options[1:]):
        return out
    for f in left:
        who = sa if sa.key in f.inst.slots else sb
        out[f.inst.name] = who.culprit("medium")
    return out


def localise_one(check: Check, key: SlotKey, passing: Sequence[Check], slots: dict[SlotKey, Slot]) -> Culprit | None:
    """One statement of a conflicting figure breaks ``check``: is that statement the culprit?"""
    s = _single(key, slots[key], [check], [p for p in passing if key not in p.inst.slots], {})
    return None if s is None else s.culprit("high" if s.signature else "medium")
