"""Rows of the classified tables every disclosure publishes, read by their codes.

A row that opens with a classification code — 功能分类 201 / 20101 / 2010101 (类, 款, 项; the
code may be split over cells as ``201 | 01 | 01``), 经济分类 301 / 30101 or 501 / 50101 — is one
figure of that class: its name is the next text cell, its amount the cell under the table's
total column (合计 / 小计 / 金额 / 预算数 / 决算数). The table's title says the scope
(一般公共预算 → ``general_public_budget``, 政府性基金, 国有资本经营, 财政拨款 → ``fiscal``,
else ``all``), the unit line says 元 or 万元, and the report's kind says the measure
(``budget`` in a 部门预算, ``actual`` in a 决算). The 合计 row of a table headed 基本支出 /
项目支出 / 人员经费 / 公用经费 gives those totals too.

Where a disclosure publishes economic classes twice for one scope (all spending, then basic
spending only), the basic-spending table is the one read: it is the mandated form, and one
key cannot hold two breakdowns; a class it lists with no figure (project spending only) is
read from the other. The function rows of a 基本支出 table are only each class's basic
spending: no class figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from extractor.backends.rules.codes import INLINE_CODE, row_code, valid_code
from extractor.backends.rules.grids import (
    CellSpan,
    Row,
    cell_evidence,
    cell_number,
    is_ordinal_row,
    table_rows,
)
from extractor.backends.rules.headers import TOTAL_HEADER as _TOTAL_HEADER
from extractor.backends.rules.headers import UNIT_CODE_HEADER, Column, bare, columns, without_ordinals
from extractor.backends.rules.lexicon import FEES_BESIDE_THREE_PUBLIC, concept_of_code
from extractor.backends.rules.lexicon import FUNCTION_CLASSES as CLASS_NAMES
from extractor.backends.rules.titles import context, scope_of
from extractor.concepts import Scope, unit_for
from extractor.document import Document
from extractor.numbers import to_wan
from extractor.result import Fact

__all__ = ["cell_fact", "read_classified"]

_PARTS_TABLE = re.compile(rf"三公|{FEES_BESIDE_THREE_PUBLIC}")
"""Tables of a few kinds of spending (“三公”经费、会议费、培训费表): their rows are per budget unit
(单位编码 245001 looks like a class code) and their 合计 is the sum of those kinds."""
_TOTAL_COLUMNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^基本支出$"), "expenditure.basic"),
    (re.compile(r"^项目支出$"), "expenditure.project"),
    (re.compile(r"^人员经费$"), "expenditure.personnel"),
    (re.compile(r"^公用经费$"), "expenditure.public"),
)


@dataclass(frozen=True)
class _Table:
    title: str
    scope: Scope
    unit: str
    total_col: int
    header: Row
    rows: list[Row]
    columns: dict[int, Column] | None = None
    """Each grid column's meaning, where the header cells know their columns."""
    uncoded: str | None = None
    """``economic`` / ``function`` for a table that prints no codes but whose name column is
    headed 经济分类科目 / 功能分类科目: its rows are classes by name."""

    @property
    def basic_only(self) -> bool:
        return "基本支出" in self.title

    @property
    def total_concept(self) -> str:
        """What the table's 合计 is: basic or project spending where the title says so."""
        if self.basic_only:
            return "expenditure.basic"
        return "expenditure.project" if "项目支出" in self.title else "expenditure.total"


def _header(row: Row) -> int | None:
    """The total column of a header row (a row with no code whose cell names the total)."""
    if not row.cells or row_code(row.cells) is not None:
        return None
    texts = [re.sub(r"\s+", "", c.text) for c in row.cells]
    if any(cell_number(c) is not None for c in row.cells):
        return None
    return next((j for j, t in enumerate(texts) if _TOTAL_HEADER.match(t)), None)


