"""Classification codes at the head of a table row: 功能分类 201 / 20101 / 2010101 (类, 款, 项) and
经济分类 301 / 30101, whole in one cell, with the name (``[30215]会议费``), or split over
类 | 款 | 项 columns, whose upper levels a merged cell may leave empty."""

from __future__ import annotations

import re

from extractor.backends.rules.grids import CellSpan

__all__ = ["INLINE_CODE", "row_code", "valid_code"]

INLINE_CODE = re.compile(r"^[\[【]?(\d{3}(?:\d{2}){0,2})[\]】]?\s*([^\d\s.,].*)$")


def row_code(cells: tuple[CellSpan, ...], above: dict[int, str] | None = None) -> tuple[str, int] | None:
    """The row's code and the index of its name cell (0 where one cell holds both,
    ``[30215]会议费`` or ``30215 会议费``).

    A code split over 类 | 款 | 项 columns may leave the columns of the levels above empty
    (merged down from the class row): with ``above`` — the code parts last seen in each
    grid column of the table, kept up to date here — ``| 01 | 人大事务`` under ``201`` reads
    as 20101."""
    texts = [c.text.strip() for c in cells]
    if texts and (m := INLINE_CODE.match(texts[0])):
        return m.group(1), 0
    if not texts:
        return None
    if re.fullmatch(r"\d{3}(?:\d{2}){0,2}", texts[0]):
        code = ""
    elif above and re.fullmatch(r"\d{2}", texts[0]) and cells[0].col > min(above):
        code = "".join(part for col, part in sorted(above.items()) if col < cells[0].col)
        if len(code) not in (3, 5):
            return None
    else:
        return None
    i = 0
    parts: dict[int, str] = {}
    while i < len(texts) and len(code) < 7 and re.fullmatch(r"\d{3}(?:\d{2}){0,2}" if not code else r"\d{2}", texts[i]):
        code += texts[i]
        parts[cells[i].col] = texts[i]
        i += 1
    if above is not None and all(c >= 0 for c in parts):
        for col in [c for c in above if c >= min(parts)]:
            del above[col]  # a new class or 款 ends the levels under the old one
        above.update(parts)
    while i < len(texts) and not texts[i]:
        i += 1
    return code, i


def valid_code(code: str) -> str | None:
    """The code when it is a whole 类 (3 digits), 款 (5) or 项 (7); else ``None``."""
    return code if len(code) in (3, 5, 7) else None
