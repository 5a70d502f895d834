"""Which 绩效目标表 forms are project rows beside the report's project table.

A budget gives its projects twice: as rows of the 项目支出表 and as one 绩效目标表 form each
(项目名称, 资金总额, 财政拨款, :mod:`project_forms`). How the two overlap follows from how these
reports are written:

- a form whose 资金总额 is a row's of the same name is that row again;
- a form of a row's name with other figures restates that row: it stays, flagged ``restates``,
  for the reconciler to find the disagreement — where it is clear which row it restates: one
  form and one row of the name left unpaired, and that row the first of the name in the table
  (a restatement is compared with the name's first row). Several forms left over for one row
  are forms of other years the report prints beside this year's (a department publishes its
  earlier projects' targets too): they restate nothing;
- where the table adds up to the report's project spending (项目支出), it lists every project the
  budget funds: a form naming none of its projects is an earlier year's, no row of this budget.
  Without such a table, a form of another name is a project row of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from extractor.backends.rules.project_rows import restated
from extractor.concepts import normalise_name
from extractor.result import Project

__all__ = ["with_forms"]

_CENT = Decimal("0.01")


def _amount(p: Project, measure: str) -> Decimal | None:
    value = getattr(p, measure)
    return value if value is not None else p.budget


def _complete(table: Sequence[Project], measure: str, spending: Iterable[Decimal]) -> bool:
    """The table's 合计 (else the sum of its rows) is the project spending the report states."""
    total = next((a for p in table if p.is_total and (a := _amount(p, measure)) is not None), None)
    slack = _CENT
    if total is None:
        amounts = [_amount(p, measure) for p in table if not p.is_total]
        if not amounts or any(a is None for a in amounts):
            return False
        total = sum((a for a in amounts if a is not None), Decimal(0))
        slack = _CENT * len(amounts)  # each row rounded on its own
    return any(abs(total - s) <= slack for s in spending)


def with_forms(
    table: Sequence[Project], forms: Sequence[Project], measure: str, spending: Iterable[Decimal]
) -> list[Project]:
    """The table's rows, then the forms that are rows of their own or restate one.

    ``measure``: the table's (``budget`` in a budget); ``spending``: the project spending the
    report states in that measure (its 项目支出 facts)."""
    rows = [p for p in table if not p.is_total]
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(rows):
        by_name[normalise_name(p.name)].append(i)
    complete = _complete(table, measure, spending)
    out = list(table)
    of_rows: dict[str, list[Project]] = defaultdict(list)
    for form in forms:
        key = normalise_name(form.name)
        if key in by_name:
            of_rows[key].append(form)
        elif not complete:
            out.append(form)
    for key, named in of_rows.items():
        first, unpaired, left = by_name[key][0], list(by_name[key]), []
        for form in named:
            same = next((i for i in unpaired if rows[i].budget == form.budget), None)
            if same is None:
                left.append(form)
                continue
            unpaired.remove(same)
            again = restated(form, rows[same])  # the same amount, another 财政拨款
            if again is not None and same == first:
                out.append(again)
        if len(left) == 1 and unpaired == [first]:
            again = restated(left[0], rows[first])
            if again is not None:
                out.append(again)
    return out