def _tables(doc: Document, measure: str, grids: Sequence[list[Row]] | None) -> list[_Table]:
    """Each header row with coded rows under it starts a table (one run of rows may hold
    several tables, one per page). A header that repeats the one before, under no title or
    the same title, continues that table (续表): its rows join the table's, so a code split
    over 类 | 款 | 项 goes on from the class above the page break."""
    out: list[_Table] = []
    prev: _Table | None = None
    for grid in table_rows(doc) if grids is None else grids:
        rows = without_ordinals(grid)
        starts: list[tuple[int, int]] = []
        for i, row in enumerate(rows):
            col = _header(row)
            if col is None:
                continue
            if starts and not any(row_code(r.cells) or _is_total(r) for r in rows[starts[-1][0] + 1 : i]):
                continue  # the second line of a two-line header belongs to the table above it
            starts.append((i, col))
        lead = rows[: starts[0][0] if starts else len(rows)]
        if prev is not None and _continues(doc, prev, lead):
            prev.rows.extend(lead)  # the next page's rows under no header repeated: the table goes on
        for n, (i, col) in enumerate(starts):
            end = starts[n + 1][0] if n + 1 < len(starts) else len(rows)
            body = rows[i + 1 : end]
            title, unit = context(doc, rows[i].cells[0].start)
            if prev is not None and _texts(prev.header) == _texts(rows[i]) and title in ("", prev.title):
                prev.rows.extend(body)  # 续表: the header (and title) repeated on the next page
                continue
            uncoded = None if any(row_code(r.cells) for r in body) else _naming(rows[i], _above(rows, i))
            if uncoded is None and not any(row_code(r.cells) for r in body):
                continue
            first_body = next((k for k, r in enumerate(body) if row_code(r.cells) or _is_total(r)), 0)
            header = [rows[i], *body[:first_body]]
            prev = _Table(
                title,
                scope_of(title),
                unit,
                col,
                rows[i],
                body,
                columns([h for h in header if not is_ordinal_row(h)], measure),
                uncoded,
            )
            if ("收入" in title and "支出" not in title) or "采购" in title:
                continue  # income or procurement broken down by function: its rows are no spending
            if any(UNIT_CODE_HEADER.match(bare(c.text)) for r in (*_above(rows, i), rows[i]) for c in r.cells):
                continue  # its codes are budget units' (222, 222001): the rows are units, no classes
            if _PARTS_TABLE.search(title):
                continue  # a “三公”经费 (会议费, 培训费) table: its 合计 sums those parts, no spending total
            out.append(prev)
    return out


def _continues(doc: Document, t: _Table, lead: list[Row]) -> bool:
    """Rows at the head of a grid, before any header, that go on with the table before it: a
    table broken over a page without its header repeated. They must open the page after the
    table's last row with a coded row laid out like the table's own (code and name in the same
    columns) and hold no cell beyond the table's header."""
    coded = [r for r in t.rows if row_code(r.cells)]
    if not lead or not coded or row_code(lead[0].cells) is None or t.uncoded is not None:
        return False
    page, before = doc.page_of(lead[0].cells[0].start), doc.page_of(coded[-1].cells[0].start)
    if page is None or before is None or page != before + 1:
        return False
    last = max(c.col + c.colspan for c in t.header.cells)
    layout = [c.col for c in coded[-1].cells[:2]]
    return [c.col for c in lead[0].cells[:2]] == layout and all(c.col < last for r in lead for c in r.cells)


def _above(rows: list[Row], i: int) -> list[Row]:
    """The header rows over row ``i``: a two-line header (``经济分类科目名称 | 本年…基本支出`` over
    ``| 合计 | 人员经费 | 公用经费``) names its columns in the row above the one holding 合计; the
    figure-less, code-less rows right above it."""
    out: list[Row] = []
    for row in reversed(rows[max(0, i - 2) : i]):
        if row_code(row.cells) is not None or any(cell_number(c) is not None for c in row.cells):
            break
        out.insert(0, row)
    return out


def _naming(header: Row, above: Sequence[Row] = ()) -> str | None:
    """``economic`` / ``function`` where the name column (the first cell of a header row) is
    headed 经济分类 / 功能分类; a ledger that names a classification in a later column
    (收入 | 功能分类 | 政府预算支出经济分类) is no table of classes."""
    texts = "".join(r.cells[0].text for r in (*above, header) if r.cells)
    return "economic" if "经济分类" in texts else "function" if "功能分类" in texts else None


_CLASS_NAMES = frozenset(CLASS_NAMES)


