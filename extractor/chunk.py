"""The chunk stage: cut a document into spans a model can read in one request.

A model request costs by the character, and a model reads a table badly when the table is
cut in half, so chunks follow the document's own structure:

* **Units first.** The document's blocks become units that are never split unless they
  are too large on their own: a section heading (``一、``, ``（一）``, ``1.``, ``（1）``), a
  paragraph, a table — a TABLE block, or a run of tab-separated lines, or a run of short
  one-cell-per-line lines (how flattened tables arrive in plain text).
* **Packing.** Units are packed in reading order up to ``max_chars``. A major heading
  starts a new chunk once the current one is reasonably full (``第一部分`` at a quarter,
  ``一、``/``（一）`` at two thirds), so chunks tend to be whole sections without turning
  every short section into a request of its own (each request repeats the instructions).
* **Overlap only where the cut was forced.** When a chunk ends because it is full (not at a
  heading), the next one starts up to ``overlap`` characters earlier, at a line or sentence
  boundary, so a sentence cut by the size budget is read whole once. The model backend
  collapses the duplicates this produces.
* **Figures or nothing.** Chunks without a single digit are dropped: there is nothing to
  extract and a request would be wasted.

Every :class:`Chunk` keeps its half-open span ``[start, end)`` into ``document.text``; its
``text`` is exactly ``document.text[start:end]``, so a quote found in the chunk is found in
the document. ``heading`` is the section path in force at the chunk's start and ``context``
what a table the chunk holds says outside the chunk — its unit line (``单位：万元``, above the
table) and, when the table began in an earlier chunk, its header rows (the lines before its
first body row, a two-row header whole): both help the model read the chunk as a table and
are not part of it (nothing may be quoted from them). A long table is cut between rows, so
every piece after the first repeats the header this way. ``windows``, when set, are the only spans of the
chunk a model is shown (:meth:`Chunk.excerpt` joins them with :data:`OMITTED` lines): the
hybrid backend shows a model only what the rules left open. Grounding still uses the
whole chunk, so a quote from any window is found.

:func:`route` assigns a chunk the field groups whose terms it mentions, so a request can
carry only the relevant part of a response schema.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from extractor.document import BlockKind, Document, heading_level
from extractor.numbers import UNIT_LINE

__all__ = ["OMITTED", "Chunk", "chunk_document", "route", "split_chunk", "table_header_end", "table_spans"]

_DIGIT = re.compile(r"[0-9]")
_SENTENCE_END = re.compile(r"[。；;！？!?]")
SHORT_CELL_CHARS = 24
"""A line this short (stripped) may be a table cell written one per line."""
MIN_CELL_RUN = 6
"""Lines in a run of short lines before the run is treated as a table."""
HEADER_LINES = 6
"""Lines at most taken as a table's header rows."""
UNIT_LINE_LOOKBACK = 3
"""Lines above a table searched for its unit line."""
_BODY_NUMBER = re.compile(r"(?<![\d.表图第件])\d+(?:\.\d+)?(?![\d.、)]|\s*年)")
"""A number that makes a line a table's body row; a year in a header cell (2023年预算数), a
table's or a column's number (表1, 附件2, 1、) does not."""
OMITTED = "[…]"
"""The line that stands for text left out between two windows of an excerpt."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Chunk:
    """A span of ``document.text`` sent to a model as one request."""

    index: int
    start: int
    end: int
    text: str
    heading: str = ""
    context: str = ""
    groups: tuple[str, ...] = ()
    windows: tuple[tuple[int, int], ...] = ()

    def __len__(self) -> int:
        return self.end - self.start

    def excerpt(self) -> str:
        """What a model is shown: the chunk, or only its windows with an :data:`OMITTED` line
        wherever text was left out between, before or after them."""
        if not self.windows:
            return self.text
        parts: list[str] = []
        pos = self.start
        for s, e in self.windows:
            if s > pos:
                parts.append(OMITTED)
            parts.append(self.text[s - self.start : e - self.start])
            pos = e
        if pos < self.end:
            parts.append(OMITTED)
        return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class _Unit:
    start: int
    end: int
    kind: str  # "heading" | "text" | "table"
    level: int | None = None


# --------------------------------------------------------------------------- units


def _line_units(doc: Document) -> list[_Unit]:
    """Units from blocks (plain text has one paragraph block per line)."""
    units: list[_Unit] = []
    blocks = doc.blocks or ()
    if not blocks:
        for m in re.finditer(r"[^\n]+", doc.text):
            if m.group().strip():
                lvl = heading_level(m.group())
                units.append(_Unit(m.start(), m.end(), "heading" if lvl else "text", lvl))
        return units
    for b in blocks:
        if b.kind is BlockKind.PAGE_BREAK or b.end <= b.start:
            continue
        if b.kind is BlockKind.TABLE:
            units.append(_Unit(b.start, b.end, "table"))
        elif b.kind is BlockKind.HEADING:
            units.append(_Unit(b.start, b.end, "heading", b.level or heading_level(doc.text[b.start : b.end]) or 2))
        else:
            units.append(_Unit(b.start, b.end, "text"))
    return units


def _is_row(doc: Document, u: _Unit) -> bool:
    return u.kind == "text" and "\t" in doc.text[u.start : u.end]


def _is_cell(doc: Document, u: _Unit) -> bool:
    """A short line that may be a cell; a major heading (``第一部分``, ``一、``) never is."""
    if u.kind == "table" or (u.kind == "heading" and (u.level or 2) <= 2):
        return False
    return len(doc.text[u.start : u.end].strip()) <= SHORT_CELL_CHARS


def _merge_tables(doc: Document, units: list[_Unit]) -> list[_Unit]:
    """Join runs of tab-separated lines, and long runs of short lines, into table units."""
    out: list[_Unit] = []
    i = 0
    while i < len(units):
        u = units[i]
        j = i
        if _is_row(doc, u):
            while j + 1 < len(units) and (_is_row(doc, units[j + 1]) or _is_cell(doc, units[j + 1])):
                j += 1
        elif _is_cell(doc, u):
            while j + 1 < len(units) and (_is_cell(doc, units[j + 1]) or _is_row(doc, units[j + 1])):
                j += 1
            run = units[i : j + 1]
            if len(run) < MIN_CELL_RUN or not any(_DIGIT.search(doc.text[r.start : r.end]) for r in run):
                j = i
        if j > i:
            out.append(_Unit(u.start, units[j].end, "table"))
        else:
            out.append(u)
        i = j + 1
    return out


# --------------------------------------------------------------------------- splitting


def _pieces(text: str, start: int, end: int, max_chars: int, overlap: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most ``max_chars``, preferring line ends,
    then sentence ends, then a hard cut; each piece after the first starts up to
    ``overlap`` characters before the previous one ended (at a line or sentence boundary)."""
    pieces: list[tuple[int, int]] = []
    pos = cut = start
    while end - pos > max_chars:
        limit = pos + max_chars
        floor = max(pos + max_chars // 2, cut + 1)  # no tiny piece, always past the last cut
        nl = text.rfind("\n", floor, limit)
        if nl >= floor:
            cut = nl + 1
        else:
            ends = [m.end() for m in _SENTENCE_END.finditer(text, floor, limit)]
            cut = ends[-1] if ends else limit
        pieces.append((pos, cut))
        pos = _overlap_start(text, pos, cut, overlap)
    pieces.append((pos, end))
    return pieces


def _overlap_start(text: str, prev_start: int, prev_end: int, overlap: int) -> int:
    """Where the next chunk starts when the previous one was cut for size: the first line or
    sentence boundary in the last ``overlap`` characters, else no overlap."""
    if overlap <= 0:
        return prev_end
    lo = max(prev_start + 1, prev_end - overlap)
    for i in range(lo, prev_end):
        if text[i - 1] == "\n" or _SENTENCE_END.match(text[i - 1]):
            return i
    return prev_end


# --------------------------------------------------------------------------- packing


def chunk_document(
    doc: Document, *, max_chars: int = 3000, overlap: int = 200, keep_empty: bool = False
) -> list[Chunk]:
    """Cut ``doc`` into chunks of at most ``max_chars`` (a unit longer than that is split)."""
    text = doc.text
    overlap = max(0, min(overlap, max_chars // 4))
    units = _merge_tables(doc, _line_units(doc))
    spans: list[tuple[int, int, str, str]] = []  # start, end, heading path, context
    path: dict[int, str] = {}
    cur: tuple[int, int, str] | None = None  # start, end, heading at start

    def heading_path() -> str:
        return " > ".join(path[k] for k in sorted(path))

    def flush(forced: bool) -> int | None:
        nonlocal cur
        if cur is None:
            return None
        s, e, h = cur
        spans.append((s, e, h, ""))
        cur = None
        return _overlap_start(text, s, e, overlap) if forced else None

    for u in units:
        size = u.end - u.start
        if u.kind == "heading":
            lvl = u.level or 2
            filled = cur[1] - cur[0] if cur is not None else 0
            if filled and ((lvl <= 1 and filled >= max_chars // 4) or (lvl <= 3 and filled >= max_chars * 2 // 3)):
                flush(forced=False)
            for k in [k for k in path if k >= lvl]:
                del path[k]
            path[lvl] = text[u.start : u.end].strip()
        if cur is not None and u.end - cur[0] > max_chars:
            resume = flush(forced=True)
            if resume is not None and resume < u.start and u.end - resume <= max_chars:
                cur = (resume, u.end, heading_path())
                continue
        if size > max_chars:
            flush(forced=False)
            for a, b in _pieces(text, u.start, u.end, max_chars, overlap):
                spans.append((a, b, heading_path(), ""))
            continue
        cur = (cur[0], u.end, cur[2]) if cur is not None else (u.start, u.end, heading_path())
    flush(forced=False)

    tables = [u for u in units if u.kind == "table"]
    chunks: list[Chunk] = []
    for s, e, h, _ in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s or (not keep_empty and not _DIGIT.search(text, s, e)):
            continue
        chunks.append(
            Chunk(
                index=len(chunks), start=s, end=e, text=text[s:e], heading=h, context=_table_context(text, tables, s, e)
            )
        )
    return chunks


def table_header_end(text: str, start: int, end: int) -> int:
    """Where the header rows of the table at ``text[start:end]`` end: after the lines before
    its first body row (a line with a number that is not a year), at most
    :data:`HEADER_LINES`; ``start`` when its first line is a body row."""
    head, at = start, start
    for _ in range(HEADER_LINES):
        nl = text.find("\n", at, end)
        line_end = end if nl < 0 else nl
        if at >= end or _BODY_NUMBER.search(text, at, line_end):
            break
        head, at = line_end, line_end + 1
    return head


def _unit_line(text: str, start: int, header_end: int) -> tuple[int, str] | None:
    """The line stating the table's money unit: in its header rows, else just above it."""
    lo = start
    for _ in range(UNIT_LINE_LOOKBACK):
        lo = text.rfind("\n", 0, max(0, lo - 1)) + 1
    found = list(UNIT_LINE.finditer(text, lo, header_end))
    if not found:
        return None
    at = found[-1].start()
    s = text.rfind("\n", 0, at) + 1
    e = text.find("\n", at)
    return s, text[s : e if e >= 0 else len(text)].strip()


def _table_context(text: str, tables: Sequence[_Unit], start: int, end: int) -> str:
    """What the first table in ``[start, end)`` says outside it: its unit line when that is
    above ``start``, and its header rows when the table began before ``start``."""
    for t in tables:
        if t.end <= start or t.start >= end:
            continue
        head = table_header_end(text, t.start, t.end)
        unit = _unit_line(text, t.start, head)
        header = text[t.start : head].strip("\n") if t.start < start and head > t.start else ""
        in_header = unit is not None and header and t.start <= unit[0] < head
        parts = [unit[1]] if unit is not None and unit[0] < start and not in_header else []
        return "\n".join([*parts, *([header] if header else [])])
    return ""


def split_chunk(chunk: Chunk) -> tuple[Chunk, Chunk] | None:
    """Halve a chunk at the line (else sentence) boundary nearest its middle; ``None`` when
    it cannot be cut. Used when a model's answer for the whole chunk did not fit."""
    text = chunk.text
    if len(text) < 2:
        return None
    mid = len(text) // 2
    best: int | None = None
    for pattern in (re.compile("\n"), _SENTENCE_END):
        cands = [m.end() for m in pattern.finditer(text) if 0 < m.end() < len(text)]
        if cands:
            best = min(cands, key=lambda c: abs(c - mid))
            break
    cut = best if best is not None else mid
    at = chunk.start + cut
    left = replace(chunk, end=at, text=text[:cut], windows=tuple((s, min(e, at)) for s, e in chunk.windows if s < at))
    right = replace(
        chunk,
        start=at,
        text=text[cut:],
        context=chunk.context,
        windows=tuple((max(s, at), e) for s, e in chunk.windows if e > at),
    )
    return left, right


def table_spans(doc: Document) -> list[tuple[int, int]]:
    """The spans of ``doc``'s tables as the chunker sees them: TABLE blocks, runs of
    tab-separated lines and runs of short one-cell-per-line lines."""
    return [(u.start, u.end) for u in _merge_tables(doc, _line_units(doc)) if u.kind == "table"]


def route(text: str, terms: Mapping[str, Sequence[str]], *, always: Iterable[str] = ()) -> tuple[str, ...]:
    """The groups (in ``terms`` order) with a term found in ``text``, plus ``always``.
    Terms are regular expressions (``项目(?!支出)``: 项目 but not 项目支出)."""
    fixed = set(always)
    return tuple(g for g, words in terms.items() if g in fixed or any(re.search(w, text) for w in words))
