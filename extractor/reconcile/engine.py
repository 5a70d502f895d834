"""The rule engine: evaluate a profile's checks over a result, settle conflicts, name culprits.

Steps, in order:

1. gather the stated figures into slots (:mod:`.slots`) and expand the profile into concrete
   checks (:mod:`.relations`);
2. evaluate every check with every combination of its operands' stated values (a result
   keeps every stated number, so a slot may hold two);
3. settle conflicts: a value is *supported* by a check that holds with it as an equality;
   the value with strictly the most support wins, the others are the conflict's culprits;
4. evaluate each check once more with the settled values: ``passed`` (``rounding`` finding
   when the points differ but the intervals meet), ``failed`` (``material`` finding), or
   ``not_run`` when it depends on an unsettled conflict or is undefined (÷0);
5. localise culprits over the failed checks (:mod:`.localise`).
"""

from __future__ import annotations

import hashlib
import itertools
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from extractor.reconcile.candidates import Candidate
from extractor.reconcile.instances import Instance
from extractor.reconcile.intervals import Interval, quantize
from extractor.reconcile.localise import Check, localise, localise_one
from extractor.reconcile.messages import culprit_text, fmt, name_en, name_zh, relation_text
from extractor.reconcile.profiles import CN_BUDGET, Profile
from extractor.reconcile.relations import expand
from extractor.reconcile.slots import Book, SlotKey, build_book
from extractor.result import CheckRecord, Culprit, Finding, Result, ref_fields

log = logging.getLogger(__name__)

__all__ = ["finding_id", "run_checks"]

MAX_COMBOS = 64
Status = Literal["passed", "failed", "not_run"]


def finding_id(rule: str, keys: Sequence[SlotKey], variant: str = "") -> str:
    """Stable across runs: the rule and the operands' keys, never their values (``variant``
    tells apart the statements of a conflicting figure: its order of appearance)."""
    blob = rule + "|" + "|".join(sorted("/".join(k) for k in keys)) + variant
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class _Eval:
    combo: tuple[int, ...]
    passed: bool | None
    tight: bool


def _evaluate(inst: Instance, book: Book, combo: tuple[int, ...]) -> _Eval:
    ivs = [book.slots[k].representative(g).interval for k, g in zip(inst.slots, combo, strict=True)]
    passed = inst.eq.passes(ivs)
    return _Eval(combo, passed, bool(passed) and (not inst.eq.bound or inst.eq.tight(ivs)))


def _combos(inst: Instance, book: Book) -> list[tuple[int, ...]]:
    sizes = [len(book.slots[k].groups) for k in inst.slots]
    total = 1
    for s in sizes:
        total *= s
    if total > MAX_COMBOS:
        return [tuple(0 for _ in sizes)]
    return list(itertools.product(*[range(s) for s in sizes]))


def _settle(book: Book, evals: dict[str, list[_Eval]], instances: list[Instance]) -> dict[SlotKey, int | None]:
    support: dict[tuple[SlotKey, int], set[str]] = defaultdict(set)
    for inst in instances:
        for ev in evals[inst.name]:
            if ev.tight:
                for k, g in zip(inst.slots, ev.combo, strict=True):
                    support[(k, g)].add(inst.name)
    settled: dict[SlotKey, int | None] = {}
    for key, slot in book.slots.items():
        n = len(slot.groups)
        if n == 1:
            settled[key] = 0
            continue
        counts = [len(support[(key, g)]) for g in range(n)]
        best = max(counts)
        settled[key] = counts.index(best) if best > 0 and counts.count(best) == 1 else None
    return settled


