"""Projects written as forms: a 项目支出绩效目标表 per project, and the project an evaluation reports on.

A 绩效目标表 of one project is a form, not a list: label cells with their values to the right
(``项目名称 | X``, ``资金总额： | 150.00``, ``其中：财政拨款 | 150.00``, ``当年预算 | 12,345.60``).
Its 资金总额 (年度资金总额, 年度预算资金总额, 当年预算) is the project's ``budget``, the 财政拨款 row
its ``fiscal_budget``. A form whose 资金总额 is 0 sets targets for a project the year funds with
nothing (its money budgeted elsewhere, or not yet): no project row. The name is the form's
项目名称 cell, else the title line right above the form (``X项目绩效目标表``). A 部门整体支出绩效目标表
has a 资金总额 too: no 项目名称, no project title, so no project. Which forms are rows beside a
project table is :mod:`form_rows`'s.

A single-project evaluation report (项目支出绩效评价报告) names its project on the cover
(``评价项目名称：2020年度<单位>X绩效评价``, the unit as the report or its 评价项目单位 line
names it); the 合计 row of its project table is that
project's own figures: it becomes the project X (the year, the unit and 绩效评价 taken off).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from extractor.backends.rules.grids import CellSpan, Row, cell_evidence, cell_number, table_rows
from extractor.backends.rules.headers import bare
from extractor.backends.rules.titles import context
from extractor.document import PAGE_NUMBER, Document
from extractor.ground import evidence_for
from extractor.numbers import to_wan
from extractor.result import Evidence, Project

__all__ = ["TOTAL_FUNDS", "evaluated_project", "read_project_forms", "right_of"]

_NAME_LABEL = re.compile(r"^项目名称[:：]?$")
TOTAL_FUNDS = r"(?:年度)?(?:预算)?资金总额[:：]?"
"""A form's label of all its money (资金总额, 年度资金总额)."""
_AMOUNT_LABEL = re.compile(rf"^{TOTAL_FUNDS}$|^当年预算[:：]?$")
_FISCAL_LABEL = re.compile(r"^(?:其中[:：]?)?财政拨款[:：]?$")
_FORM_TITLE = re.compile(r"^(?P<name>.{2,60}?)项目(?:支出)?绩效目标表$")
_WHOLE = re.compile(r"部门整体|整体支出")
_COVER_NAME = re.compile(r"^\s*评价项目名称\s*[:：]\s*(?P<name>\S.{1,80}?)\s*$", re.M)
_COVER_UNIT = re.compile(
    r"^\s*(?:评价项目单位|项目(?:实施)?单位|项目主管部门)\s*[:：]\s*(?P<unit>\S.{1,60}?)\s*$", re.M
)
_YEAR = re.compile(r"^\d{4}\s*年度?\s*")
_EVALUATION = re.compile(r"(?:项目)?(?:支出)?绩效(?:评价|自评)(?:报告)?$")


def right_of(row: Row, label: CellSpan) -> CellSpan | None:
    """The first non-empty cell right of ``label`` in its row."""
    return next((c for c in row.cells if c.col > label.col and bare(c.text)), None)


def _title_above(doc: Document, start: int) -> tuple[str, int, int] | None:
    """``X`` of the line ``X项目绩效目标表`` right above a form (page numbers skipped)."""
    pos = start
    for _ in range(4):
        end = doc.text.rfind("\n", 0, pos)
        if end < 0:
            return None
        begin = doc.text.rfind("\n", 0, end) + 1
        line = doc.text[begin:end].strip()
        pos = begin
        if not line or PAGE_NUMBER.match(line):
            continue
        m = _FORM_TITLE.match(bare(line))
        if m is None or _WHOLE.search(line):
            return None
        lead = len(doc.text[begin:end]) - len(doc.text[begin:end].lstrip())
        return _YEAR.sub("", m.group("name")), begin + lead, begin + lead + len(line)
    return None


def read_project_forms(doc: Document, grids: Sequence[list[Row]] | None = None) -> list[Project]:
    out: list[Project] = []
    for rows in table_rows(doc) if grids is None else grids:
        if not rows or rows[0].cells[0].col < 0:
            continue
        forms: list[tuple[str, Evidence, list[Row]]] = []
        for row in rows:
            label = next((c for c in row.cells if _NAME_LABEL.match(bare(c.text))), None)
            value = right_of(row, label) if label is not None else None
            if value is not None and cell_number(value) is None:
                forms.append((bare(value.text), cell_evidence(doc, value.start, value.end), []))
            if forms:
                forms[-1][2].append(row)
        if not forms:
            title = _title_above(doc, rows[0].cells[0].start)
            if title is None:
                continue
            name, start, end = title
            forms = [(name, evidence_for(doc, start, end), list(rows))]
        _, unit = context(doc, rows[0].cells[0].start)
        for name, evidence, body in forms:
            project = _form(doc, name, evidence, body, unit)
            if project is not None:
                out.append(project)
    return out


def _form(doc: Document, name: str, evidence: Evidence, rows: Sequence[Row], unit: str) -> Project | None:
    values: dict[str, Decimal] = {}
    decimals: dict[str, int] = {}
    cells: dict[str, Evidence] = {}
    for row in rows:
        for key, pattern in (("budget", _AMOUNT_LABEL), ("fiscal_budget", _FISCAL_LABEL)):
            label = next((c for c in row.cells if pattern.match(bare(c.text))), None)
            cell = right_of(row, label) if label is not None else None
            parsed = cell_number(cell) if cell is not None else None
            if cell is None or parsed is None or parsed[2] or key in values:
                continue
            values[key], decimals[key] = to_wan(parsed[0], unit, parsed[1])
            cells[key] = cell_evidence(doc, cell.start, cell.end)
    if not values.get("budget") or len(re.findall(r"[\u4e00-\u9fff]", name)) < 2:
        return None  # no 资金总额, or 0: no money, no project row
    return Project(name=name, evidence=evidence, cells=cells, decimals=decimals, **values)


def evaluated_project(doc: Document, org: str | None, rows: list[Project]) -> list[Project]:
    """``rows`` with the first 合计 row named as the project the report evaluates."""
    m = _COVER_NAME.search(doc.text)
    at = next((i for i, p in enumerate(rows) if p.is_total), None)
    if m is None or at is None:
        return rows
    name = _YEAR.sub("", bare(m.group("name")))
    for unit in (org, *(u.group("unit") for u in _COVER_UNIT.finditer(doc.text, 0, 2000))):
        if unit and name.startswith(bare(unit)):
            name = name[len(bare(unit)) :]  # the unit the cover names, then the project
    name = _EVALUATION.sub("", name)
    if len(name) < 2:
        return rows
    return [*rows[:at], rows[at].model_copy(update={"name": name, "is_total": False}), *rows[at + 1 :]]
