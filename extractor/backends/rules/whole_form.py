"""The budget block of a 部门整体支出绩效目标表: the department's own totals, restated.

The form of a department's overall performance targets sets the year's budget out as label cells
with their values to the right, under a row label of the block (``年度预算安排（万元） | 资金总额 |
120.00``, then ``项目支出 | …``, ``基本支出 | …``): its 资金总额 is the department's spending
budget, 基本支出 and 项目支出 its parts. They restate the budget tables' totals, so they are read
as budget facts of the department, for the reconciler to compare with the tables (a form whose
资金总额 is not the 支出合计 is a finding). By source (财政拨款 / 其他资金) the block names no
concept of its own. A project's 绩效目标表 (专项资金情况, 项目名称) is a project's form
(:mod:`project_forms`), not this one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.backends.rules.classified import cell_fact
from extractor.backends.rules.grids import Row, table_rows
from extractor.backends.rules.headers import bare
from extractor.backends.rules.project_forms import TOTAL_FUNDS, right_of
from extractor.backends.rules.titles import context
from extractor.document import Document
from extractor.result import Fact

__all__ = ["read_whole_forms"]

_WHOLE_TITLE = re.compile(r"(?:部门|单位)整体(?:支出)?绩效目标(?:申报)?表")
_BLOCK = re.compile(r"^(?:年度)?预算(?:资金)?安排(?:[(（](?P<unit>万元|元)[)）])?$")
_LABELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"^{TOTAL_FUNDS}$"), "expenditure.total"),
    (re.compile(r"^(?:其中[:：]?)?基本支出[:：]?$"), "expenditure.basic"),
    (re.compile(r"^(?:其中[:：]?)?项目支出[:：]?$"), "expenditure.project"),
)
_BLOCK_ROWS = 6
"""Rows the budget block spans at most below its label (总额, by source, by kind)."""


def read_whole_forms(doc: Document, grids: Sequence[list[Row]] | None = None) -> list[Fact]:
    """The budget facts of every 部门整体支出绩效目标表's budget block (``grids``: the document's
    :func:`table_rows` when the caller has them already)."""
    facts: list[Fact] = []
    for rows in table_rows(doc) if grids is None else grids:
        if not rows or rows[0].cells[0].col < 0:
            continue
        title, unit = context(doc, rows[0].cells[0].start)
        if not _WHOLE_TITLE.search(bare(title)):
            continue
        at = next((i for i, r in enumerate(rows) if r.cells and _BLOCK.match(bare(r.cells[0].text))), None)
        if at is None:
            continue
        block = _BLOCK.match(bare(rows[at].cells[0].text))
        unit = (block.group("unit") if block else None) or unit
        seen: set[str] = set()
        for row in rows[at : at + _BLOCK_ROWS]:
            for cell in row.cells:
                concept = next((c for pattern, c in _LABELS if pattern.match(bare(cell.text))), None)
                value = right_of(row, cell) if concept is not None else None
                if concept is None or value is None or concept in seen:
                    continue
                fact = cell_fact(doc, concept, "budget", "all", None, value, unit)
                if fact is not None:
                    facts.append(fact)
                    seen.add(concept)
    return facts