def _by_name(t: _Table, row: Row) -> tuple[str, int] | None:
    """A row of a table without codes, as (a code standing for its level, its name cell)."""
    if t.uncoded is None or not row.cells or is_ordinal_row(row) or _is_total(row):
        return None
    name = re.sub(r"\s+", "", row.cells[0].text)
    if not name or cell_number(row.cells[0]) is not None or not re.search(r"[\u4e00-\u9fff]", name):
        return None
    if t.uncoded == "economic":
        return "301", 0  # every level of the 经济分类 is one concept, named by its label
    return ("201" if name in _CLASS_NAMES else "20101"), 0


def _texts(row: Row) -> list[str]:
    return [re.sub(r"\s+", "", c.text) for c in row.cells]


def _is_total(row: Row) -> bool:
    texts = [re.sub(r"\s+", "", c.text) for c in row.cells]
    return bool(texts) and (
        bool(re.fullmatch(r"合计|总计|本年支出合计", texts[0]))
        or (len(texts) > 1 and not texts[0] and bool(re.fullmatch(r"合计|总计", texts[1])))
    )


def _value(cell: CellSpan, unit: str) -> tuple[Decimal, int] | None:
    parsed = cell_number(cell)
    if parsed is None or parsed[2]:
        return None
    return to_wan(parsed[0], unit, parsed[1])


def cell_fact(
    doc: Document,
    concept: str,
    measure: str,
    scope: Scope,
    label: str | None,
    cell: CellSpan,
    unit: str,
    *,
    period: str = "current",
    code: str | None = None,
) -> Fact | None:
    """The figure of one table cell, written in the table's ``unit`` (元 / 万元 / 亿元): in 万元,
    with the unit it was written in; ``None`` for a cell without one number (or a percentage)."""
    got = _value(cell, unit)
    if got is None:
        return None
    value, decimals = got
    return Fact(
        concept=concept,
        measure=measure,
        period=period,
        scope=scope,
        label=label,
        code=code,
        value=value,
        unit=unit_for(concept, measure),
        decimals=decimals,
        evidence=cell_evidence(doc, cell.start, cell.end),
        source_unit=unit if unit != "万元" else None,
        backend="rules",
    )


def _cell_at(row: Row, t: _Table, name_at: int, header_name: int) -> CellSpan | None:
    """The cell under the table's total column in a row whose name cell sits at ``name_at``.

    Where the row has one value cell per value column of the header (the total and the
    columns right of it), the first is the total, whatever empty cells the reader left
    out on either side; otherwise by position (rows whose code is split over cells are
    shifted against the header)."""
    values = row.cells[name_at + 1 :]
    if len(values) == len(t.header.cells) - t.total_col:
        return values[0]
    j = t.total_col + name_at - header_name
    return row.cells[j] if 0 <= j < len(row.cells) else None


def read_classified(doc: Document, measure: str, grids: Sequence[list[Row]] | None = None) -> list[Fact]:
    """Facts from every coded row of the document's classified tables (``grids``: its :func:`table_rows`)."""
    tables = _tables(doc, measure, grids)
    basic_scopes = {
        t.scope
        for t in tables
        if t.basic_only
        and (
            t.uncoded == "economic"
            or any((c := row_code(r.cells)) and concept_of_code(c[0]) == "expenditure.economic" for r in t.rows)
        )
    }
    read = {n: _read_table(doc, t, measure, basic_scopes) for n, t in enumerate(tables) if t.basic_only}
    empty: dict[Scope, set[str]] = {}
    for n, (basic, labels) in read.items():
        if tables[n].scope in basic_scopes:
            given = {f.label for f in basic if f.concept == "expenditure.economic"}
            empty.setdefault(tables[n].scope, set()).update(labels - given)
    facts: list[Fact] = []
    for n, t in enumerate(tables):
        facts.extend((read.get(n) or _read_table(doc, t, measure, basic_scopes, empty.get(t.scope, set())))[0])
    return facts


