"""Tables whose columns are concepts, and two-sided ledgers.

* **wide tables** ("科目编码 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出", "编制数 | 实有人数"):
  a 合计/决算/预算 row gives each column's value (a column's own scope, "财政拨款收入", wins
  over the table title's); a function-class row gives that class's amount under the total
  column, its level told by the 科目编码 (3 digits 类, 7 digits 项) or its wording.
* **ledgers** (收入支出决算总表, "项目 | 行次 | 金额 | 项目 | 行次 | 金额"): income on the left,
  spending on the right; 总计 (with carry-over) is no catalogue total.

Only rows the source marks are read this way: in one-cell-per-line text a row label looks
just like a header.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.backends.rules.classified import cell_fact
from extractor.backends.rules.grids import (
    TOTAL_LABEL,
    CellSpan,
    Row,
    cell_evidence,
    cell_number,
    first_figure_row,
    is_ordinal_row,
    table_rows,
)
from extractor.backends.rules.headers import bare, named_columns
from extractor.backends.rules.lexicon import FEES_BESIDE_THREE_PUBLIC, find_terms
from extractor.backends.rules.roles import VALUE_ROLES as _VALUE_ROLES
from extractor.backends.rules.roles import role_of
from extractor.backends.rules.scopes import scope_in
from extractor.backends.rules.titles import context
from extractor.concepts import BY_ID, unit_for
from extractor.document import Document
from extractor.numbers import UNIT_LINE
from extractor.result import Fact

__all__ = [
    "GRAND_TOTAL",
    "concept_column",
    "is_wide",
    "ledger_header",
    "named_row",
    "read_ledger",
    "read_named_columns",
    "read_wide",
    "wide_header",
]

_CODE_HEADER = re.compile(r"^(?:功能分类)?科目(?:编码|代码)$|^(?:类|款|项)$|^行次$")


def concept_column(t: str) -> str | None:
    """A header cell that names a catalogue concept ("本年支出合计", "基本支出", "编制数"):
    the column holds that concept's values ("concept:<id>")."""
    if _CODE_HEADER.match(t):
        return "code"
    bare = re.sub(r"\((?:万元|元|人|个|辆)\)$", "", t)
    terms = find_terms(bare)
    if (
        len(terms) == 1
        and terms[0].start == 0
        and terms[0].end == len(bare)
        and terms[0].concept in BY_ID
        and not terms[0].concept.startswith("expenditure.function")
    ):
        scope = terms[0].scope if BY_ID[terms[0].concept].scoped else None
        return f"concept:{terms[0].concept}" + (f"@{scope}" if scope else "")
    return None


def is_wide(roles: tuple[str, ...] | list[str]) -> bool:
    return sum(r.startswith("concept:") for r in roles) >= 2


_FIGURE = re.compile(r"\s*-?\d[\d,]*(?:\.\d+)?%?\s*$")


def wide_header(row: Row) -> tuple[str, ...] | None:
    """Roles of a marked row whose cells name concepts, or None. Only a marked row can
    be read this way: in one-cell-per-line text a row label looks just like a header."""
    if not row.explicit or len(row.cells) < 3 or any(_FIGURE.match(c.text) for c in row.cells):
        return None  # a figure names no column: a body row (most rows) is told at once
    roles = []
    for c in row.cells:
        t = re.sub(r"\s+", "", c.text)
        role = role_of(t) or concept_column(t) or ("item" if not t else None)
        if role is None or role in _VALUE_ROLES:
            return None
        roles.append(role)
    return tuple(roles) if is_wide(roles) else None


# ----------------------------------------------------------------------------- wide tables

_ACTUAL_ROW = re.compile(
    r"^(?:合\s*计|总\s*计|本年(?:合计|决算数?)?|决算数?|执行数|实际(?:支出)?数?|实有人数|年末实有)$"
)
_BUDGET_ROW = re.compile(r"^(?:年初|全年|调整后?)?预算数?$")


_CODE_LEVEL = {3: "expenditure.function", 7: "expenditure.function_item"}  # 5 digits: 款, not labelled


