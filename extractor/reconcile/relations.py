"""Expand a profile over one result: concrete checks (instances) and the ones that cannot run.

Each :class:`Instance` is one relation among concrete slots — ``expenditure.total@all =
basic@all + project@all`` for the actual figures of the current year, say — with the
equation to evaluate. A relation some of whose operands are stated but which cannot be
evaluated (a rate without its budget) becomes a ``not_run`` :class:`CheckRecord` saying what
is missing, so a missing check is never mistaken for a passed one.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from decimal import Decimal

from extractor.concepts import BY_ID, CATALOGUE, SCOPES
from extractor.reconcile.equations import ChangePctEq, Equation, PriorPctEq, RatioEq, ShareOfSumEq, SumEq
from extractor.reconcile.instances import Instance, KeyShape, Out, key_shape, not_run, qual, show, slot_key
from extractor.reconcile.lines import under_line
from extractor.reconcile.profiles import Form, Profile, Ref, Sum, parse_ref
from extractor.reconcile.rows import expand_indicators, expand_projects
from extractor.reconcile.slots import Book, SlotKey
from extractor.result import CheckRecord

__all__ = ["expand"]


_SCOPED_MONEY = tuple(c.id for c in CATALOGUE if c.scoped and c.kind == "money")


def _sum_bindings(rule: Sum, book: Book) -> Iterator[tuple[str, str]]:
    """(concept, label) bindings of a sum: one, or every scoped money concept for ``*``."""
    if not rule.total.startswith("*"):
        yield "", ""
        return
    for c in _SCOPED_MONEY:
        if BY_ID[c].labelled:
            labels = {lab for (cc, _m, _p, _s), labs in book.labels.items() if cc == c for lab in labs}
            for lab in sorted(labels):
                yield c, lab
        else:
            yield c, ""


Stated = dict[tuple[str, str], list[SlotKey]]
"""The book's fact keys by (concept, label)."""


def _stated_at(
    shapes: Sequence[KeyShape], stated: Stated, scopes: Sequence[str], measures: Sequence[str], periods: Sequence[str]
) -> set[tuple[str, str, str]]:
    """The (scope, measure, period) bindings at which one of ``shapes`` names a stated slot: the
    others have nothing to check, so a sum over them is not built (most bindings of most rules)."""
    at: set[tuple[str, str, str]] = set()
    for shape in shapes:
        for _f, _c, m, p, sc, _l in stated.get((shape.concept, shape.label), ()):
            if shape.measure is not None and shape.measure != m:
                continue
            if shape.period is not None and shape.period != p:
                continue
            if shape.scope is not None or not shape.scoped:
                if sc != (shape.scope or "all"):
                    continue
                ss: Sequence[str] = scopes  # the key's scope is fixed: every binding's scope names it
            else:
                ss = (sc,) if sc in scopes else ()
            ms = measures if shape.measure is not None else ((m,) if m in measures else ())
            ps = periods if shape.period is not None else ((p,) if p in periods else ())
            at.update(itertools.product(ss, ms, ps))
    return at


def _expand_sum(rule: Sum, book: Book, stated_keys: Stated) -> Out:
    instances: list[Instance] = []
    records: list[CheckRecord] = []
    total_ref = parse_ref(rule.total.replace("*", ""))
    part_refs = [parse_ref(p.replace("*", "")) for p in rule.parts]
    scopes = rule.scopes or SCOPES
    named: set[str] = set()  # instances' and records' names so far: one relation each
    for concept, label in _sum_bindings(rule, book):
        total_shape = key_shape(total_ref, concept, label)
        part_shapes = [key_shape(r, concept, label) for r in part_refs]
        at = _stated_at((total_shape, *part_shapes), stated_keys, scopes, rule.measures, rule.periods)
        if not at:
            continue  # nothing of this binding is stated (most bindings of a ``*`` rule)
        for scope in scopes:
            for measure in rule.measures:
                for period in rule.periods:
                    if (scope, measure, period) not in at:
                        continue  # neither the total nor a part is stated there
                    tkey = total_shape.key(scope, measure, period)
                    pkeys = [s.key(scope, measure, period) for s in part_shapes]
                    refs = part_refs
                    if rule.lined:  # a part printed under the total's line is none of its parts
                        keep = [not under_line(book, tkey, k, pkeys) for k in pkeys]
                        pkeys = [k for k, ok in zip(pkeys, keep, strict=True) if ok]
                        refs = [r for r, ok in zip(part_refs, keep, strict=True) if ok]
                    stated = [(k, r.sign) for k, r in zip(pkeys, refs, strict=True) if book.has(k)]
                    if not book.has(tkey) and not stated:
                        continue
                    name = rule.id + (f":{concept}" if concept else "") + qual(tkey[4], measure, period, label)
                    if name in named:
                        continue  # an unscoped relation is the same for every scope
                    kind = rule.kind
                    if rule.mode == "exact":
                        missing = [
                            k
                            for k, p in zip(pkeys, rule.parts, strict=True)
                            if not book.has(k) and p.lstrip("+-") not in rule.default_zero
                        ]
                        if not book.has(tkey):
                            continue  # the identity is about the total: silent when it is not stated
                        outflows_only = missing and all(
                            p.lstrip("+-") in rule.outflows
                            for k, p in zip(pkeys, rule.parts, strict=True)
                            if k in missing
                        )
                        if missing and not outflows_only:
                            records.append(not_run(name, kind, missing))
                            named.add(name)
                            continue
                        eq: Equation = SumEq(tuple(s for _, s in stated), ge=bool(missing))
                    elif not book.has(tkey) or not stated:
                        records.append(not_run(name, kind, [tkey] if not book.has(tkey) else pkeys))
                        named.add(name)
                        continue
                    else:
                        # with parts unstated, only "Σ stated ≤ total" is checkable (still a sum rule)
                        complete = rule.mode == "complete" and len(stated) == len(pkeys)
                        eq = SumEq(tuple(s for _, s in stated), le=not complete)
                    instances.append(Instance(rule.id, kind, name, (tkey, *(k for k, _ in stated)), eq))
                    named.add(name)
    return instances, records


