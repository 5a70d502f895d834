"""Layout: pages of positioned words become the Document's paragraphs and tables.

Every reader that sees pages (a PDF's text layer, OCR of a scan) describes them as
:class:`~extractor.geometry.Page` and hands them to :func:`lay_out_page`, so tables and
paragraphs are built one way whatever the source:

* **ruled tables** from the page's ruling: edges are snapped and joined, their
  intersections give cells (pdfplumber's table geometry, used on our own edges), and each
  character goes to the cell that holds its centre; a cell's lines are joined (a wrapped
  label is one label);
* **unruled tables** from the alignment of the lines outside ruled tables
  (:mod:`extractor.layout.unruled`: cells cut at wide gaps, columns where the rows' cells
  overlap, wrapped labels joined), written like ruled tables;
* **text lines** from the characters outside tables, clustered by baseline, a space where
  the gap between two characters is wider than ``X_GAP``; lines that run to the right
  margin continue into the next (``merge_lines``);
* both in reading order by their top, every character with its box, so evidence carries
  ``page`` and ``bbox``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

from extractor.document import TextBuilder, heading_level
from extractor.geometry import Box, Page, union
from extractor.layout.unruled import unruled_tables

__all__ = ["Line", "join_wrapped", "lay_out_page", "lines_of", "merge_lines"]

X_GAP = 3.0
"""Points of horizontal gap between two characters read as a space (pdfplumber's x_tolerance)."""
Y_TOL = 3.0
"""Points within which two characters' tops share a line (pdfplumber's y_tolerance)."""
SNAP = 3.0
MIN_EDGE = 3.0


@dataclass(slots=True)
class Line:
    """A line of text with one box per character (``None`` for an inserted space)."""

    text: str
    boxes: list[Box | None]
    x0: float
    top: float
    x1: float
    bottom: float


Char = tuple[str, Box]


def _chars(page: Page) -> list[Char]:
    return [(ch, box) for word in page.words for ch, box in zip(word.text, word.char_boxes(), strict=True)]


def lines_of(chars: Sequence[Char]) -> list[Line]:
    """Cluster characters into lines by their top, left to right, spaces at gaps."""
    rows: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: c[1][1]):
        if rows and abs(ch[1][1] - rows[-1][0][1][1]) <= Y_TOL:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    out: list[Line] = []
    for row in rows:
        row.sort(key=lambda c: c[1][0])
        text: list[str] = []
        boxes: list[Box | None] = []
        prev: Box | None = None
        for glyph, box in row:
            if prev is not None and box[0] - prev[2] > X_GAP and text and text[-1] != " " and glyph != " ":
                text.append(" ")
                boxes.append(None)
            text.append(glyph)
            boxes.append(box)
            prev = box
        while text and text[-1].isspace():
            text.pop()
            boxes.pop()
        while text and text[0].isspace():
            text.pop(0)
            boxes.pop(0)
        if text:
            real = [b for b in boxes if b is not None]
            out.append(
                Line(
                    "".join(text),
                    boxes,
                    min(b[0] for b in real),
                    min(b[1] for b in real),
                    max(b[2] for b in real),
                    max(b[3] for b in real),
                )
            )
    return out


def _joins_with_space(left: str, right: str) -> bool:
    return bool(
        left and right and left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha()
    )


def join_wrapped(text: str | None) -> str:
    """Undo line wrapping inside a cell: CJK and digits join directly, words with a space."""
    if not text:
        return ""
    parts = text.split("\n")
    out = parts[0]
    for part in parts[1:]:
        out += (" " + part) if _joins_with_space(out, part) else part
    return out


def _join(lines: Sequence[Line]) -> tuple[str, list[Box | None]]:
    text = ""
    boxes: list[Box | None] = []
    for line in lines:
        if text and _joins_with_space(text, line.text):
            text += " "
            boxes.append(None)
        text += line.text
        boxes.extend(line.boxes)
    return text, boxes


def merge_lines(lines: Sequence[Line]) -> list[tuple[float, str, list[Box | None]]]:
    """Join wrapped text lines into paragraphs.

    A line continues the previous one when the previous line ran to the right margin, the
    vertical gap is about one line, and the new line does not start a heading.
    """
    if not lines:
        return []
    right = max(line.x1 for line in lines)
    paragraphs: list[tuple[float, list[Line]]] = []
    prev: Line | None = None
    for line in lines:
        height = max(1.0, line.bottom - line.top)
        continues = (
            prev is not None
            and prev.x1 >= right - 1.5 * height
            and 0 <= line.top - prev.bottom <= 0.9 * height
            and heading_level(line.text) is None
        )
        if continues:
            paragraphs[-1][1].append(line)
        else:
            paragraphs.append((line.top, [line]))
        prev = line
    return [(top, *_join(group)) for top, group in paragraphs]


# --------------------------------------------------------------------------- ruled tables


def _edge(box: Box) -> dict[str, Any] | None:
    x0, top, x1, bottom = box
    if bottom - top <= x1 - x0:  # horizontal
        y = (top + bottom) / 2
        return {
            "x0": x0,
            "x1": x1,
            "top": y,
            "bottom": y,
            "width": x1 - x0,
            "height": 0.0,
            "orientation": "h",
            "object_type": "line",
        }
    x = (x0 + x1) / 2
    return {
        "x0": x,
        "x1": x,
        "top": top,
        "bottom": bottom,
        "width": 0.0,
        "height": bottom - top,
        "orientation": "v",
        "object_type": "line",
    }