def _function_level(roles: tuple[str, ...], cells: list[CellSpan], label: str) -> tuple[str, str | None] | None:
    """(concept, label) of a function-classification row: by its 科目编码 (3 digits 类,
    7 digits 项) when the table has codes, else by its wording ("…（项）", a class name)."""
    code = next((c.text for i, c in enumerate(cells) if roles[i] == "code" and c.text.isdigit()), None)
    name = re.sub(r"\s*[(（]\s*[类款项]\s*[)）]\s*$", "", label)
    if code is not None:
        concept = _CODE_LEVEL.get(len(code))
        return (concept, name) if concept else None
    terms = find_terms(label)
    if len(terms) == 1 and terms[0].concept.startswith("expenditure.function"):
        return terms[0].concept, terms[0].label
    return None


def read_wide(doc: Document, roles: tuple[str, ...], title: str, body: list[Row]) -> list[Fact]:
    """Columns that are concepts ("本年支出合计 | 基本支出 | 项目支出", "编制数 | 实有人数"):
    a 合计/决算/预算 row gives each column's value; a function-class row gives that class's
    amount under the total column. Only rows the source marks are read."""
    columns = [(i, r.split(":", 1)[1]) for i, r in enumerate(roles) if r.startswith("concept:")]
    table_scope = scope_in(title[-80:])
    facts: list[Fact] = []
    for row in body:
        cells = list(row.cells)
        if not row.explicit or len(cells) != len(roles):
            continue
        labels = [
            re.sub(r"\s+", "", c.text)
            for i, c in enumerate(cells)
            if not roles[i].startswith("concept:") and roles[i] != "code" and c.text
        ]
        label = labels[0] if labels else "合计"
        measure = "budget" if _BUDGET_ROW.match(label) else "actual" if _ACTUAL_ROW.match(label) else None
        targets: list[tuple[int, str, str | None]] = []
        if measure is not None:
            targets = [(i, concept, None) for i, concept in columns]
        else:
            total_col = next((i for i, c in columns if c == "expenditure.total"), None)  # the unscoped total
            level = _function_level(roles, cells, label)
            if total_col is None or level is None:
                continue
            measure = "actual"
            targets = [(total_col, *level)]
        for i, column, label_ in targets:
            parsed = cell_number(cells[i])
            if parsed is None or parsed[2]:
                continue
            concept, _, column_scope = column.partition("@")  # "income.total@fiscal": 财政拨款收入 column
            scope = column_scope or table_scope
            scoped = BY_ID[concept].scoped if concept in BY_ID else False
            facts.append(
                Fact(
                    concept=concept,
                    measure=measure,
                    scope=(scope or "all") if scoped else "all",
                    label=label_,
                    value=parsed[0],
                    unit=unit_for(concept, measure),
                    decimals=parsed[1],
                    evidence=cell_evidence(doc, cells[i].start, cells[i].end),
                    backend="rules",
                )
            )
    return facts


# ----------------------------------------------------------------------------- two-sided ledgers

_AMOUNT = re.compile(r"^(?:金额|决算数|本年数|年度决算数?)(?:\(万元\)|\(元\))?$")
GRAND_TOTAL = re.compile(r"^(?:收入|支出|收支)?总\s*计$")


def ledger_header(row: Row) -> tuple[str, ...] | None:
    """收入支出决算总表: "项目 | 行次 | 金额 | 项目 | 行次 | 金额" — income on the left half,
    spending on the right. Returns ("ledger", role per cell) or None."""
    if not row.explicit or len(row.cells) < 4 or len(row.cells) % 2 or any(_FIGURE.match(c.text) for c in row.cells):
        return None  # a figure names no column
    roles = []
    for c in row.cells:
        t = re.sub(r"\s+", "", c.text)
        roles.append(
            "item"
            if t in ("项目", "项目名称")
            else "code"
            if _CODE_HEADER.match(t)
            else "amount"
            if _AMOUNT.match(t)
            else None
        )
    half = len(roles) // 2
    left, right = roles[:half], roles[half:]
    if left != right or None in left or left.count("item") != 1 or left.count("amount") != 1:
        return None
    return ("ledger", *(r for r in roles if r is not None))


