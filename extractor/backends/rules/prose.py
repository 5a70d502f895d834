"""Prose as paragraphs: the lines a PDF wrapped, joined again, for the sentence scanner.

A report's paragraph is printed over lines of one width, and its text layer breaks it
wherever a line ran out, even inside a word or between a number and its unit
("…与上年相比增加 5.37" / "万元，增长 1.27%。"). A line goes on in the next one when

* it runs (nearly) to the full width of the document's text lines and ends with no clause
  end (。；：！？) — or falls short only by the number the next line starts with (a number is
  set whole, with its unit and the comma a line may not start with: "…收入增加" /
  "12,895.94万元，…");
* the next line starts no heading or enumerated item ("（一）", "2.", "(3)") and holds no
  table cells (tabs), and the line itself is no numbered title (an enumerated line ending in
  说明, 情况, 概况 …);
* a line that ends in a digit goes on only into a unit or the rest of the number
  ("5.37" / "万元"): a row of figures followed by another row is not a wrapped sentence.

A page break inside a paragraph (blank lines, a page number, a running header the document
repeats) is stepped over, and a single space between two CJK characters (a justified line set
with letter spacing) is left out. The joined text is a view: every character maps back to
``Document.text``, so evidence stays exact (a joined span's quote holds the breaks it crossed).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from extractor.backends.rules.firstchars import gated
from extractor.document import HEADING_MAX_CHARS, PAGE_NUMBER, heading_level

__all__ = ["Prose", "join_paragraphs", "width"]

_CLAUSE_END = re.compile(r"[。；;:：!?！？]\s*$")
_TITLE_END = re.compile(r"(?:说明|情况|概况|解释|职责|设置|构成|[表图])\s*$")
"""How a section title of these reports ends ("…支出情况说明", "…机构设置")."""
_CARRIED_NUMBER = re.compile(r"^\s*\d[\d.,]*(?:万元|亿元|元|%)?[，,、；;。]?")
"""A number that opens a line, with its unit and the punctuation no line may start with."""
_UNIT_OR_DIGITS = re.compile(r"^\s*(?:[万亿千元%‰辆台人名个项家套次年月日]|[\d.,，])")
FULL_SLACK = 0.8
"""A line at least this share of the full width ran to the margin (a number or a word too
long for the rest of the line is carried over whole)."""
MIN_FULL = 40
"""Below this width (two columns of a half-width character) lines are no body text."""
MIN_CLUSTER = 5
CLUSTER_SPAN = 8
MAX_FULL = 160


@lru_cache(maxsize=4096)
def width(line: str) -> int:
    """Display width: a CJK or full-width character counts two (cached: the band of full lines
    and the joining step measure the same lines)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


@dataclass(frozen=True, slots=True)
class Prose:
    """``text`` is the document text with wrapping breaks removed, read from ``Document.text``
    in runs: the run starting at ``text[runs[k]]`` was read from ``Document.text[sources[k]:]``
    (a run per line piece, where one character per entry would hold the whole text again)."""

    text: str
    runs: tuple[int, ...]
    sources: tuple[int, ...]

    def offset(self, i: int) -> int:
        """The offset in ``Document.text`` of ``text[i]``."""
        k = bisect_right(self.runs, i) - 1
        return self.sources[k] + i - self.runs[k]

    def doc_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``Document.text`` that ``text[start:end]`` was read from."""
        if end <= start:
            n = len(self.text)
            at = self.offset(start) if start < n else (self.offset(n - 1) + 1 if n else 0)
            return at, at
        return self.offset(start), self.offset(end - 1) + 1


def _full_width(lines: list[str]) -> int | None:
    """The width of a full body line: the densest band of widths among the lines that end
    with no clause end (the wrapped ones), or ``None`` when fewer than five lines share one.
    Paragraphs the reader already joined are longer and of any width: they do not form a band."""
    widths = [width(ln.rstrip()) for ln in lines if not _CLAUSE_END.search(ln)]
    widths = [w for w in widths if MIN_FULL <= w <= MAX_FULL]
    best, best_n = None, MIN_CLUSTER - 1
    for w in sorted(set(widths)):
        n = sum(1 for v in widths if w - CLUSTER_SPAN <= v <= w)
        if n >= best_n:
            best, best_n = w, n
    return best


_LETTER_SPACE = gated(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
"""A single space set between two characters of a word (a justified line spaced out:
``公 务用 车购 置 支 出``): left out of the view, so words and wordings read whole."""


def _furniture(line: str, repeated: set[str]) -> bool:
    s = line.strip()
    return not s or bool(PAGE_NUMBER.match(s)) or s in repeated


def _goes_on(line: str, nxt: str, full: int) -> bool:
    if "\t" in line or "\t" in nxt or not nxt.strip():
        return False
    if _CLAUSE_END.search(line):
        return False
    if width(line.rstrip()) < FULL_SLACK * full:
        carried = _CARRIED_NUMBER.match(nxt)
        if carried is None or width(line.rstrip()) + width(carried.group().strip()) <= full - 2:
            return False  # short of the margin by more than the number it could not fit
    if heading_level(nxt[:HEADING_MAX_CHARS]) is not None:
        return False
    if heading_level(line[:HEADING_MAX_CHARS]) is not None and _TITLE_END.search(line):
        return False  # "（七）关于…支出情况说明": a numbered title, however wide, ends its line
    tail = line.rstrip()
    return not (tail[-1:].isdigit() and not _UNIT_OR_DIGITS.match(nxt))


def join_paragraphs(text: str, page_starts: tuple[int, ...] = ()) -> Prose:
    """``text`` with each wrapped paragraph on one line (see the module docstring).

    Where the reader has already joined each page's wrapped lines (no band of full lines is
    left), a paragraph cut only by a page break (``page_starts``) still goes on: a line at
    least ``MIN_FULL`` wide that ends with no clause end goes on into the next page's first line."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    full = _full_width([ln for _, ln in lines if "\t" not in ln])
    counts = Counter(ln.strip() for _, ln in lines if ln.strip())
    repeated = {s for s, n in counts.items() if n >= 3 and not any(ch.isdigit() for ch in s[-2:])}
    out: list[str] = []
    runs: list[int] = []  # where each piece starts in the view, and where it was read from
    sources: list[int] = []
    at = 0

    def piece(text: str, source: int) -> None:
        nonlocal at
        if text:
            out.append(text)
            runs.append(at)
            sources.append(source)
            at += len(text)

    i = 0
    while i < len(lines):
        start, line = lines[i]
        cut = start
        for gap in _LETTER_SPACE.finditer(line) if " " in line else ():
            piece(line[cut - start : gap.start()], cut)
            cut = start + gap.end()
        piece(line[cut - start :], cut)
        j = i + 1
        if full is not None and line.strip():
            k = j
            while k < len(lines) and _furniture(lines[k][1], repeated) and k - j < 4:
                k += 1
            if k < len(lines) and _goes_on(line, lines[k][1], full):
                i = k  # the paragraph goes on: no line break in the view
                continue
        elif full is None and line.strip():
            k = j
            while k < len(lines) and _furniture(lines[k][1], repeated) and k - j < 4:
                k += 1
            turned = k < len(lines) and any(start + len(line) < p <= lines[k][0] for p in page_starts)
            if turned and _goes_on(line, lines[k][1], MIN_FULL):
                i = k  # a paragraph the page cut
                continue
        if j < len(lines):  # the line break stays
            piece("\n", start + len(line))
        i = j
    return Prose("".join(out), tuple(runs), tuple(sources))
