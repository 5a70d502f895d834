"""Project tables read from a grid: one project per row of a 项目支出表.

A table is one of projects when a header cell names the project column (项目名称, 二级项目,
单位(项目)名称, 支出项目类别 …). Its amount columns are read through the merged header cells
(:mod:`headers`): the row's total (总计 / 合计 / 项目金额) is the project's ``budget`` (or
``actual`` in a 决算), and the fiscal part — the 合计 under 财政拨款, else the 一般公共预算
column — its ``fiscal_budget``. A 合计 row is the total row (kept for the Σ rows check); rows
that name a unit (its code in the first cell, or a name ending in 局 / 中心 / 委员会 …) are the
unit's subtotals, not projects. The unit line above the table (单位：元) converts the amounts.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.backends.rules.classified import context
from extractor.backends.rules.grids import (
    CellSpan,
    Row,
    cell_evidence,
    cell_number,
    first_figure_row,
    is_ordinal_row,
    table_rows,
)
from extractor.backends.rules.headers import bare, columns, paths
from extractor.document import Document
from extractor.numbers import to_wan
from extractor.result import Evidence, Project

__all__ = ["read_project_tables"]

_NAME_HEADER = re.compile(r"^(?:项目名称|二级项目|(?:单位)?[(（]?项目[)）]?名称|支出项目(?:类别)?(?:[(（].*[)）])?|项目)$")
_UNIT_ROW = re.compile(r"(?:委员会|管理局|局|厅|中心|办公室|院|所|站|馆|队|学校|医院|政府)$")
_TOTAL_ROW = re.compile(r"^(?:合计|总计|小计)$")
_FISCAL = re.compile(r"财政拨款|一般公共预算")


def read_project_tables(doc: Document, measure: str) -> list[Project]:
    out: list[Project] = []
    for rows in table_rows(doc):
        if not rows or rows[0].cells[0].col < 0:
            continue
        at = next((i for i, r in enumerate(rows[:6])
                   if any(_NAME_HEADER.match(bare(c.text)) and bare(c.text) != "项目" for c in r.cells)), None)
        if at is None:
            continue
        first_body = first_figure_row(rows, at)
        header = [r for r in rows[at:first_body] if not is_ordinal_row(r)]
        name_col = next(c.col for c in rows[at].cells if _NAME_HEADER.match(bare(c.text)))
        name_span = next(c.colspan for c in rows[at].cells if c.col == name_col)
        cols = columns(header, measure) or {}
        by_col = paths(header)
        total = next((j for j, c in sorted(cols.items()) if c.role == "total" and c.period == "current"
                      and c.measure == measure and j >= name_col + name_span), None)
        if total is None:
            continue
        carried = re.compile(r"结转|结余")
        fiscal = next((j for j, path in enumerate(by_col) if j > total and path and any(_FISCAL.search(t) for t in path)
                       and not any(carried.search(t) for t in path)
                       and (path[-1] in ("合计", "小计") or "一般公共预算" in path[-1])), None)
        _, unit = context(doc, rows[0].cells[0].start)
        found = [p for row in rows[first_body:]
                 if (p := _project(doc, row, name_col, name_span, total, fiscal, measure, unit)) is not None]
        if sum(not p.is_total for p in found) < 2:
            found = [p for p in found if not p.is_total]  # a total over one row checks nothing
        out.extend(found)
    return out


def _project(doc: Document, row: Row, name_col: int, name_span: int, total: int, fiscal: int | None,
             measure: str, unit: str) -> Project | None:
    by_col: dict[int, CellSpan] = {c.col: c for c in row.cells}
    names = [c for c in row.cells if name_col <= c.col < name_col + name_span and cell_number(c) is None]
    totals = [c for c in row.cells if c.col < name_col + name_span and _TOTAL_ROW.match(bare(c.text))]
    if totals:
        names = totals
    elif not names or any(re.fullmatch(r"\d{3,}", bare(c.text)) for c in row.cells if c.col < name_col):
        return None  # no name, or a unit's code before it: the unit's subtotal
    name_cell = names[-1]
    name = bare(name_cell.text)
    is_total = bool(_TOTAL_ROW.match(name))
    if not is_total and (_UNIT_ROW.search(name) or len(re.findall(r"[\u4e00-\u9fff]", name)) < 2
                         or re.match(r"\d+个", name)):
        return None
    values: dict[str, Decimal] = {}
    cells: dict[str, Evidence] = {}
    decimals: dict[str, int] = {}
    field = "budget" if measure == "budget" else "actual"
    for key, j in ((field, total), (f"fiscal_{field}", fiscal)):
        cell = by_col.get(j) if j is not None else None
        parsed = cell_number(cell) if cell is not None else None
        if cell is None or parsed is None or parsed[2]:
            continue
        values[key], decimals[key] = to_wan(parsed[0], unit, parsed[1])
        cells[key] = cell_evidence(doc, cell.start, cell.end)
    if field not in values:
        return None
    return Project(name=name, evidence=cell_evidence(doc, name_cell.start, name_cell.end), cells=cells,
                   decimals=decimals, is_total=is_total, **values)
