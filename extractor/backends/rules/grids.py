"""Table reconstruction: rows of cells from the shapes tables arrive in.

1. Real tables (DOCX, PDF ruled or aligned): the document's table blocks, rows × cells as read;
   HTML ``<table>``s written into text likewise (``<tr>`` rows, ``<td>``/``<th>`` cells).
2. Delimited rows: a text line with two or more cells separated by tabs, by pipes (Markdown
   ``| a | b |``, its ``|---|`` rule skipped; ``a|b|``) or by runs of spaces (columns aligned
   as ``pdftotext -layout`` writes them) is a row.
3. One cell per line (Word tables saved as text): runs of short lines; a whole form
   flattened onto one line with spaces between its cells is read as one cell per line. Where blank lines
   separate groups of consecutive cells, each group is a row; where they do not, the
   interpreter segments rows itself (``tables.py``).

A :class:`Grid` keeps every cell's span in ``document.text`` so values read from it carry
evidence like any other. Grids start at a header row (recognised by meaning in
``tables.py``), so this module only cuts the text into candidate rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from extractor.backends.rules.firstchars import gated
from extractor.backends.rules.roles import role_of
from extractor.document import PAGE_NUMBER, BlockKind, Document
from extractor.ground import evidence_for
from extractor.numbers import decimals_of, parse_number
from extractor.result import Evidence

__all__ = [
    "TOTAL_LABEL",
    "CellSpan",
    "Line",
    "Row",
    "cell_evidence",
    "cell_number",
    "first_figure_row",
    "is_ordinal_row",
    "lines_of",
    "table_rows",
]

MAX_CELL_CHARS = 60
"""A line longer than this is running text, not a table cell (long cells in real tables
come from blocks, which carry their own boundaries)."""


class CellSpan(NamedTuple):
    text: str
    start: int
    end: int
    col: int = -1
    """Grid column in a real table (``-1`` where the source has no grid: text rows)."""
    colspan: int = 1
    rowspan: int = 1


class Row(NamedTuple):
    cells: tuple[CellSpan, ...]
    explicit: bool
    """True when the source marks the row (a real table row, a tab-separated line or a
    blank-line-delimited group); False for one cell per line without delimiters."""
    gap_before: int = 0
    """Blank lines before this row in the text (0 for real tables)."""


class Line(NamedTuple):
    text: str
    start: int
    end: int
    blank_before: int
    tabbed: bool


_RULE_ROW = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
"""A Markdown table's rule under its header (``|---|:--:|``): not a row."""


def lines_of(doc: Document) -> list[Line]:
    """Non-blank lines with the number of blank lines before each."""
    out: list[Line] = []
    blanks = 0
    pos = 0
    for raw in doc.text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        stripped = raw.strip()
        if not stripped:
            if "\t" in raw:  # a tab alone: an empty cell of a table saved as text
                out.append(Line("", start, start, blanks, True))
                blanks = 0
            else:
                blanks += 1
            continue
        if "---" in stripped and _RULE_ROW.match(stripped):
            continue  # a Markdown header rule: neither a row nor a break in the table
        lead = len(raw) - len(raw.lstrip())
        out.append(Line(stripped, start + lead, start + lead + len(stripped), blanks, raw.startswith("\t")))
        blanks = 0
    return out


_WIDE_GAP = gated(r" {2,}")


@lru_cache(maxsize=4096)
def _separated(text: str) -> tuple[tuple[int, int], ...] | None:
    """Cell spans (in ``text``, a stripped line) where cells are separated by pipes (Markdown
    ``| a | b |`` or ``a|b|``: empty cells keep their place) or by runs of two or more spaces
    (columns aligned with spaces, as ``pdftotext -layout`` writes them); ``None`` for a line
    that is one cell. Letters spaced out one by one (``合  计``) stay one cell. Cached: the table
    reader asks of a line several times."""
    if "|" in text:
        lo = 1 if text.startswith("|") else 0
        hi = len(text) - 1 if text.endswith("|") and len(text) > lo else len(text)
        spans, pos = [], lo
        for part in text[lo:hi].split("|"):
            lead = len(part) - len(part.lstrip())
            spans.append((pos + lead, pos + lead + len(part.strip())))
            pos += len(part) + 1
        return tuple(spans) if len(spans) >= 2 or lo or hi < len(text) else None
    if "  " not in text:
        return None  # no run of two spaces: one cell (a substring test, far cheaper than a search)
    gaps = list(_WIDE_GAP.finditer(text))
    bounds = [0, *(x for g in gaps for x in (g.start(), g.end())), len(text)]
    cut = tuple(zip(bounds[::2], bounds[1::2], strict=True))
    return None if all(e - s <= 1 for s, e in cut) else cut