def _conflicts(book: Book, settled: dict[SlotKey, int | None]) -> tuple[list[Finding], list[CheckRecord]]:
    findings, records = [], []
    for key, slot in book.slots.items():
        if len(slot.candidates) < 2:
            continue
        name = "conflict:" + "/".join(key)
        groups = slot.groups
        if len(groups) == 1:
            records.append(CheckRecord(rule=name, kind="conflict", status="passed", reason="agreeing duplicate"))
            continue
        reps = [slot.representative(g) for g in range(len(groups))]
        material = any(not a.interval.meets(b.interval) for a, b in itertools.combinations(reps, 2))
        win = settled[key]
        fid = finding_id("conflict", [key])
        values = "、".join(fmt(r.value, r.decimals) for r in reps)
        culprit: Culprit | None = None
        zh = f"{name_zh(reps[0].fact)}有多个不同数值：{values}"
        en = f"{name_en(reps[0].fact)} is stated as {' and '.join(fmt(r.value, r.decimals) for r in reps)}"
        if win is not None:
            w = reps[win]
            losers = [r for g, r in enumerate(reps) if g != win]
            ff = losers[0].fact
            culprit = Culprit(
                **ref_fields(ff),
                value=ff.value,
                suggested=quantize(w.value, w.decimals),
                confidence="high" if len(losers) == 1 else "medium",
            )
            wrong = "、".join(fmt(r.value, r.decimals) for r in losers)
            zh += f"；其余数据支持{fmt(w.value, w.decimals)}，{wrong}有误"
            en += f"; the rest of the report supports {fmt(w.value, w.decimals)}"
        else:
            zh += "；其余数据无法判断哪一个正确"
            en += "; the rest of the report does not settle which is right"
        expected = [reps[win].interval.lo, reps[win].interval.hi] if win is not None else []
        findings.append(
            Finding(
                id=fid,
                kind="conflict",
                rule="conflict",
                severity="material" if material else "rounding",
                facts=[c.fact for c in sorted(slot.candidates, key=lambda c: c.position)],
                stated=culprit.value if culprit else reps[0].value,
                expected=expected,
                tolerance=None,
                culprit=culprit,
                undetermined=win is None,
                message=zh,
                message_en=en,
            )
        )
        # values whose intervals meet are one figure rounded two ways: the check holds
        records.append(
            CheckRecord(rule=name, kind="conflict", status="failed" if material else "passed", finding_id=fid)
        )
    return findings, records


def _final(
    inst: Instance, evals: list[_Eval], settled: dict[SlotKey, int | None]
) -> tuple[Status, _Eval | None, str | None]:
    fits = [
        e for e in evals if all(settled[k] is None or settled[k] == g for k, g in zip(inst.slots, e.combo, strict=True))
    ]
    if not fits:
        return "not_run", None, "operands not evaluated (too many conflicting values)"
    if any(e.passed is None for e in fits):
        return "not_run", None, "undefined: a divisor may be zero"
    if all(e.passed for e in fits):
        return "passed", fits[0], None
    if not any(e.passed for e in fits):
        return "failed", fits[0], None
    return "not_run", None, "depends on which of the conflicting values is right"


def _split(
    inst: Instance, book: Book, settled: dict[SlotKey, int | None], lead: SlotKey
) -> list[tuple[Check, SlotKey]]:
    """A check every stated value of ``lead`` breaks: one failed check per statement, each
    with the nearest statements of any other unsettled operand (the same sentence)."""
    out = []
    for g in range(len(book.slots[lead].groups)):
        pos = book.slots[lead].representative(g).position
        combo = []
        for k in inst.slots:
            slot = book.slots[k]
            chosen = settled[k]
            if k == lead:
                chosen = g
            elif chosen is None:
                dist = [abs(slot.representative(h).position - pos) for h in range(len(slot.groups))]
                chosen = dist.index(min(dist))
            combo.append(chosen)
        part = Instance(inst.rule, inst.kind, f"{inst.name}#{g + 1}", inst.slots, inst.eq, inst.group)
        out.append((Check(part, _cands(inst, book, tuple(combo)), False), lead))
    return out


def _cands(inst: Instance, book: Book, combo: tuple[int, ...]) -> tuple[Candidate, ...]:
    return tuple(book.slots[k].representative(g) for k, g in zip(inst.slots, combo, strict=True))


def _finding(
    inst: Instance,
    cands: tuple[Candidate, ...],
    severity: Literal["rounding", "material"],
    culprit: Culprit | None,
    undetermined: bool,
    variant: str = "",
) -> Finding:
    ivs = [c.interval for c in cands]
    points = [c.value for c in cands]
    stated, expected = inst.eq.stated_expected(ivs, points)
    point_iv = inst.eq.computed([Interval.point(v) for v in points])
    point = point_iv.mid if point_iv is not None and point_iv.bounded else None
    figures = [fmt(c.value, c.decimals) for c in cands]
    zh, en = relation_text(inst.eq.bound, cands, inst.eq.expression(figures), stated, point)
    czh, cen = culprit_text(culprit, undetermined)
    exp: list[Decimal] = []
    if expected is not None:
        lo, hi = expected.rounded(cands[0].decimals + 2)
        exp = [v for v in (lo, hi) if v.is_finite()]
    tol = None
    if expected is not None and expected.bounded:
        tol = (cands[0].interval.hi - cands[0].interval.lo) / 2 + (expected.hi - expected.lo) / 2
        tol = tol.quantize(Decimal(1).scaleb(-(cands[0].decimals + 3))).normalize()
    return Finding(
        id=finding_id(inst.rule, inst.slots, variant),
        kind=inst.kind,
        rule=inst.rule,
        severity=severity,
        facts=[c.fact for c in cands if c.position >= 0],
        stated=stated,
        expected=exp,
        tolerance=tol,
        culprit=culprit,
        undetermined=undetermined,
        message=zh + czh,
        message_en=en + cen,
    )