def _partial(book: Book, total: SlotKey, parts: tuple[SlotKey, ...]) -> bool:
    """The parts make less than half their total and fall short of it by more than any one of
    them: a listing of some classes (a 其中 list naming the main ones, or 项 among 类), not all
    of them with a slip in one (a class halved by a slip still leaves more than half). Only
    ``Σ ≤ total`` is then sure."""
    values = [book.slots[k].candidates[0].value for k in parts]
    whole, listed = book.slots[total].candidates[0].value, sum(values, Decimal(0))
    return 2 * listed < whole and whole - listed > max(values)


def _expand_label_sums(profile: Profile, book: Book) -> Out:
    instances: list[Instance] = []
    for rule in profile.label_sums:
        total_ref, part_ref = parse_ref(rule.total), parse_ref(rule.part)
        for (concept, measure, period, scope), labels in book.labels.items():
            if concept != part_ref.concept or measure not in rule.measures or not labels:
                continue
            tkey = slot_key(total_ref, "", scope, measure, period, "")
            if not book.has(tkey):
                continue
            pkeys = tuple(("fact", concept, measure, period, scope, lab) for lab in labels)
            eq = SumEq((1,) * len(pkeys), le=len(pkeys) < 2 or _partial(book, tkey, pkeys))
            instances.append(
                Instance(
                    rule.id, "bound" if eq.le else "sum", rule.id + qual(scope, measure, period), (tkey, *pkeys), eq
                )
            )
    return instances, []


def _expand_code_sums(profile: Profile, book: Book) -> Out:
    """A class's rows by code: Σ 款 ≤ 类 and Σ 项 ≤ 款 (a 款 of class 301 is 301xx).

    Only the bound is sure: a reader may miss a row of the table, never add one. The rows
    of a class follow it in the table, in ascending order of code: a code lower than the one
    before it starts the class over (a cross-classified table repeats the class under each
    class of its other classification), and so does the next class. A code whose row repeats
    in another table (two coverages) is not summed: which repetition belongs to which total
    is unknown."""
    instances: list[Instance] = []
    if not profile.code_sums:
        return instances, []

    def at(key: SlotKey) -> int:
        return book.slots[key].candidates[0].position

    for (family, measure, period, scope), by_code in book.coded.items():
        for code, parents in by_code.items():
            if len(code) > 5 or len(parents) != 1:
                continue
            ((parent, repeated),) = parents
            start = at(parent)
            ends = [at(k) for c, rows in by_code.items() if len(c) == len(code) and c != code for k, _ in rows]
            end = min((e for e in ends if e > start), default=None)
            rows = sorted(
                (at(k), c, k, r)
                for c, rows in by_code.items()
                if len(c) == len(code) + 2 and c.startswith(code)
                for k, r in rows
            )
            children: list[tuple[SlotKey, bool]] = []
            last = ""
            for pos, c, k, r in rows:
                if pos < start or (end is not None and pos > end) or c < last:
                    if children:
                        break
                    continue
                children.append((k, r))
                last = c
            if repeated or not children or any(r for _, r in children):
                continue
            name = f"code_sum:{family}:{code}" + qual(scope, measure, period)
            keys = tuple(k for k, _ in children)
            instances.append(Instance("class>=Σcodes", "sum", name, (parent, *keys), SumEq((1,) * len(keys), le=True)))
    return instances, []


def _equation(form: Form) -> Equation:
    if form.equation == "ratio":
        return RatioEq()
    if form.equation == "change_pct":
        return ChangePctEq()
    if form.equation == "prior_pct":
        return PriorPctEq()
    return SumEq((1,) * (len(form.operands) - 1))


def _relative(ref: Ref, trigger: SlotKey) -> SlotKey:
    _, c, m, p, s, lab = trigger
    return ("fact", ref.concept or c, ref.measure or m, ref.period or p, ref.scope or s, lab)


