"""Indicator tables: one row per 三级指标 with weight, target, actual, score and note.

Rows the source marks (real tables, tab-separated lines, blank-line groups) align to the
header by position; one cell per line without marks is read by anchoring on the names that
carry their weight ("预算执行管理（4）", "（3 分）"). Weights written inside names are read
off the name. A row whose cells do not fit its columns is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from extractor.backends.rules.grids import TOTAL_LABEL, CellSpan, Row, cell_evidence, cell_number
from extractor.document import Document
from extractor.numbers import decimals_of, parse_number
from extractor.result import INDICATOR_NUMBERS, Evidence, Indicator

__all__ = ["read_indicators"]

_TRAILING_WEIGHT = re.compile(r"\s*[(（]\s*\d+(?:\.\d+)?\s*分?\s*[)）]?\s*$")
_WEIGHT_IN_NAME = re.compile(r"[(（]\s*(?P<w>\d+(?:\.\d+)?)\s*分?\s*[)）]?\s*$")
_NOT_AN_INDICATOR = re.compile(r"偏差|原因分析|改进措施|结果应用|备注|说明|注[:：]")


def read_indicators(doc: Document, roles: tuple[str, ...], body: list[Row]) -> list[Indicator]:
    """The indicator rows of a table whose header has the given roles."""
    if body and all(r.explicit for r in body):
        return _positional(doc, roles, body)
    cells = [c for r in body for c in r.cells if c.text]
    anchored = _anchored(doc, cells)
    by_width = _by_width(doc, roles, cells)
    return by_width if len(by_width) > len(anchored) else anchored


def _positional(doc: Document, roles: tuple[str, ...], body: list[Row]) -> list[Indicator]:
    """Rows the source delimits: cells align to the header from the right (leading
    hierarchy cells merged over several rows are missing and carry down)."""
    out: list[Indicator] = []
    carry: dict[str, str] = {}
    for row in body:
        cells = list(row.cells)
        while len(cells) > len(roles) and not cells[-1].text:
            cells.pop()
        while len(cells) > len(roles) and not cells[0].text:
            cells.pop(0)
        first = next((c for c in cells if c.text), None)
        if first is None or len(cells) > len(roles) or TOTAL_LABEL.match(re.sub(r"\s+", "", first.text)):
            continue
        assigned = _align(roles, cells)
        if assigned is None:
            continue
        ind = _indicator(doc, assigned, carry)
        if ind is not None:
            out.append(ind)
    return out


def _fit(roles: Sequence[str], cells: Sequence[CellSpan]) -> dict[str, CellSpan | None] | None:
    """Cells to these roles, one each, when weight and score cells hold numbers and the name does not."""
    assigned = {role: (c if c.text else None) for role, c in zip(roles, cells, strict=True)}
    numeric_ok = all(
        (cell := assigned.get(key)) is None or ((p := cell_number(cell)) is not None and not p[2])
        for key in INDICATOR_NUMBERS
    )
    name = assigned.get("name")
    return assigned if numeric_ok and name is not None and cell_number(name) is None else None


def _align(roles: tuple[str, ...], cells: list[CellSpan]) -> dict[str, CellSpan | None] | None:
    """Cells to roles. A full row keeps its positions; a short row misses its leading
    (merged) cells, or failing that its trailing (blank) ones: the alignment whose weight
    and score cells hold numbers wins, else the row is left out."""
    n, k = len(roles), len(cells)
    options = [roles[n - k :]] if k == n else [roles[n - k :], roles[:k]]
    for chosen in options:
        if (assigned := _fit(chosen, cells)) is not None:
            return assigned
    return None


def _by_width(doc: Document, roles: tuple[str, ...], cells: list[CellSpan]) -> list[Indicator]:
    """One cell per line with no row marks, weights in a column of their own (a Word table saved
    as text, a form flattened onto one line): rows as wide as the header. A row may miss its
    leading hierarchy cells (一级/二级指标 merged over the rows below): it is the widest run of
    cells that fits the header's last columns (numbers under 分值 and 得分, the name no number)
    and is followed by the text cell that opens the next row. The table ends where none fits."""
    n = len(roles)
    optional = roles.index("name") if "name" in roles else 0
    out: list[Indicator] = []
    carry: dict[str, str] = {}
    i = 0
    while i < len(cells):
        for k in range(min(n, len(cells) - i), n - optional - 1, -1):
            assigned = _fit(roles[n - k :], cells[i : i + k])
            if assigned is not None and (i + k == len(cells) or cell_number(cells[i + k]) is None):
                break
        else:
            break
        if TOTAL_LABEL.match(re.sub(r"\s+", "", cells[i].text)):
            break
        ind = _indicator(doc, assigned, carry)
        if ind is not None:
            out.append(ind)
        i += k
    return out


def _is_anchor(cell: CellSpan) -> bool:
    return bool(_WEIGHT_IN_NAME.search(cell.text))


def _anchored(doc: Document, cells: list[CellSpan]) -> list[Indicator]:
    """One cell per line without row marks ("name（3 分）" style tables).

    A row ends at its score: a bare number followed by a text cell. In a row, cells that
    carry a weight ("数量指标（6）", "组织开展帮扶（3 分）") are the level-2 and the name
    (the last one is the name); a lone "（3 分）" belongs to the text before it; what
    follows the name is target, actual and score. A row without a weighted cell whose text
    is followed by a number ("产出指标", "25") opens a new level 1. When more than two text
    cells stand between the name and the score the target and actual are not told apart
    and are left out.
    """
    cells = [c for c in cells if c.text.strip() not in (")", "）")]
    out: list[Indicator] = []
    carry: dict[str, str] = {}
    row: list[CellSpan] = []
    for i, c in enumerate(cells):
        row.append(c)
        parsed = cell_number(c)
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        if parsed is None or parsed[2] or (nxt is not None and cell_number(nxt) is not None):
            continue
        ind = _anchored_row(doc, row, carry)
        if ind is not None:
            out.append(ind)
        row = []
    return out


_OPEN_CLOSE = (("“", "”"), ("(", ")"), ("（", "）"), ("《", "》"), ("「", "」"))


def _unbalanced(text: str) -> bool:
    return any(text.count(a) > text.count(b) for a, b in _OPEN_CLOSE)


def _unwrap(doc: Document, cells: list[CellSpan]) -> list[CellSpan]:
    """Join the lines of a wrapped cell: an open bracket or quote goes on to the next line,
    and a line of one character is the tail of the line before."""
    out: list[CellSpan] = []
    for c in cells:
        if out and (_unbalanced(out[-1].text) or len(c.text.strip()) == 1) and cell_number(c) is None:
            prev = out.pop()
            out.append(CellSpan(prev.text + c.text, prev.start, c.end))
        else:
            out.append(c)
    return out


def _anchored_row(doc: Document, row: list[CellSpan], carry: dict[str, str]) -> Indicator | None:
    if TOTAL_LABEL.match(re.sub(r"\s+", "", row[0].text)):
        return None
    cells = list(row)
    # a weight on its own line belongs to the name before it
    merged: list[CellSpan] = []
    for c in cells:
        if merged and re.fullmatch(r"[(（]\s*\d+(?:\.\d+)?\s*分?\s*[)）]?", c.text) and not _is_anchor(merged[-1]):
            prev = merged.pop()
            merged.append(CellSpan(doc.text[prev.start : c.end], prev.start, c.end))
        else:
            merged.append(c)
    anchors = [i for i, c in enumerate(merged) if _is_anchor(c)]
    if not anchors:
        texts = [c for c in merged if cell_number(c) is None]
        if texts:
            carry.clear()
            carry["level1"] = re.sub(r"\s+", "", texts[-1].text)
        return None
    first, last = anchors[0], anchors[-1]
    before = [c for c in merged[:first] if cell_number(c) is None]
    if before:
        carry.clear()
        carry["level1"] = re.sub(r"\s+", "", before[-1].text)
    assigned: dict[str, CellSpan | None] = {"name": merged[last]}
    if last > first:
        assigned["level2"] = merged[first]
    rest = merged[last + 1 :]
    assigned["score"] = rest[-1] if rest else None
    between = _unwrap(doc, rest[:-1])
    if len(between) == 2:
        assigned["target"], assigned["actual"] = between
    elif len(between) == 1:
        assigned["actual"] = between[0]
    return _indicator(doc, assigned, carry)


def _indicator(doc: Document, assigned: dict[str, CellSpan | None], carry: dict[str, str]) -> Indicator | None:
    name_cell = assigned.get("name")
    if (
        name_cell is None
        or cell_number(name_cell) is not None
        or not re.search(r"[\u4e00-\u9fffA-Za-z]", name_cell.text)
    ):
        return None
    if any(
        c is not None and k not in ("note", "rubric") and _NOT_AN_INDICATOR.search(c.text) for k, c in assigned.items()
    ):
        return None  # the notes under a table ("偏差大或目标未完成原因分析"), not a row of it
    if assigned.get("actual") is None and assigned.get("score") is None:
        return None
    for level in ("level1", "level2"):
        cell = assigned.get(level)
        if cell is not None:
            carry[level] = re.sub(r"\s+", "", _TRAILING_WEIGHT.sub("", cell.text))
    cells: dict[str, Evidence] = {}
    decimals: dict[str, int] = {}
    numbers: dict[str, Decimal] = {}
    for key in INDICATOR_NUMBERS:
        cell = assigned.get(key)
        if cell is None:
            continue
        parsed = cell_number(cell)
        if parsed is None or parsed[2]:
            return None  # not a number where the header promises one: the row is misread
        numbers[key], decimals[key] = parsed[0], parsed[1]
        cells[key] = cell_evidence(doc, cell.start, cell.end)
    name = name_cell.text
    w = _WEIGHT_IN_NAME.search(name)
    if w and "weight" not in numbers:
        start = name_cell.start + w.start("w")
        numbers["weight"] = parse_number(w.group("w"))
        decimals["weight"] = decimals_of(w.group("w"))
        cells["weight"] = cell_evidence(doc, name_cell.start, start + len(w.group("w")))
    name = re.sub(r"\s+", "", _TRAILING_WEIGHT.sub("", name))
    strings = {
        k: (re.sub(r"\s+", "", assigned[k].text) if assigned.get(k) is not None else None)  # type: ignore[union-attr]
        for k in ("target", "actual", "note")
    }
    end = max(c.end for c in assigned.values() if c is not None)
    return Indicator(
        level1=carry.get("level1"),
        level2=carry.get("level2"),
        name=name,
        target=strings["target"],
        actual=strings["actual"],
        note=strings["note"],
        evidence=cell_evidence(doc, name_cell.start, end),
        cells=cells,
        decimals=decimals,
        **numbers,
    )