def _cells_of_line(line: Line, doc: Document) -> tuple[CellSpan, ...]:
    """The cells of a line. Tabs that only lead the line mark it as one cell; a tab after
    text separates cells, and then empty cells keep their place (merged or blank cells).
    Without tabs, pipes or wide runs of spaces separate cells (:func:`_separated`)."""
    raw = doc.text[line.start : line.end]
    body = raw.lstrip("\t")
    if "\t" not in body.rstrip("\t") and not body.endswith("\t"):
        spans = _separated(line.text) if line.text else None
        if spans is not None:
            return tuple(
                CellSpan(line.text[s:e], line.start + s, line.start + e)
                if e > s
                else CellSpan("", line.start + s, line.start + s)
                for s, e in spans
            )
        return (CellSpan(line.text, line.start, line.end),) if line.text else (CellSpan("", line.start, line.start),)
    # a row: keep every cell, leading empties included (the line's own start is a cell boundary)
    line_start = doc.text.rfind("\n", 0, line.start) + 1
    line_end = doc.text.find("\n", line.end)
    raw = doc.text[line_start : line_end if line_end >= 0 else len(doc.text)]
    cells = []
    pos = line_start
    for part in raw.split("\t"):
        stripped = part.strip()
        lead = len(part) - len(part.lstrip())
        cells.append(CellSpan(stripped, pos + lead, pos + lead + len(stripped)) if stripped else CellSpan("", pos, pos))
        pos += len(part) + 1
    return tuple(cells)


def table_rows(doc: Document) -> Iterator[list[Row]]:
    """Candidate tables as lists of rows, in document order."""
    covered: list[tuple[int, int]] = []
    pending: list[Row] = []
    width = 0
    for block in doc.blocks:
        if block.kind is BlockKind.PAGE_BREAK:
            continue  # a table running over a page break goes on
        if block.kind is BlockKind.PARAGRAPH and _BETWEEN_PARTS.match(doc.text[block.start : block.end]):
            continue  # the page number or 续表 caption between a table and its continuation
        if block.kind is not BlockKind.TABLE or not block.rows:
            if pending:
                yield pending
                pending = []
            continue
        covered.append((block.start, block.end))
        rows = [
            Row(
                tuple(
                    CellSpan(
                        c.text.strip(),
                        c.start + (len(c.text) - len(c.text.lstrip())),
                        c.start + len(c.text.rstrip()),
                        j,
                        c.colspan,
                        c.rowspan,
                    )
                    for j, c in enumerate(r)
                    if c.text.strip()
                ),
                True,
            )
            for r in block.rows
        ]
        block_width = max(len(r) for r in block.rows)
        rows = [r for r in rows if r.cells]
        joined = _continued(pending, width, rows, block_width) if pending else None
        if pending and joined is None:
            yield pending
            pending = []
        pending.extend(rows if joined is None else joined)
        width = width if joined is not None else block_width
    if pending:
        yield pending
    for start, end, html_rows in _html_tables(doc):
        covered.append((start, end))
        yield html_rows
    lines = [ln for ln in lines_of(doc) if not any(s <= ln.start < e for s, e in covered)]
    yield from _text_tables(lines, doc)


_BETWEEN_PARTS = re.compile(rf"{PAGE_NUMBER.pattern}|^\s*(?:续表|.{{0,30}}[(（]续表?[)）])\s*$")
"""A page number, or a caption that only says the table goes on ("续表", "表3（续）")."""


