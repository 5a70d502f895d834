"""Relations over the rows of a report: each project's rate and bounds, the projects against their
合计 row and the department's project spending, and an indicator table's weights and scores
against its 总分, its sub-totals and the evaluation's score."""

from __future__ import annotations

from decimal import Decimal

from extractor.reconcile.equations import RatioEq, SumEq
from extractor.reconcile.instances import Instance, Out, not_run, show, slot_key
from extractor.reconcile.profiles import Profile, parse_ref
from extractor.reconcile.slots import EVAL_SCORE, Book, SlotKey
from extractor.result import INDICATOR_NUMBERS, CheckRecord

__all__ = ["expand_indicators", "expand_projects"]


def expand_projects(profile: Profile, book: Book) -> Out:
    rules = profile.projects
    instances: list[Instance] = []
    records: list[CheckRecord] = []
    rows = [("project", n) for n in book.projects] + [("project_total", n) for n in book.project_totals]
    for row in rows:
        rname = f"{row[0]}:{row[1]}"
        if rules.rate and book.has((*row, "rate")):
            keys = ((*row, "rate"), (*row, "actual"), (*row, "budget"))
            missing = [k for k in keys if not book.has(k)]
            if missing:
                records.append(not_run(f"project.rate:{rname}", "ratio", missing))
            else:
                instances.append(Instance("project.rate", "ratio", f"project.rate:{rname}", keys, RatioEq()))
        for part, whole in rules.bounds:
            pk, wk = (*row, part), (*row, whole)
            if book.has(pk) and book.has(wk):
                instances.append(
                    Instance(
                        f"project.{part}<={whole}",
                        "bound",
                        f"project.{part}<={whole}:{rname}",
                        (wk, pk),
                        SumEq((1,), le=True),
                    )
                )
    for fld, target in rules.within:
        cells: list[SlotKey] = [("project", n, fld) for n in book.projects if book.has(("project", n, fld))]
        tkey = slot_key(parse_ref(target), "", "all", fld, "current", "")
        if cells and book.has(tkey):
            instances.append(
                Instance(
                    "projects<=expenditure.project",
                    "bound",
                    f"projects.{fld}<={show(tkey)}",
                    (tkey, *cells),
                    SumEq((1,) * len(cells), le=True),
                )
            )
    for total in book.project_totals:
        for fld in rules.total_fields:
            tkey = ("project_total", total, fld)
            if not book.has(tkey):
                continue
            name = f"projects.sum:{fld}" + (f"#{total}" if len(book.project_totals) > 1 else "")
            pkeys = [("project", n, fld) for n in book.project_members.get(total, [])]
            missing = [k for k in pkeys if not book.has(k)]
            if missing or not pkeys:
                records.append(not_run(name, "sum", missing or [("project", "*", fld)]))
                continue
            instances.append(Instance("projects.sum", "sum", name, (tkey, *pkeys), SumEq((1,) * len(pkeys))))
    return instances, records


def expand_indicators(profile: Profile, book: Book) -> Out:
    rules = profile.indicators
    instances: list[Instance] = []
    records: list[CheckRecord] = []
    rows = [i for i in book.indicators if not book.indicator_rows[i][3]]
    totals = [i for i in book.indicators if book.indicator_rows[i][3]]
    grand = [t for t in totals if book.indicator_rows[t][0] is None and book.indicator_rows[t][1] is None]

    if rules.score_le_weight:
        for i in rows:
            w, s = ("indicator", str(i), "weight"), ("indicator", str(i), "score")
            if book.has(w) and book.has(s):
                instances.append(
                    Instance(
                        "indicator.score<=weight",
                        "bound",
                        f"indicator.score<=weight:#{i}",
                        (w, s),
                        SumEq((1,), le=True),
                    )
                )

    def add_sum(rule: str, name: str, target: SlotKey, members: list[int], fld: str, *, at_most: bool = False) -> None:
        keys = [("indicator", str(i), fld) for i in members]
        have = [k for k in keys if book.has(k)]
        if not have:
            return
        if len(have) < len(keys):
            records.append(not_run(name, "sum", [k for k in keys if not book.has(k)]))
            return
        instances.append(
            Instance(rule, "bound" if at_most else "sum", name, (target, *have), SumEq((1,) * len(have), le=at_most))
        )

    weight_target: SlotKey | None = None
    if grand and book.has(("indicator", str(grand[0]), "weight")):
        weight_target = ("indicator", str(grand[0]), "weight")
    elif rules.weights_total is not None:
        weight_target = book.const(Decimal(rules.weights_total))
    if weight_target is not None:
        # against the conventional 100 (no 总分 row stated) only "Σ weights ≤ 100" is sure: a table's
        # points may also sit on rows that are not indicators (a project table's 预算执行率 row)
        add_sum(
            "indicators.weights=total",
            "indicators.weights=total",
            weight_target,
            rows,
            "weight",
            at_most=not (grand and book.has(("indicator", str(grand[0]), "weight"))),
        )
    if rules.scores_eq_evaluation and book.has(EVAL_SCORE):
        add_sum("indicators.scores=evaluation", "indicators.scores=evaluation", EVAL_SCORE, rows, "score")
    if grand and book.has(("indicator", str(grand[0]), "score")):
        add_sum(
            "indicators.scores=total", "indicators.scores=total", ("indicator", str(grand[0]), "score"), rows, "score"
        )
    if rules.subtotals:
        for t in totals:
            l1, l2, _name, _ = book.indicator_rows[t]
            if l1 is None and l2 is None:
                continue
            members = [
                i
                for i in rows
                if (l1 is None or book.indicator_rows[i][0] == l1) and (l2 is None or book.indicator_rows[i][1] == l2)
            ]
            for fld in INDICATOR_NUMBERS:
                if members and book.has(("indicator", str(t), fld)):
                    add_sum(
                        "indicators.subtotal",
                        f"indicators.subtotal:{fld}:#{t}",
                        ("indicator", str(t), fld),
                        members,
                        fld,
                    )
    return instances, records
