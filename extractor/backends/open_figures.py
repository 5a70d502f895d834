"""What the rules left open: the figures no rules value was read from, and the spans of text
a model needs to read them.

The hybrid backend asks a model only about these. A **figure** is a number written in the
text that can be a value: not a year, month or day (``2023年``, ``1-12月``), not a list
number (``1.``, ``（2）``, ``3、`` at the start of a line), not a page, annex,
figure or table number (``—2—``, ``附件2``, ``图1``, ``第一部分``). 持平 (a change of zero in words)
is a figure too. A figure is **placed** when a rules value was read from it: a fact's number
inside its evidence (as written, in 元 or 亿元, or unsigned; 持平 for a zero), any number in a
project's, indicator's or the evaluation's cell evidence.

:func:`windows` gives, for one chunk, the spans that hold its open figures with what says
what each is: the sentence around a figure in prose; in a table, the figure's row (a
tab-separated line with two cells or more, or for a table written one cell per line, the
lines back to the row's label, a line without digits) and the table's header lines. A chunk without open
figures gets no windows and is not sent at all.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from decimal import Decimal

from extractor.chunk import Chunk, table_header_end
from extractor.document import Document
from extractor.ground import occurrences
from extractor.numbers import WrittenNumber, find_numbers
from extractor.result import Extraction

__all__ = ["open_figures", "placed_numbers", "windows"]

_DATE_AFTER = re.compile(r"[ \t]*(?:[-－~至][ \t]*\d+[ \t]*)?(?:年|月|日|号|届|期|季度|部分)")
_LABEL_BEFORE = re.compile(r"(?:第|附件|附表|附|图|表|—|－)[ \t]*$")
_LIST_AFTER = re.compile(r"[ \t]*[、.．)）]")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_DIGIT = re.compile(r"[0-9]")
_ZERO_WORD = re.compile(r"持平")
MERGE_GAP = 24
"""Windows closer than this many characters are joined: the text between is cheap context."""
MAX_ROW_LINES = 8
"""Lines looked back for a row's label in a table written one cell per line."""


def placed_numbers(doc: Document, rules: Extraction) -> set[int]:
    """Start offsets of the numbers the rules read a value from."""
    placed: set[int] = set()
    for f in rules.facts:
        placed.update(n.start for n in occurrences(doc, f.evidence.start, f.evidence.end, f.value))
        if f.value == 0:
            placed.update(m.start() for m in _ZERO_WORD.finditer(doc.text, f.evidence.start, f.evidence.end))
    cells = [ev for p in rules.projects for ev in p.cells.values()]
    cells += [ev for i in rules.indicators for ev in i.cells.values()]
    for ev in (*cells, *rules.evaluation.cells.values()):
        placed.update(n.start for n in find_numbers(doc.text[ev.start : ev.end], ev.start))
    return placed


def _is_figure(text: str, n: WrittenNumber) -> bool:
    after = text[n.end : n.end + 8]
    if _DATE_AFTER.match(after) or _LABEL_BEFORE.search(text[max(0, n.start - 3) : n.start]):
        return False
    line_start = text.rfind("\n", 0, n.start) + 1
    alone = text[line_start : n.start].strip(" \t(（") == ""
    if alone and "." not in n.text and "," not in n.text and _LIST_AFTER.match(after):
        return False
    return not (text[n.start - 1 : n.start] in ("(", "（") and after[:1] in (")", "）"))


def open_figures(doc: Document, placed: set[int], start: int = 0, end: int | None = None) -> list[WrittenNumber]:
    """The figures in ``doc.text[start:end]`` no rules value was read from."""
    end = len(doc.text) if end is None else end
    found = [n for n in find_numbers(doc.text[start:end], start) if _is_figure(doc.text, n)]
    found += [
        WrittenNumber(text=m.group(), start=m.start(), end=m.end(), value=Decimal(0), decimals=0)
        for m in _ZERO_WORD.finditer(doc.text, start, end)
    ]
    return sorted((n for n in found if n.start not in placed), key=lambda n: n.start)


def _line(text: str, at: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, at) + 1
    e = text.find("\n", at)
    return s, len(text) if e < 0 else e


def _sentence(text: str, n: WrittenNumber) -> tuple[int, int]:
    s = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, n.start - 400), n.start)), default=n.start - 400)
    m = _SENTENCE_END.search(text, n.end)
    return max(0, s), m.end() if m and m.group() != "\n" else (m.start() if m else len(text))


def _row(text: str, table: tuple[int, int], n: WrittenNumber) -> list[tuple[int, int]]:
    """The figure's row and the table's header lines."""
    s, e = _line(text, n.start)
    if sum(bool(c.strip()) for c in text[s:e].split("\t")) < 2:  # one cell per line: back to the row's label
        for _ in range(MAX_ROW_LINES):
            if s <= table[0]:
                break
            s = text.rfind("\n", 0, s - 1) + 1
            if not _DIGIT.search(text, s, text.find("\n", s)):
                break
    head = min(table_header_end(text, *table), s)
    return [(table[0], head), (s, e)] if head > table[0] else [(s, e)]


def windows(
    doc: Document, chunk: Chunk, figures: Sequence[WrittenNumber], tables: Sequence[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    """The spans of ``chunk`` a model needs to read ``figures`` (those inside it), joined
    where they touch or nearly do."""
    text = doc.text
    starts = [t[0] for t in tables]
    spans: list[tuple[int, int]] = []
    for n in figures:
        if not chunk.start <= n.start < chunk.end:
            continue
        i = bisect_right(starts, n.start) - 1
        if i >= 0 and n.start < tables[i][1]:
            spans.extend(_row(text, tables[i], n))
        else:
            spans.append(_sentence(text, n))
    out: list[tuple[int, int]] = []
    for s, e in sorted((max(s, chunk.start), min(e, chunk.end)) for s, e in spans):
        if e <= s:
            continue
        if out and s - out[-1][1] <= MERGE_GAP:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return tuple(out)