def _texts(row: Row) -> list[str]:
    return [re.sub(r"\s+", "", c.text) for c in row.cells]


def _continued(first: list[Row], width: int, rows: list[Row], block_width: int) -> list[Row] | None:
    """The rows of a table's continuation (续表) as rows of its first part, or ``None`` when the
    block is another table. The continuation may repeat the header (its repeated rows are
    dropped) and its grid may differ by columns empty in every row of the wider part (a sliver
    the ruling cuts at the edge): the other columns keep their order."""

    def used(part: list[Row]) -> set[int]:
        return {j for r in part for c in r.cells for j in range(c.col, c.col + c.colspan)}

    if block_width > width and len(kept := sorted(used(rows))) <= width:
        moved = dict(zip(kept, range(width), strict=False)) if len(kept) == width else None
    elif block_width < width and len(kept := sorted(used(first))) == block_width:
        moved = dict(enumerate(kept))
    else:
        moved = {j: j for j in range(width)} if block_width == width else None
    if moved is None or any(c.col not in moved for r in rows for c in r.cells):
        return None
    rows = [Row(tuple(c._replace(col=moved[c.col]) for c in r.cells), r.explicit) for r in rows]
    k = 0
    while k < min(len(rows), first_figure_row(first, 0)) and _texts(rows[k]) == _texts(first[k]):
        k += 1
    return rows[k:]


_HTML_TABLE = re.compile(r"<table\b[^>]*>.*?(?:</table\s*>|\Z)", re.S | re.I)
_HTML_ROW = re.compile(r"<tr\b[^>]*>(.*?)(?=<tr\b|</table|\Z)", re.S | re.I)
_HTML_CELL = re.compile(r"<t[dh]\b([^>]*)>(.*?)(?=<t[dh]\b|</t[dh]\s*>|</tr|\Z)", re.S | re.I)
_HTML_TAG = re.compile(r"<[^>]*>|&nbsp;")
_COLSPAN = re.compile(r"colspan\s*=\s*[\"']?(\d+)", re.I)


def _html_tables(doc: Document) -> Iterator[tuple[int, int, list[Row]]]:
    """HTML ``<table>``s written into text: rows of ``<tr>``, cells of ``<td>``/``<th>``
    (closing tags optional), grid columns counted with ``colspan``, a cell's span the text
    between its tags (inner tags such as ``<br>`` left inside the span, out of its text)."""
    for table in _HTML_TABLE.finditer(doc.text):
        rows: list[Row] = []
        for tr in _HTML_ROW.finditer(doc.text, table.start(), table.end()):
            cells: list[CellSpan] = []
            col = 0
            for td in _HTML_CELL.finditer(doc.text, tr.start(1), tr.end(1)):
                span = int(m.group(1)) if (m := _COLSPAN.search(td.group(1))) else 1
                text = re.sub(r"\s+", " ", _HTML_TAG.sub(" ", td.group(2))).strip()
                if text:
                    bare = [
                        i
                        for i, ch in enumerate(_HTML_TAG.sub(lambda t: "\0" * len(t.group()), td.group(2)))
                        if ch != "\0" and not ch.isspace()
                    ]
                    start, end = td.start(2) + bare[0], td.start(2) + bare[-1] + 1
                    cells.append(CellSpan(text, start, end, col, max(1, span)))
                col += max(1, span)
            if cells:
                rows.append(Row(tuple(cells), True))
        if rows:
            yield table.start(), table.end(), rows


_CELLISH = re.compile(r"\S")


def _text_tables(lines: list[Line], doc: Document) -> Iterator[list[Row]]:
    """Runs of cell-like lines, cut into rows."""
    run: list[Line] = []
    for line in [*(cell for ln in lines for cell in _unflattened(ln, doc)), Line("", 0, 0, 99, False)]:
        cellish = (bool(line.text) or line.tabbed) and (
            len(line.text) <= MAX_CELL_CHARS
            or line.tabbed
            or "\t" in doc.text[line.start : line.end]  # a long line is a row only when it holds several cells
            or (bool(line.text) and _separated(line.text) is not None)
        )
        if cellish:
            run.append(line)
            continue
        cells = [_cells_of_line(ln, doc) for ln in run] if len(run) >= 2 else []
        if len(run) >= 4 or (len(run) >= 2 and sum(len(c) >= 2 for c in cells) >= 2):
            yield _rows(run, cells)
        run = [line] if cellish else []


