"""Project tables read from a grid: one project per row of a 项目支出表.

A table is one of projects when a header cell names the project column (项目名称, 二级项目,
单位(项目)名称, 支出项目类别 …). Its amount columns are read through the merged header cells
(:mod:`headers`): the row's total (总计 / 合计) is the project's ``budget`` (or ``actual`` in a
决算), and the fiscal part — the 合计 under 财政拨款, else the 一般公共预算 column — its
``fiscal_budget``. Where no column names a total, the amount column is the one headed by what
it holds (项目金额, 资金总额, 预算批复, 当年预算 …); an evaluation's table also gives 实际执行 and
执行率 columns (``actual``, ``rate``). A 合计 row is the total row (kept for the Σ rows check);
rows that name a unit (its code in the first cell, or a name ending in 局 / 中心 / 委员会 …) are
the unit's subtotals, and category rows (:mod:`project_rows`) are not projects either. The unit
line above the table (单位：元) converts the amounts. A table of basic spending (基本支出) by
economic class is no project table. A page that repeats the header, has no 合计 and numbers
its rows on from the page before (序号 17 → 18) continues the table (续表); a 序号 is no unit's
code. A table that says it lists only part of the projects
(重点项目 in its title, 注：已剔除涉密项目 under it) keeps no 合计 row: its rows cannot add up to
it. The same project in a later table (a 绩效目标表 restating the 项目支出表, a table repeated
in another form) is one row.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from extractor.backends.rules.grids import (
    CellSpan,
    Row,
    cell_evidence,
    cell_number,
    first_figure_row,
    is_ordinal_row,
    table_rows,
)
from extractor.backends.rules.headers import ORDINAL_HEADER, UNIT_CODE_HEADER, bare, columns, paths
from extractor.backends.rules.project_rows import Read, drop_categories, drop_repeats
from extractor.backends.rules.titles import context
from extractor.document import Document
from extractor.numbers import to_wan
from extractor.result import Evidence, Project

__all__ = ["read_project_tables"]

_NAME_HEADER = re.compile(
    r"^(?:项目名称|二级项目|(?:单位)?[(（]?项目[)）]?名称|支出项目(?:类别)?(?:[(（].*[)）])?|项目)$"
)
_UNIT_ROW = re.compile(r"(?:委员会|管理局|局|厅|中心|办公室|院|所|站|馆|队|学校|医院|政府)$")
_PROJECT_WORD = re.compile(r"经费|资金|专项|项目|费用?|补助|补贴|奖励|慰问金")
"""A name that says what money is for is a project even where it ends with the unit that
spends it (辅助人员补助经费-某某站)."""
_TOTAL_ROW = re.compile(r"^(?:合计|总计|小计)$")
_FISCAL = re.compile(r"财政拨款|一般公共预算")
_CARRIED = re.compile(r"结转|结余")
_BUDGET_COL = re.compile(
    r"^(?:全年|年初|年度|调整后的?|当年)?(?:财政拨款)?预算(?:批复|数|金额|安排数?)?(?:数)?(?:[(（].*[)）])?$"
    r"|^(?:项目|资金)?(?:金额|总额)(?:[(（].*[)）])?$|^(?:年度)?资金总额$"
)
_ACTUAL_COL = re.compile(r"^(?:实际|全年|年度)?(?:执行|支出)(?:数|金额)?$|^实际(?:执行|支出)(?:数|金额)?$|^决算数$")
_RATE_COL = re.compile(r"^(?:预算)?执行率(?:[(（]%[)）])?$")
_BASIC_TITLE = re.compile(r"基本支出")
_PART = re.compile(r"涉密|重点项目|部分项目|主要项目")
_NOTE = re.compile(r"^\s*(?:注|备注|说明)\s*[:：].*$", re.M)


def _targets(row: Row) -> bool:
    """A header row that sets each project's 绩效目标 beside it (项目 | 预算数 | 绩效目标): a
    table of projects even where its name column is headed only 项目 (a ledger's word too)."""
    return any(bare(c.text) == "绩效目标" for c in row.cells)


def read_project_tables(doc: Document, measure: str, grids: Sequence[list[Row]] | None = None) -> list[Project]:
    """Every project table's rows; ``measure`` is the report's (``budget`` or ``actual``), ``grids`` the
    document's :func:`table_rows` when the caller has them already."""
    parts: list[_Part] = []
    for rows in table_rows(doc) if grids is None else grids:
        if not rows or rows[0].cells[0].col < 0:
            continue
        at = next(
            (
                i
                for i, r in enumerate(rows[:6])
                if any(_NAME_HEADER.match(bare(c.text)) and (bare(c.text) != "项目" or _targets(r)) for c in r.cells)
            ),
            None,
        )
        if at is None:
            continue
        title, unit = context(doc, rows[0].cells[0].start)
        if _BASIC_TITLE.search(title) and "项目" not in title:
            continue  # 基本支出表: its rows are economic classes, not projects
        first_body = first_figure_row(rows, at)
        header = [r for r in rows[at:first_body] if not is_ordinal_row(r)]
        name_col = next(c.col for c in rows[at].cells if _NAME_HEADER.match(bare(c.text)))
        name_span = next(c.colspan for c in rows[at].cells if c.col == name_col)
        fields = _fields(header, measure, name_col + name_span)
        if not fields:
            continue
        ordinal, unit_codes = _headed(header, ORDINAL_HEADER), _headed(header, UNIT_CODE_HEADER)
        found = [
            r
            for row in rows[first_body:]
            if (r := _read(doc, row, name_col, name_span, fields, unit, ordinal, unit_codes)) is not None
        ]
        found = _coded_units(found)
        part = _Part(
            tuple(bare(c.text) for r in header for c in r.cells),
            title,
            found,
            rows[0].cells[0].start,
            rows[-1].cells[-1].end,
        )
        if parts and _continues(doc, parts[-1], part):
            parts[-1].found.extend(found)
            parts[-1].end = part.end
            continue
        parts.append(part)
    tables: list[list[Project]] = []
    for part in parts:
        projects = drop_categories(part.found)
        if sum(not p.is_total for p in projects) < 2 or _partial(doc, part.title, part.end):
            projects = [p for p in projects if not p.is_total]  # a total over one row (or rows left out) checks nothing
        tables.append(projects)
    targets = [any(h == "绩效目标" for h in part.header) for part in parts]
    return drop_repeats(tables, restating=targets)


@dataclass
class _Part:
    """One grid of a project table: the table itself, or a page of it."""

    header: tuple[str, ...]
    title: str
    found: list[Read]
    start: int
    end: int


_GAP_LINES = 3
"""Lines a continued table's next page may repeat above its header (the title, the unit line)."""


def _continues(doc: Document, before: _Part, part: _Part) -> bool:
    """A grid continues the project table before it (续表) when it repeats that table's header, has
    no 合计 of its own, numbers its rows on from the last row before (序号 17 → 18), and only its
    repeated title and unit lines stand between them. A table without a 序号 column (its rows led
    by their unit's name) goes on when the grid opens the next page and its rows make up what the
    table's rows so far fall short of its 合计."""
    if part.header != before.header or any(r.project.is_total for r in part.found):
        return False
    if not before.found or not part.found:
        return False
    last, first = before.found[-1].marker, part.found[0].marker
    if any(ORDINAL_HEADER.match(h) for h in part.header) or last.isdigit() or first.isdigit():
        if not (last.isdigit() and first.isdigit() and int(first) == int(last) + 1):
            return False  # its 序号 must go on from the page before: else the same rows again, or another table
    elif not _next_page(doc, before, part) or not _short_of_total(before, part):
        return False
    gap = [line for line in doc.text[before.end : part.start].split("\n") if line.strip()]
    return len(gap) <= _GAP_LINES and all(len(line.strip()) <= 60 for line in gap)


def _next_page(doc: Document, before: _Part, part: _Part) -> bool:
    page, last = doc.page_of(part.start), doc.page_of(before.end)
    return page is not None and last is not None and page == last + 1


def _short_of_total(before: _Part, part: _Part) -> bool:
    """The table's rows so far fall short of its 合计 and the next page's rows make up no more than
    the rest: a table whose rows already add up is complete, and a grid beyond its total is another."""
    total = next((_amount(r) for r in before.found if r.project.is_total), None)
    if total is None:
        return False
    so_far, more = _rows_sum(before.found), _rows_sum(part.found)
    return so_far < total - _SLACK and so_far + more <= total + _SLACK


_SLACK = Decimal("0.05")
"""Rounding the rows of a long table may gather against its 合计 (万元 to two places)."""


def _rows_sum(found: list[Read]) -> Decimal:
    return sum(
        (a for r in found if not r.project.is_total and not r.unit and (a := _amount(r)) is not None), Decimal(0)
    )


def _amount(r: Read) -> Decimal | None:
    return r.project.budget if r.project.budget is not None else r.project.actual


def _partial(doc: Document, title: str, end: int) -> bool:
    """The table says it lists only part of the projects: its title (重点项目) or the note
    under it (注：已剔除涉密项目). Its 合计 is then no sum of its rows."""
    note = _NOTE.search(doc.text, end, min(len(doc.text), end + 300))
    return bool(_PART.search(title) or (note and _PART.search(note.group(0))))


def _fields(header: list[Row], measure: str, after: int) -> dict[str, int]:
    """Project field → grid column: the total (or the column its header says holds the
    budget / the actual), the rate, and the fiscal part of the total."""
    cols = columns(header, measure) or {}
    by_col = paths(header)
    total = next(
        (
            j
            for j, c in sorted(cols.items())
            if c.role == "total" and c.period == "current" and c.measure == measure and j >= after
        ),
        None,
    )

    def headed(pattern: re.Pattern[str]) -> int | None:
        return next(
            (
                j
                for j, path in enumerate(by_col)
                if j >= after
                and path
                and pattern.match(path[-1])
                and not any(_CARRIED.search(t) or "上年" in t for t in path)
            ),
            None,
        )

    out: dict[str, int] = {}
    budget = total if measure == "budget" and total is not None else headed(_BUDGET_COL)
    actual = total if measure == "actual" and total is not None else headed(_ACTUAL_COL)
    if budget is not None:
        out["budget"] = budget
    if actual is not None and actual != budget:
        out["actual"] = actual
    if not out:
        return out
    if (rate := headed(_RATE_COL)) is not None:
        out["rate"] = rate
    if total is not None:
        field = "budget" if measure == "budget" else "actual"
        fiscal = next(
            (
                j
                for j, path in enumerate(by_col)
                if j > total
                and path
                and any(_FISCAL.search(t) for t in path)
                and not any(_CARRIED.search(t) for t in path)
                and (path[-1] in ("合计", "小计") or "一般公共预算" in path[-1])
            ),
            None,
        )
        if fiscal is not None:
            out[f"fiscal_{field}"] = fiscal
    return out


def _is_unit(name: str) -> bool:
    return bool(_UNIT_ROW.search(name)) and not _PROJECT_WORD.search(name)


def _coded_units(found: list[Read]) -> list[Read]:
    """Where the 单位编码 column is filled on a unit's row only, a row with a code there is that
    unit's subtotal whatever its name says (收费公路管理中心 holds 费); where every project row
    repeats its unit's code, the code tells nothing."""
    names = Counter(r.project.name for r in found)
    return [
        replace(r, unit=True)
        if r.unit_code
        and not r.project.is_total
        and names[r.project.name] == 1  # a name the table also gives a project is that project's row
        and i + 1 < len(found)
        and not found[i + 1].unit_code
        else r
        for i, r in enumerate(found)
    ]


def _headed(header: list[Row], pattern: re.Pattern[str]) -> set[int]:
    """The grid columns whose header cell matches ``pattern``."""
    return {c.col for r in header for c in r.cells if pattern.match(bare(c.text))}


def _read(
    doc: Document,
    row: Row,
    name_col: int,
    name_span: int,
    fields: dict[str, int],
    unit: str,
    ordinal: set[int] | None = None,
    unit_codes: set[int] | None = None,
) -> Read | None:
    """The row as a project (or the 合计 / a unit's subtotal row). ``ordinal``: the 序号 columns,
    whose numbers are no codes; ``unit_codes``: the 单位编码 columns."""
    by_col: dict[int, CellSpan] = {c.col: c for c in row.cells}
    names = [c for c in row.cells if name_col <= c.col < name_col + name_span and cell_number(c) is None]
    totals = [c for c in row.cells if c.col < name_col + name_span and _TOTAL_ROW.match(bare(c.text))]
    coded = any(
        re.fullmatch(r"\d{3,}", bare(c.text)) for c in row.cells if c.col < name_col and c.col not in (ordinal or ())
    )
    if totals:
        names = totals
    elif not names:
        return None
    name_cell = names[-1]
    name = bare(name_cell.text)
    is_total = bool(_TOTAL_ROW.match(name))
    if not is_total and (len(re.findall(r"[\u4e00-\u9fff]", name)) < 2 or re.match(r"\d+个", name)):
        return None  # no name
    unit_coded = any(re.fullmatch(r"\d{3,}", bare(c.text)) for c in row.cells if c.col in (unit_codes or ()))
    unit_row = not is_total and (_is_unit(name) or (coded and not _PROJECT_WORD.search(name)))
    values: dict[str, Decimal] = {}
    cells: dict[str, Evidence] = {}
    decimals: dict[str, int] = {}
    for key, j in fields.items():
        cell = by_col.get(j)
        parsed = cell_number(cell) if cell is not None else None
        if cell is None or parsed is None or parsed[2] != (key == "rate"):
            continue  # a money column holds no percent; a rate column only percents
        if key == "rate":
            values[key], decimals[key] = parsed[0], parsed[1]
        else:
            values[key], decimals[key] = to_wan(parsed[0], unit, parsed[1])
        cells[key] = cell_evidence(doc, cell.start, cell.end)
    if not ({"budget", "actual"} & values.keys()):
        return None
    marker = next((bare(c.text) for c in row.cells if c.col < name_col and bare(c.text)), "")
    project = Project(
        name=name,
        evidence=cell_evidence(doc, name_cell.start, name_cell.end),
        cells=cells,
        decimals=decimals,
        is_total=is_total,
        **values,
    )
    return Read(
        project, marker=marker, depth=name_cell.col - name_col, unit=unit_row, unit_code=unit_coded
    )  # a unit's subtotal: no project