def _expand_per_measure(profile: Profile, book: Book) -> Out:
    instances: list[Instance] = []
    records: list[CheckRecord] = []
    by_measure: dict[str, list[SlotKey]] = {}
    for k in book.slots:
        if k[0] == "fact":
            by_measure.setdefault(k[2], []).append(k)
    for rule in profile.per_measure:
        for key in by_measure.get(rule.measure, ()):
            _, c, _m, p, s, lab = key
            name = f"{rule.id}:{c}" + qual(s, rule.measure, p, lab).replace(f":{rule.measure}", "")
            first_missing: list[SlotKey] | None = None
            for form in rule.forms:
                keys = tuple(_relative(parse_ref(o), key) for o in form.operands)
                missing = [k for k in keys if not book.has(k)]
                if not missing:
                    instances.append(Instance(rule.id, form.kind, name, keys, _equation(form)))
                    break
                first_missing = first_missing if first_missing is not None else missing
            else:
                records.append(not_run(name, rule.forms[0].kind, first_missing or []))
    inst, recs = _expand_shares(profile, book)
    return instances + inst, records + recs


def _whole_refs(profile: Profile, concept: str, scope: str) -> tuple[str, ...] | None:
    for row in profile.share_wholes:
        hit = concept.startswith(row.concept[:-1]) if row.concept.endswith("*") else concept == row.concept
        if hit and (not row.sub_scope or scope != "all"):
            return tuple(w.replace("{scope}", scope) for w in row.wholes)
    return None


def _expand_shares(profile: Profile, book: Book) -> Out:
    instances: list[Instance] = []
    records: list[CheckRecord] = []
    for key in [k for k in book.slots if k[0] == "fact" and k[2] == "share"]:
        _, c, _m, p, s, lab = key
        name = f"share:{c}" + qual(s, "share", p, lab).replace(":share", "")
        # a share of what is stated: the amounts spent, or in a budget the amounts budgeted
        measure = (
            "budget"
            if not book.has(("fact", c, "actual", p, s, lab)) and book.has(("fact", c, "budget", p, s, lab))
            else "actual"
        )
        part = ("fact", c, measure, p, s, lab)
        wholes = _whole_refs(profile, c, s) or ()
        # a whole written "a+b" is one the report states only as its parts
        wkeys = [tuple(slot_key(parse_ref(r), "", s, measure, p, "") for r in w.split("+")) for w in wholes]
        wkeys = [w for w in wkeys if part not in w]
        if not wkeys:
            records.append(
                CheckRecord(
                    rule=name, kind="ratio", status="not_run", reason="the profile does not say whose share this is"
                )
            )
            continue
        stated = [w for w in wkeys if all(book.has(k) for k in w)]
        if not book.has(part) or not stated:
            missing = ([] if book.has(part) else [part]) + ([] if stated else [k for w in wkeys for k in w])
            records.append(not_run(name, "ratio", missing))
            continue
        for w in stated:
            instances.append(
                Instance(
                    "share",
                    "ratio",
                    name + (f"/{'+'.join(show(k) for k in w)}" if len(stated) > 1 else ""),
                    (key, part, *w),
                    RatioEq() if len(w) == 1 else ShareOfSumEq(),
                    group=name if len(stated) > 1 else None,
                )
            )
    return instances, records


def _expand_nesting(profile: Profile, book: Book) -> Out:
    instances: list[Instance] = []
    for rule in profile.nesting:
        for key in [k for k in book.slots if k[0] == "fact" and k[4] == rule.child]:
            _, c, m, p, _s, lab = key
            if c not in _SCOPED_MONEY or m not in ("actual", "budget"):
                continue
            if rule.unless and book.has(("fact", c, m, p, rule.unless, lab)):
                continue
            parent = ("fact", c, m, p, rule.parent, lab)
            if book.has(parent):
                name = (
                    f"scope:{c}@{rule.child}<={rule.parent}:{m}"
                    + ("~prior" if p == "prior" else "")
                    + (f"[{lab}]" if lab else "")
                )
                instances.append(Instance("scope<=parent", "bound", name, (parent, key), SumEq((1,), le=True)))
    return instances, []


def _expand_unchecked(profile: Profile, book: Book) -> list[CheckRecord]:
    out = []
    for rid, why in profile.unchecked:
        concept = rid.split("=", 1)[0]
        items = any(k[0] == "fact" and k[1] == concept + "_item" for k in book.slots)
        if items and any(k[0] == "fact" and k[1] == concept for k in book.slots):
            out.append(CheckRecord(rule=rid, kind="sum", status="not_run", reason=why))
    return out


def expand(profile: Profile, book: Book) -> Out:
    """Every concrete check of ``profile`` over ``book``, and the not-run records."""
    instances: list[Instance] = []
    records: list[CheckRecord] = []
    stated: Stated = {}
    for k in book.slots:
        if k[0] == "fact":
            stated.setdefault((k[1], k[5]), []).append(k)
    for rule in profile.sums:
        i, r = _expand_sum(rule, book, stated)
        instances += i
        records += r
    for part in (
        _expand_label_sums,
        _expand_code_sums,
        _expand_per_measure,
        _expand_nesting,
        expand_projects,
        expand_indicators,
    ):
        i, r = part(profile, book)
        instances += i
        records += r
    records += _expand_unchecked(profile, book)
    return instances, records