_WORD = re.compile(r"\S+")


def _unflattened(line: Line, doc: Document) -> list[Line]:
    """A whole form flattened onto one line, single spaces between its cells ("项目 预算数
    决算数 基本支出 80.00 78.40 …"), as one cell per line; any other line as it is. A form
    is a line of six or more words, two of them naming column roles and two of them figures."""
    if len(line.text.split()) < 6 or "\t" in doc.text[line.start : line.end] or _separated(line.text) is not None:
        return [line]  # str.split and \S+ know the same whitespace: the words are counted before they are found
    words = list(_WORD.finditer(line.text))
    texts = [w.group() for w in words]
    if (
        sum(role_of(t) is not None for t in texts) < 2
        or sum(cell_number(CellSpan(t, 0, 0)) is not None for t in texts) < 2
    ):
        return [line]
    return [
        Line(w.group(), line.start + w.start(), line.start + w.end(), line.blank_before if k == 0 else 0, False)
        for k, w in enumerate(words)
    ]


def _rows(run: list[Line], cells_of: list[tuple[CellSpan, ...]]) -> list[Row]:
    """The rows of a run of lines, ``cells_of`` each line's cells."""
    rows: list[Row] = []
    tabbed = sum(ln.tabbed for ln in run) >= len(run) * 0.6
    group: list[CellSpan] = []
    gap = 0
    for ln, cells in zip(run, cells_of, strict=True):
        if len(cells) >= 2 and sum(bool(c.text) for c in cells) >= 2:  # a tab-separated row
            if group:
                rows.append(Row(tuple(group), tabbed, gap))
                group = []
            rows.append(Row(cells, True, ln.blank_before))
            continue
        if tabbed and ln.blank_before and group:
            rows.append(Row(tuple(group), True, gap))
            group = []
        if not group:
            gap = ln.blank_before
        if tabbed:
            group.extend(cells)
        else:
            rows.append(Row(cells, False, ln.blank_before))
    if group:
        rows.append(Row(tuple(group), tabbed, gap))
    return rows


# ----------------------------------------------------------------------------- cell values

TOTAL_LABEL = re.compile(r"^(?:金额)?(?:合\s*计|总\s*计|总\s*分)$")
PERCENT = re.compile(r"^(?P<n>[-+]?\d+(?:\.\d+)?)\s*%$")
NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?$")


def cell_number(cell: CellSpan) -> tuple[Decimal, int, bool] | None:
    """(value, decimals, is_percent) of a cell that holds one number, else None."""
    t = cell.text.replace(" ", "")
    m = PERCENT.match(t)
    if m:
        return parse_number(m.group("n")), decimals_of(m.group("n")), True
    t = re.sub(r"(?:万元|万|元|分)$", "", t)
    if NUMBER.match(t):
        return parse_number(t), decimals_of(t), False
    return None


def is_ordinal_row(row: Row) -> bool:
    """A row that numbers the columns (栏次: ``** | ** | 1 | 2 | 3 …``), not a row of figures."""
    numbers = [c.text.strip() for c in row.cells if re.fullmatch(r"\d{1,2}", c.text.strip())]
    return len(numbers) >= 3 and [int(n) for n in numbers] == list(
        range(int(numbers[0]), int(numbers[0]) + len(numbers))
    )


def first_figure_row(rows: list[Row], start: int) -> int:
    """Index of the first row from ``start`` that holds a figure (not a 栏次 row): where a
    table's header ends. ``len(rows)`` when none does."""
    return next(
        (
            i
            for i in range(start, len(rows))
            if any(cell_number(c) for c in rows[i].cells) and not is_ordinal_row(rows[i])
        ),
        len(rows),
    )


def cell_evidence(doc: Document, start: int, end: int) -> Evidence:
    return evidence_for(doc, start, end, "table")