def read_ledger(doc: Document, header_roles: tuple[str, ...], body: list[Row]) -> list[Fact]:
    roles = header_roles[1:]
    half = len(roles) // 2
    facts: list[Fact] = []
    for row in body:
        if not row.explicit or len(row.cells) != len(roles):
            continue
        for side, family in ((0, "income"), (half, "expenditure")):
            cells = row.cells[side : side + half]
            label = next((c for c, r in zip(cells, roles[:half], strict=True) if r == "item"), None)
            amount = next((c for c, r in zip(cells, roles[:half], strict=True) if r == "amount"), None)
            if label is None or amount is None or not label.text or GRAND_TOTAL.match(re.sub(r"\s+", "", label.text)):
                continue  # 总计 includes carry-over: no catalogue total
            parsed = cell_number(amount) if amount.text else None
            named = named_row(re.sub(r"\s+", "", label.text), family)
            if parsed is None or parsed[2] or named is None:
                continue
            concept, scope, name = named
            facts.append(
                Fact(
                    concept=concept,
                    measure="actual",
                    scope=scope,
                    label=name,
                    value=parsed[0],
                    unit=unit_for(concept, "actual"),
                    decimals=parsed[1],
                    evidence=cell_evidence(doc, amount.start, amount.end),
                    backend="rules",
                )
            )
    return facts


def named_row(label: str, family: str) -> tuple[str, str, str | None] | None:
    """(concept, scope, label) a row label names on its own, enumerator stripped."""
    # the enumerator needs its mark: 一般公共预算拨款收入 starts with 一 too
    bare = re.sub(r"^(?:[(（][\d一二三四五六七八九十]+[)）]|[\d一二三四五六七八九十]+[.、．])", "", label)
    terms = find_terms(bare)
    if len(terms) != 1 or terms[0].start > 0 or terms[0].end < len(bare) - 2 or terms[0].concept not in BY_ID:
        return None
    concept = terms[0].concept
    if not concept.startswith(family) and concept.split(".")[0] in ("income", "expenditure"):
        return None  # a spending label on the income side: the columns are not what they seem
    scope = (terms[0].scope or "all") if BY_ID[concept].scoped else "all"
    return concept, scope, terms[0].label


# ----------------------------------------------------------------------------- columns named by their header paths

_WHOLE_OTHER = re.compile(FEES_BESIDE_THREE_PUBLIC)
"""Expenses a 三公 table may set beside its own (then its 合计 is not the 三公 total)."""


def read_named_columns(
    doc: Document, measure: str, year: int | None, grids: Sequence[list[Row]] | None = None
) -> list[Fact]:
    """Grids whose header columns name the parts of one concept family, the “三公” table:
    "2025年预算数 | 2026年预算数" bands over "合计 | 因公出国(境)费 | 公务用车购置及运行费 (小计 |
    购置费 | 运行费) | 公务接待费". Each column's concept, period and measure come from its header
    path (:func:`headers.named_columns`); the figures are the table's 合计 row, or its one row of
    figures (rows by budget unit are the units'). The unit line says 元 or 万元. ``grids``: the document's
    :func:`table_rows`, when the caller has them already."""
    facts: list[Fact] = []
    for rows in table_rows(doc) if grids is None else grids:
        if not rows or rows[0].cells[0].col < 0:
            continue
        first_body = first_figure_row(rows, 0)
        if not 0 < first_body < len(rows):
            continue
        header = [r for r in rows[:first_body] if not is_ordinal_row(r)]
        title, unit = context(doc, rows[0].cells[0].start)
        for row in header:  # title and unit lines drawn inside the grid
            for c in row.cells:
                if (m := UNIT_LINE.search(bare(c.text))) is not None:
                    unit = m.group(1)
                elif "三公" in c.text and "表" in c.text and len(bare(c.text)) <= 60:
                    title = bare(c.text)
        whole = "三公" in title and not _WHOLE_OTHER.search(title)
        cols = named_columns(header, "three_public.", whole, measure, year)
        if len({n.concept for n in cols.values()}) < 2:
            continue
        figures = [r for r in rows[first_body:] if any(cell_number(c) for c in r.cells)]
        totals = [r for r in figures if any(TOTAL_LABEL.match(bare(c.text)) for c in r.cells)]
        chosen = totals[0] if totals else figures[0] if len(figures) == 1 else None
        if chosen is None:
            continue
        by_col = {c.col: c for c in chosen.cells}
        seen: set[tuple[str, str, str]] = set()
        for j, named in sorted(cols.items()):
            cell = by_col.get(j)
            key = (named.concept, named.period, named.measure)
            if cell is None or key in seen:
                continue
            fact = cell_fact(doc, named.concept, named.measure, "all", None, cell, unit, period=named.period)
            if fact is not None:
                seen.add(key)
                facts.append(fact)
    return facts
