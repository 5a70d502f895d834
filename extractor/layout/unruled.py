"""Unruled tables: rows and columns from alignment where a page draws no ruling.

A stream-mode reading (camelot's *stream*, pdfplumber's ``text`` strategy) kept to what
these reports' tables look like, and strict, since prose must stay prose:

* a text line splits into **segments** at gaps wider than ``COLUMN_GAP`` times its height
  (running Chinese text sets characters side by side; a word space is far narrower);
* a **row** is a line of two or more segments, one of them after the first a figure; a run of
  rows not more than ``ROW_GAP`` line heights apart is a table, with the lines of two or more
  segments just above it as its header and single-segment lines inside it as wrapped labels
  (joined to the row they belong to when they sit closer to it than rows sit to each other);
* **columns** are the x-ranges where the rows' segments overlap (numbers set right-aligned
  share their right edge, labels their left); a header segment goes to the column it
  overlaps most, so header and body cells line up as in a ruled grid;
* it is a table only if its figures line up: most of them share an edge (left, right or
  centre) with a figure of another row, and a run of "label  page" lines (a table of
  contents) is not one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from statistics import median
from typing import TYPE_CHECKING

from extractor.geometry import Box

if TYPE_CHECKING:
    from extractor.layout import Line

__all__ = ["COLUMN_GAP", "ROW_GAP", "Grid", "segments", "unruled_tables"]

COLUMN_GAP = 0.7
"""A gap this many line heights wide separates two cells of a line."""
ROW_GAP = 2.5
"""Rows of one table lie at most this many line heights apart."""
WRAP = 1.5
"""A line this many line heights (top to top) or less below a row continues its label; rows
sit further apart (and, where the table shows it, closer than 3/4 of its row pitch)."""
ALIGN = 2.0
"""Points within which two figures' edges are aligned."""
_FIGURE = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")


@dataclass(slots=True)
class Segment:
    text: str
    boxes: list[Box | None]
    x0: float
    x1: float

    @property
    def figure(self) -> bool:
        return bool(_FIGURE.match(self.text.replace(" ", "")))


@dataclass(slots=True)
class Grid:
    """An unruled table as the layout stage writes tables: cell texts, their characters'
    boxes, each cell's (colspan, rowspan), and where it starts on the page."""

    top: float
    rows: list[list[str]]
    boxes: list[list[list[Box | None]]]
    spans: list[list[tuple[int, int]]]


def segments(line: Line) -> list[Segment]:
    """The line cut at its wide gaps; a narrow gap stays a space inside a segment."""
    wide = COLUMN_GAP * max(1.0, line.bottom - line.top)
    out: list[Segment] = []
    text: list[str] = []
    boxes: list[Box | None] = []
    prev: Box | None = None
    space = False
    for ch, box in zip(line.text, line.boxes, strict=True):
        if box is None:
            space = True
            continue
        if prev is not None and box[0] - prev[2] > wide:
            out.append(_segment(text, boxes))
            text, boxes = [], []
        elif space and text:
            text.append(" ")
            boxes.append(None)
        space = False
        text.append(ch)
        boxes.append(box)
        prev = box
    if text:
        out.append(_segment(text, boxes))
    return out


def _segment(text: list[str], boxes: list[Box | None]) -> Segment:
    real = [b for b in boxes if b is not None]
    return Segment("".join(text), boxes, min(b[0] for b in real), max(b[2] for b in real))


def _kind(segs: Sequence[Segment]) -> str:
    if len(segs) >= 2 and any(s.figure for s in segs[1:]):
        return "row"
    return "head" if len(segs) >= 2 else "one"


def _runs(lines: Sequence[Line], segs: list[list[Segment]]) -> list[list[int]]:
    """Candidate tables: runs of rows close together, their headers and wrapped lines."""
    runs: list[list[int]] = []
    cur: list[int] = []

    def close() -> None:
        while cur and _kind(segs[cur[-1]]) != "row":
            cur.pop()
        while cur and _kind(segs[cur[0]]) == "one":
            cur.pop(0)
        if sum(_kind(segs[i]) == "row" for i in cur) >= 2:
            runs.append(list(cur))
        cur.clear()

    for i, line in enumerate(lines):
        height = max(1.0, line.bottom - line.top)
        if cur and line.top - lines[cur[-1]].bottom > ROW_GAP * height:
            close()
        kind = _kind(segs[i])
        if kind == "head" and cur and _kind(segs[cur[-1]]) == "row":
            close()  # a header below rows starts the next table
        if kind != "one" or cur:
            cur.append(i)
    close()
    return runs


def _columns(rows: Sequence[Sequence[Segment]]) -> list[tuple[float, float]]:
    """X-ranges where the body rows' segments overlap, left to right."""
    spans = sorted((s.x0, s.x1) for row in rows for s in row)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 < cols[-1][1]:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    return [(a, b) for a, b in cols]