def _read_table(
    doc: Document, t: _Table, measure: str, basic_scopes: set[Scope], empty: set[str] | frozenset[str] = frozenset()
) -> tuple[list[Fact], set[str]]:
    """The table's facts, and the labels of its economic rows; at a scope whose basic table gives
    the economic classes, another table's economic row only where that one left it ``empty``."""
    header_name = 1 if len(t.header.cells) > 1 else 0
    facts: list[Fact] = []
    labels: set[str] = set()
    above: dict[int, str] = {}
    for row in t.rows:
        coded = row_code(row.cells, above)
        by_name = coded is None and (coded := _by_name(t, row)) is not None
        if coded is None:
            if _is_total(row):
                facts.extend(_totals(doc, t, row, measure))
            continue
        code, name_at = coded
        concept = concept_of_code(code)
        if concept is None or name_at >= len(row.cells):
            continue
        if concept != "expenditure.economic" and t.basic_only:
            continue  # a class's basic spending only: not the class's figure
        label = re.sub(r"\s+", "", row.cells[name_at].text)
        label = re.sub(r"[(（](?:类|款|项)[)）]$", "", INLINE_CODE.sub(r"\2", label))
        if not label or cell_number(row.cells[name_at]) is not None:
            continue
        if concept == "expenditure.economic":
            labels.add(label)
            if t.scope in basic_scopes and not t.basic_only and label not in empty:
                continue
        if t.columns is not None:
            facts.extend(
                _by_columns(doc, t, row, concept, label, {"total"}, code=None if by_name else valid_code(code))
            )
            continue
        cell = _cell_at(row, t, name_at, header_name)
        if cell is None:
            continue
        fact = cell_fact(
            doc, concept, measure, t.scope, label, cell, t.unit, code=None if by_name else valid_code(code)
        )
        if fact is not None:
            facts.append(fact)
    return _first_of_each(facts), labels


def _first_of_each(facts: list[Fact]) -> list[Fact]:
    """A table that lists one class twice with different amounts is cross-classified (部门 ×
    政府 经济分类: a 款 under two government classes): its first row stands for the class. Rows
    of one name under different codes (离休费 30301 and 3030101) are different rows, and so are
    function items named alike without codes (行政运行 under each 款)."""
    seen: set[tuple[str, str, str, str | None, str | None]] = set()
    out = []
    for f in facts:
        key = (f.concept, f.measure, f.period, f.label, f.code)
        if key not in seen or (f.code is None and f.concept == "expenditure.function_item"):
            seen.add(key)
            out.append(f)
    return out


_PART_CONCEPTS = {
    "basic": "expenditure.basic",
    "project": "expenditure.project",
    "personnel": "expenditure.personnel",
    "public": "expenditure.public",
}


def _by_columns(
    doc: Document, t: _Table, row: Row, concept: str | None, label: str | None, roles: set[str], code: str | None = None
) -> Iterator[Fact]:
    """The row's figures under the columns whose role is in ``roles``; ``concept`` None
    (a 合计 row) names each by its column: the total, or the part it heads."""
    assert t.columns is not None
    by_col = {c.col: c for c in row.cells}
    seen: set[tuple[str, str, str]] = set()
    for j, column in sorted(t.columns.items()):
        if column.role not in roles or (cell := by_col.get(j)) is None:
            continue
        name = concept
        if name is None:
            name = _PART_CONCEPTS.get(column.role) or t.total_concept
            if t.basic_only and column.role == "basic":
                continue  # the basic table's own 小计 is its total, read as the total column
        key = (name, column.period, column.measure)
        if key in seen:
            continue  # a second column of the same meaning (a sub-total repeated)
        seen.add(key)
        fact = cell_fact(doc, name, column.measure, t.scope, label, cell, t.unit, period=column.period, code=code)
        if fact is not None:
            yield fact


def _totals(doc: Document, t: _Table, row: Row, measure: str) -> Iterator[Fact]:
    if t.columns is not None:
        yield from _by_columns(doc, t, row, None, None, {"total", *_PART_CONCEPTS})
        return
    texts = [re.sub(r"\s+", "", c.text) for c in t.header.cells]
    if len(row.cells) == len(t.header.cells):  # columns beside the total only where they align
        for j, head in enumerate(texts):
            for pattern, concept in _TOTAL_COLUMNS:
                wanted = pattern.match(head) and not (t.basic_only and concept == "expenditure.basic")
                if wanted and (fact := cell_fact(doc, concept, measure, t.scope, None, row.cells[j], t.unit)):
                    yield fact
    total = t.total_concept
    at = _cell_at(row, t, 0, 0)
    if at is not None and (fact := cell_fact(doc, total, measure, t.scope, None, at, t.unit)):
        yield fact