def _rounding(inst: Instance, cands: tuple[Candidate, ...]) -> bool:
    """Passed, but the point value computed does not round to the figure as written."""
    if inst.eq.bound:
        return False
    got = inst.eq.computed([Interval.point(c.value) for c in cands])
    if got is None or not got.bounded:
        return False
    head = cands[0]
    return head.interval.lo != head.interval.hi and quantize(got.mid, head.decimals) != head.value


def run_checks(result: Result, profile: Profile = CN_BUDGET) -> tuple[list[Finding], list[CheckRecord]]:
    """All checks of ``profile`` over ``result``: (findings, check records)."""
    book = build_book(result)
    instances, records = expand(profile, book)
    evals = {i.name: [_evaluate(i, book, c) for c in _combos(i, book)] for i in instances}
    settled = _settle(book, evals, instances)
    findings, conflict_records = _conflicts(book, settled)

    status: dict[str, tuple[Status, _Eval | None, str | None]] = {
        i.name: _final(i, evals[i.name], settled) for i in instances
    }
    # alternative readings (a share of one whole or another): one passing is enough
    groups: dict[str, list[Instance]] = defaultdict(list)
    for i in instances:
        if i.group:
            groups[i.group].append(i)
    for members in groups.values():
        ok = next((m for m in members if status[m.name][0] == "passed"), None)
        failed = [m for m in members if status[m.name][0] == "failed"]
        for m in members:
            if (ok is not None and m is not ok) or (ok is None and failed and m is not failed[0]):
                status[m.name] = ("not_run", None, "another reading of the whole is checked instead")

    checks: dict[str, Check] = {}
    splits: dict[str, list[tuple[Check, SlotKey]]] = {}
    for i in instances:
        st, ev, _ = status[i.name]
        if ev is None:
            continue
        lead = next((k for k in i.slots if settled[k] is None), None)
        if st == "failed" and lead is not None:
            splits[i.name] = _split(i, book, settled, lead)
        else:
            checks[i.name] = Check(i, _cands(i, book, ev.combo), st == "passed")
    failing = [c for c in checks.values() if not c.passed]
    passing = [c for c in checks.values() if c.passed]
    confirmed = {k for c in passing if not c.inst.eq.bound or c.inst.eq.tight(c.ivs()) for k in c.inst.slots}
    confirmed |= {k for k, s in book.slots.items() if (g := settled[k]) is not None and s.agreeing_duplicate(g)}
    unsettled = {k for k, g in settled.items() if g is None}
    culprits = localise(failing, passing, confirmed, book.slots, unsettled)

    for inst in instances:
        st, _ev, reason = status[inst.name]
        if inst.name in splits:
            for n, (part, lead) in enumerate(splits[inst.name], start=1):
                culprit = localise_one(part, lead, passing, book.slots)
                f = _finding(part.inst, part.cands, "material", culprit, culprit is None, variant=f"#{n}")
                findings.append(f)
                records.append(
                    CheckRecord(
                        rule=part.inst.name,
                        kind=inst.kind,
                        status="failed",
                        finding_id=f.id,
                        reason="one of several values stated for a figure",
                    )
                )
            continue
        chk = checks.get(inst.name)
        fid = None
        if chk is not None and not chk.passed:
            f = _finding(inst, chk.cands, "material", culprits.get(inst.name), culprits.get(inst.name) is None)
            findings.append(f)
            fid = f.id
        elif chk is not None and _rounding(inst, chk.cands):
            f = _finding(inst, chk.cands, "rounding", None, False)
            findings.append(f)
            fid = f.id
        records.append(CheckRecord(rule=inst.name, kind=inst.kind, status=st, finding_id=fid, reason=reason))
    records = conflict_records + records
    log.debug(
        "reconcile: %d checks (%d failed), %d findings",
        len(records),
        sum(r.status == "failed" for r in records),
        len(findings),
    )
    return findings, records