def _merge_under_headers(
    cols: list[tuple[float, float]], body: Sequence[Sequence[Segment]], heads: Sequence[Sequence[Segment]]
) -> list[tuple[float, float]]:
    """Join neighbouring columns that one header cell spans when no row fills both: a text
    column whose cells are set left and right ("120人次" / "95%") is one column."""
    filled = [{_column_of(s, cols) for s in row} for row in body]
    j = 0
    while j + 1 < len(cols):
        a, b = cols[j], cols[j + 1]
        spanned = any(s.x0 < a[1] and s.x1 > b[0] for row in heads for s in row)
        if spanned and not any(j in f and j + 1 in f for f in filled):
            cols[j : j + 2] = [(a[0], max(a[1], b[1]))]
            filled = [{_column_of(s, cols) for s in row} for row in body]
        else:
            j += 1
    return cols


def _column_of(seg: Segment, cols: Sequence[tuple[float, float]]) -> int:
    overlaps = [min(seg.x1, b) - max(seg.x0, a) for a, b in cols]
    best = max(range(len(cols)), key=lambda j: overlaps[j])
    if overlaps[best] > 0:
        return best
    centre = (seg.x0 + seg.x1) / 2
    return min(range(len(cols)), key=lambda j: abs((cols[j][0] + cols[j][1]) / 2 - centre))


def _aligned(rows: Sequence[Sequence[Segment]]) -> bool:
    """Most figures share an edge with a figure of another row."""
    figs = [(i, s) for i, row in enumerate(rows) for s in row[1:] if s.figure]
    if len(figs) < 2:
        return False

    def edges(s: Segment) -> tuple[float, float, float]:
        return s.x0, s.x1, (s.x0 + s.x1) / 2

    lined = sum(
        any(i != k and any(abs(a - b) <= ALIGN for a, b in zip(edges(s), edges(t), strict=True)) for k, t in figs)
        for i, s in figs
    )
    return lined >= 0.75 * len(figs)


def _contents(rows: Sequence[Sequence[Segment]]) -> bool:
    """A table of contents: every row's one figure a page number at its end, pages ascending."""
    pages = [row[-1].text for row in rows]
    if any(s.figure for row in rows for s in row[:-1]) or not all(re.fullmatch(r"\d{1,3}", p) for p in pages):
        return False
    return [int(p) for p in pages] == sorted(int(p) for p in pages)


def _cells(segs: Sequence[Segment], cols: Sequence[tuple[float, float]]) -> list[tuple[str, list[Box | None]]]:
    cells: list[tuple[str, list[Box | None]]] = [("", []) for _ in cols]
    for seg in segs:
        j = _column_of(seg, cols)
        text, boxes = cells[j]
        cells[j] = (text + " " + seg.text, [*boxes, None, *seg.boxes]) if text else (seg.text, list(seg.boxes))
    return cells


def _in_body(segs: Sequence[Segment]) -> bool:
    """A row of figures, or a line holding only a figure inside a table (set between the
    lines of a wrapped label)."""
    return _kind(segs) == "row" or (len(segs) == 1 and segs[0].figure)


def _grid(lines: Sequence[Line], segs: list[list[Segment]], run: list[int]) -> Grid | None:
    body = [segs[i] for i in run if _in_body(segs[i])]
    if not _aligned(body) or _contents(body):
        return None
    heads = [segs[i] for i in run if _kind(segs[i]) == "head"]
    cols = _merge_under_headers(_columns(body), body, heads)
    if len(cols) < 2:
        return None
    steps = [lines[b].top - lines[a].top for a, b in pairwise(run) if _in_body(segs[a]) and _in_body(segs[b])]
    pitch = median(steps) if steps else float("inf")
    rows: list[list[tuple[str, list[Box | None]]]] = []
    row_tops: list[float] = []
    wrapped: dict[int, list[int]] = {}  # row → lines joined into its first cell (before: <0)
    for k, i in enumerate(run):
        line, kind = lines[i], _kind(segs[i])
        near = min(WRAP * max(1.0, line.bottom - line.top), 0.75 * pitch)
        if kind == "one" and _column_of(segs[i][0], cols) == 0 and not segs[i][0].figure:
            nxt = run[k + 1] if k + 1 < len(run) else None
            if (
                nxt is not None
                and _in_body(segs[nxt])
                and _column_of(segs[nxt][0], cols) != 0
                and lines[nxt].top - line.top < near
            ):
                wrapped.setdefault(k + 1, []).append(i)
                continue
            if rows and line.top - row_tops[-1] < near:
                text, boxes = rows[-1][0]
                add = segs[i][0]
                rows[-1][0] = (text + add.text, [*boxes, *add.boxes]) if text else (add.text, list(add.boxes))
                continue
        cells = _cells(segs[i], cols)
        for j in wrapped.pop(k, []):
            head = segs[j][0]
            text, boxes = cells[0]
            cells[0] = (head.text + text, [*head.boxes, *boxes])
        rows.append(cells)
        row_tops.append(line.top)
    return Grid(
        min(lines[i].top for i in run),
        [[t for t, _ in r] for r in rows],
        [[b for _, b in r] for r in rows],
        [[(1, 1)] * len(cols) for _ in rows],
    )


def unruled_tables(lines: Sequence[Line]) -> tuple[list[Grid], list[Line]]:
    """The unruled tables among ``lines`` (in reading order) and the lines left over."""
    segs = [segments(line) for line in lines]
    grids: list[Grid] = []
    used: set[int] = set()
    for run in _runs(lines, segs):
        grid = _grid(lines, segs, run)
        if grid is not None:
            grids.append(grid)
            used.update(run)
    return grids, [line for i, line in enumerate(lines) if i not in used]
