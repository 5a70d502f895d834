"""A ledger's total line: what a report prints below a 合计 is no part of it.

A 收支总表 prints the sources of its income above the 本年收入合计 line; what it prints below
that line, before the 收入总计 (上年结转, and in some budgets' layouts 上级补助收入 and
附属单位上缴收入), is what the 总计 adds to the 合计, not a part of it. So where a sum's part is
written only below its total — in the total's column, on its page — while another part of the
sum stands above the total there, the part is under the line: no operand of that sum. Figures
without geometry (read from a text file, or from the prose) draw no line.
"""

from __future__ import annotations

from collections.abc import Iterable

from extractor.reconcile.slots import Book, SlotKey

__all__ = ["under_line"]

_Placed = tuple[int, tuple[float, float, float, float]]


def _placed(book: Book, key: SlotKey) -> list[_Placed]:
    """The page and box of each candidate of ``key`` that has them."""
    slot = book.get(key)
    out: list[_Placed] = []
    for c in slot.candidates if slot is not None else ():
        ev = c.evidence
        if ev is not None and ev.page is not None and ev.bbox is not None:
            out.append((ev.page, ev.bbox))
    return out


def _column(a: _Placed, b: _Placed) -> bool:
    """On one page, their boxes overlapping across (one column of the table)."""
    return a[0] == b[0] and a[1][0] < b[1][2] and b[1][0] < a[1][2]


def under_line(book: Book, total: SlotKey, part: SlotKey, parts: Iterable[SlotKey]) -> bool:
    """``part`` is written only below ``total`` in its column, and another of ``parts`` above it."""
    below = _placed(book, part)
    if not below:
        return False
    above = [p for k in parts if k != part for p in _placed(book, k)]
    for line in _placed(book, total):
        if all(_column(line, p) and p[1][1] >= line[1][3] for p in below) and any(
            _column(line, p) and p[1][3] <= line[1][1] for p in above
        ):
            return True
    return False