def ruled_tables(rules: Iterable[Box]) -> list[list[Box]]:
    """Cells of each ruled table (pdfplumber's ``lines`` strategy on the given ruling)."""
    edges = [e for e in map(_edge, rules) if e is not None and e["width"] + e["height"] >= 1]
    if not edges:
        return []
    edges = merge_edges(
        edges, snap_x_tolerance=SNAP, snap_y_tolerance=SNAP, join_x_tolerance=SNAP, join_y_tolerance=SNAP
    )
    edges = [e for e in edges if e["width" if e["orientation"] == "h" else "height"] >= MIN_EDGE]
    cells = intersections_to_cells(edges_to_intersections(edges, SNAP, SNAP))
    return [list(t) for t in cells_to_tables(cells)]


def _grid(cells: Sequence[Box]) -> tuple[list[list[Box | None]], list[float], list[float]]:
    """Cells by row (same top) and column (same x0); a merged cell leaves ``None`` holes.
    Also the grid's column lefts and row tops."""
    xs = sorted({c[0] for c in cells})
    rows: dict[float, dict[float, Box]] = {}
    for c in sorted(cells, key=lambda c: (c[1], c[0])):
        rows.setdefault(c[1], {})[c[0]] = c
    tops = sorted(rows)
    return [[rows[t].get(x) for x in xs] for t in tops], xs, tops


def _span(lefts: list[float], lo: float, hi: float) -> int:
    """How many grid lines in ``lefts`` start inside [lo, hi): a merged cell's span."""
    return max(1, bisect_left(lefts, hi - SNAP / 2) - bisect_left(lefts, lo - SNAP / 2))


def _centre_in(box: Box, cell: Box) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return cell[0] <= cx < cell[2] and cell[1] <= cy < cell[3]


@dataclass(slots=True)
class _Table:
    top: float
    rows: list[list[str]]
    boxes: list[list[list[Box | None]]]
    spans: list[list[tuple[int, int]]]


def _fill(cells: Sequence[Box], chars: list[Char]) -> tuple[_Table, set[int]]:
    x0, top, x1, bottom = union(cells) or (0.0, 0.0, 0.0, 0.0)
    inside = sorted(
        (i for i, (_, b) in enumerate(chars) if _centre_in(b, (x0, top, x1, bottom))),
        key=lambda i: chars[i][1][0] + chars[i][1][2],
    )
    centres = [chars[i][1][0] + chars[i][1][2] for i in inside]  # twice the centre x
    rows: list[list[str]] = []
    boxes: list[list[list[Box | None]]] = []
    spans: list[list[tuple[int, int]]] = []
    grid, lefts, tops = _grid(cells)
    for row in grid:
        texts: list[str] = []
        row_boxes: list[list[Box | None]] = []
        row_spans: list[tuple[int, int]] = []
        for cell in row:
            if cell is None:
                texts.append("")
                row_boxes.append([])
                row_spans.append((1, 1))
                continue
            row_spans.append((_span(lefts, cell[0], cell[2]), _span(tops, cell[1], cell[3])))
            lo, hi = bisect_left(centres, 2 * cell[0]), bisect_left(centres, 2 * cell[2])
            mine = [chars[i] for i in inside[lo:hi] if _centre_in(chars[i][1], cell)]
            text, bxs = _join(lines_of(mine))
            texts.append(text)
            row_boxes.append(bxs)
        rows.append(texts)
        boxes.append(row_boxes)
        spans.append(row_spans)
    return _Table(top, rows, boxes, spans), set(inside)


def _in_running_text(table: _Table) -> bool:
    """A ruled "table" that is text: fill-in boxes drawn round the words and figures of a sentence.

    Such a grid has one cell with text, or one row across whose borders the characters run on
    at their usual spacing (``…收入预算 | 1935. | 36 | 万元，…``: a box's border cuts a word or a
    figure). A table's cells keep their text apart, each inside its own padding."""
    texts = [t for row in table.rows for t in row if t.strip()]
    if len(texts) <= 1:
        return True
    if len(table.rows) > 1:
        return False
    runs = [[b for b in boxes if b is not None] for boxes in table.boxes[0]]
    runs = [r for r in runs if r]
    return all(right[0][0] - left[-1][2] < 0.5 * (left[-1][3] - left[-1][1]) for left, right in pairwise(runs))


# --------------------------------------------------------------------------- the page


def lay_out_page(page: Page, builder: TextBuilder) -> None:
    """Write one page's tables and paragraphs to ``builder`` in reading order."""
    chars = _chars(page)
    used: set[int] = set()
    items: list[tuple[float, int, Any]] = []
    for cells in ruled_tables(page.rules):
        table, inside = _fill(cells, chars)
        if any(t.strip() for row in table.rows for t in row) and not _in_running_text(table):
            used |= inside
            items.append((table.top, 0, table))
    rest = [c for i, c in enumerate(chars) if i not in used and not c[0].isspace()]
    grids, lines = unruled_tables(lines_of(rest))
    items.extend((grid.top, 0, grid) for grid in grids)
    for top, text, boxes in merge_lines(lines):
        items.append((top, 1, (text, boxes)))
    items.sort(key=lambda it: (it[0], it[1]))
    for _, kind, payload in items:
        if kind == 0:
            builder.table(payload.rows, payload.boxes, payload.spans)
        else:
            text, boxes = payload
            builder.paragraph(text, heading_level=heading_level(text), boxes=boxes)
