"""The document model: normalised text whose every character traces back to its source.

A reader (``extractor.ingest``) linearises a file into *raw* text (paragraphs one per line,
table rows as tab-separated cells) and records blocks and page starts in raw offsets.
:func:`build_document` normalises that text and keeps, for every character of the normalised
text, the offset of its source in the raw text. Evidence offsets everywhere in the package
are into the normalised ``Document.text``; ``Document.raw_span`` maps them back.

Normalisation (:mod:`extractor.normalise`) keeps meaning and never changes or drops a digit.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from extractor.geometry import Box
from extractor.normalise import OffsetMap, normalise

__all__ = [
    "PAGE_NUMBER",
    "Block",
    "BlockKind",
    "Cell",
    "Document",
    "build_document",
    "heading_level",
    "normalise",
]

# --------------------------------------------------------------------------- blocks


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    TABLE = "table"
    PAGE_BREAK = "page_break"


@dataclass(frozen=True, slots=True, kw_only=True)
class Cell:
    """One table cell: its text and half-open span in the normalised text.

    ``colspan``/``rowspan`` count the grid columns and rows a merged cell covers (where the
    reader knows them); the positions it covers to its right hold empty cells, so a row's
    cells stay one per grid column."""

    text: str
    start: int
    end: int
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """A unit in reading order. ``start``/``end`` are normalised offsets."""

    kind: BlockKind
    start: int
    end: int
    page: int | None = None
    level: int | None = None
    rows: tuple[tuple[Cell, ...], ...] = ()


@dataclass(frozen=True, kw_only=True)
class Document:
    """An immutable, normalised document.

    ``text`` is what every stage reads; ``raw`` is the reader's linearisation of the source;
    ``offset_map`` ties them; ``page_starts`` holds the normalised offset where each page
    begins (empty for formats without pages).
    """

    name: str
    text: str
    raw: str
    offset_map: OffsetMap = field(repr=False)
    blocks: tuple[Block, ...] = ()
    page_starts: tuple[int, ...] = ()
    source_format: str = "txt"
    sha256: str = ""
    size_bytes: int = 0
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    boxes: array[float] | None = field(default=None, repr=False)
    """Four floats per *raw* character (x0, top, x1, bottom on its page), NaN where a
    character has no box (separators the reader wrote); ``None`` for sources without geometry."""
    confidence: array[float] | None = field(default=None, repr=False)
    """Per raw character the OCR engine's confidence; NaN where not OCR'd; ``None``: no OCR."""
    ocr_pages: Mapping[int, float] = field(default_factory=dict)  # OCR'd page → mean confidence

    @property
    def pages(self) -> int | None:
        return len(self.page_starts) or None

    def page_of(self, offset: int) -> int | None:
        """1-based page of a normalised offset, or ``None`` for formats without pages."""
        if not self.page_starts:
            return None
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw offsets whose normalisation is ``text[start:end]``."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) outside text of length {len(self.text)}")
        return self.offset_map[start], self.offset_map[end]

    def bbox(self, start: int, end: int) -> Box | None:
        """The box around ``text[start:end]`` on the page where it starts, or ``None``."""
        if self.boxes is None or start >= end:
            return None
        page = self.page_of(start)
        if page is not None and page < len(self.page_starts):
            end = min(end, self.page_starts[page])  # a quote across a page break: its first page
        raw_start, raw_end = self.raw_span(start, end)
        x0 = top = float("inf")
        x1 = bottom = float("-inf")
        b = self.boxes
        for i in range(4 * raw_start, 4 * raw_end, 4):
            if b[i] == b[i]:  # not NaN
                x0, top = min(x0, b[i]), min(top, b[i + 1])
                x1, bottom = max(x1, b[i + 2]), max(bottom, b[i + 3])
        if x0 == float("inf"):
            return None
        return (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))

    def confidence_of(self, start: int, end: int) -> float | None:
        """The OCR engine's lowest confidence in ``text[start:end]`` (``None``: not OCR'd)."""
        if self.confidence is None or start >= end:
            return None
        known = [c for c in self.confidence[slice(*self.raw_span(start, end))] if c == c]
        return round(min(known), 4) if known else None

    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind is BlockKind.TABLE]


# --------------------------------------------------------------------------- headings

_CN_NUM = "一二三四五六七八九十百零〇"
_HEADING = re.compile(
    r"^\s*(?:"
    rf"(?P<l1>第[{_CN_NUM}\d]+(?:部分|章|节))"  # 第一部分
    rf"|(?P<l2>[{_CN_NUM}]+\s*[、.．])"  # 一、
    rf"|(?P<l3>[(（]\s*[{_CN_NUM}]+\s*[)）])"  # （一）
    r"|(?P<l4>\d{1,2}\s*[.．、](?!\d))"  # 1.
    r"|(?P<l5>[(（]\s*\d{1,2}\s*[)）])"  # （1）
    r")"
)
"""The numbered heading forms, level by level: the first that matches names the level (each starts
with a character no space is, so the leading spaces are all taken whichever form it is)."""
HEADING_MAX_CHARS = 60
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
"""A line that is only a page number: ``13``, ``- 13 -``, ``第13页``, ``13/40``."""


@lru_cache(maxsize=8192)
def heading_level(line: str) -> int | None:
    """Level of a Chinese section heading (``第一部分`` 1, ``一、`` 2, ``（一）`` 3, ``1.`` 4,
    ``（1）`` 5), or ``None``. Long numbered lines are paragraphs, not headings. Cached by the
    line: the reader, the paragraph joiner and the sentence scanner ask of the same lines."""
    if len(line.strip()) > HEADING_MAX_CHARS:
        return None
    m = _HEADING.match(line)
    return int(m.lastgroup[1:]) if m is not None and m.lastgroup else None


# --------------------------------------------------------------------------- builder


@dataclass
class _RawBlock:
    kind: BlockKind
    start: int
    end: int
    page: int | None
    level: int | None
    rows: list[list[tuple[int, int]]]
    spans: list[list[tuple[int, int]]] | None = None


class TextBuilder:
    """Collects a reader's linearised text, blocks and page starts in raw offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self._blocks: list[_RawBlock] = []
        self._page_starts: list[int] = []
        self._page: int | None = None
        self._boxes: array[float] | None = None

    def _box(self, n: int, boxes: Sequence[Box | None] | None) -> None:
        """Record the boxes of the next ``n`` characters (NaN where unknown)."""
        if boxes is None and self._boxes is None:
            return
        if self._boxes is None:
            self._boxes = array("f", [_NAN] * (4 * self._len))
        if boxes is None:
            self._boxes.extend([_NAN] * (4 * n))
            return
        for box in boxes:
            self._boxes.extend(box if box is not None else _NO_BOX)

    @property
    def offset(self) -> int:
        return self._len

    def _write(self, s: str, boxes: Sequence[Box | None] | None = None) -> tuple[int, int]:
        if boxes is not None and len(boxes) != len(s):
            raise ValueError(f"{len(boxes)} boxes for {len(s)} characters")
        self._box(len(s), boxes)
        start = self._len
        self._parts.append(s)
        self._len += len(s)
        return start, self._len

    def start_page(self, number: int) -> None:
        if self._page_starts:
            start, end = self._write("\n")
            self._blocks.append(_RawBlock(BlockKind.PAGE_BREAK, start, end, self._page, None, []))
        self._page = number
        self._page_starts.append(self._len)

    def paragraph(
        self, text: str, *, heading_level: int | None = None, boxes: Sequence[Box | None] | None = None
    ) -> None:
        if boxes is None:
            text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
        if not text.strip():
            return
        start, end = self._write(text, boxes)
        self._write("\n")
        kind = BlockKind.HEADING if heading_level else BlockKind.PARAGRAPH
        self._blocks.append(_RawBlock(kind, start, end, self._page, heading_level, []))

    def table(
        self,
        rows: Sequence[Sequence[str | None]],
        boxes: Sequence[Sequence[Sequence[Box | None] | None]] | None = None,
        spans: Sequence[Sequence[tuple[int, int]]] | None = None,
    ) -> None:
        """Rows of cell texts (optionally one box per character of each cell, and each
        cell's (colspan, rowspan)); newlines and tabs inside a cell become spaces."""
        clean = [[(c or "").replace("\t", " ").replace("\r", " ").replace("\n", " ") for c in r] for r in rows]
        keep = [i for i, r in enumerate(clean) if any(c.strip() for c in r)]
        if not keep:
            return
        start = self._len
        cells: list[list[tuple[int, int]]] = []
        for i in keep:
            row_spans = []
            for j, cell in enumerate(clean[i]):
                if j:
                    self._write("\t")
                cell_boxes = boxes[i][j] if boxes is not None and j < len(boxes[i]) else None
                row_spans.append(
                    self._write(cell, cell_boxes if cell_boxes is not None and len(cell_boxes) == len(cell) else None)
                )
            self._write("\n")
            cells.append(row_spans)
        kept_spans = [list(spans[i]) for i in keep] if spans is not None else None
        self._blocks.append(_RawBlock(BlockKind.TABLE, start, self._len - 1, self._page, None, cells, kept_spans))

    def raw_text(self) -> str:
        return "".join(self._parts)

    def build(self, name: str, **meta: object) -> Document:
        return build_document(
            name,
            self.raw_text(),
            raw_blocks=self._blocks,
            raw_page_starts=self._page_starts,
            boxes=self._boxes,
            **meta,
        )


_NAN = float("nan")
_NO_BOX = (_NAN, _NAN, _NAN, _NAN)


def _to_norm(offset_map: OffsetMap, raw_offset: int) -> int:
    """First normalised index whose source starts at or after ``raw_offset``."""
    return bisect.bisect_left(offset_map, raw_offset)


def build_document(
    name: str,
    raw: str,
    *,
    raw_blocks: Sequence[_RawBlock] | None = None,
    raw_page_starts: Sequence[int] = (),
    boxes: array[float] | None = None,
    **meta: object,
) -> Document:
    """Normalise ``raw`` and translate block and page offsets into the normalised text.

    Without ``raw_blocks`` (plain text) each non-empty line becomes a paragraph block.
    """
    text, omap = normalise(raw)
    blocks: list[Block] = []
    if raw_blocks is None:
        for m in re.finditer(r"[^\n]+", text):
            line = m.group()
            if not line.strip():
                continue
            level = heading_level(line)
            kind = BlockKind.HEADING if level else BlockKind.PARAGRAPH
            blocks.append(Block(kind=kind, start=m.start(), end=m.end(), level=level))
    else:
        for rb in raw_blocks:
            s, e = _to_norm(omap, rb.start), _to_norm(omap, rb.end)
            rows = tuple(
                tuple(
                    Cell(text=text[cs:ce], start=cs, end=ce, colspan=cspan, rowspan=rspan)
                    for (cs, ce), (cspan, rspan) in zip(
                        ((_to_norm(omap, a), _to_norm(omap, b)) for a, b in row),
                        rb.spans[i] if rb.spans is not None and len(rb.spans[i]) == len(row) else [(1, 1)] * len(row),
                        strict=True,
                    )
                )
                for i, row in enumerate(rb.rows)
            )
            blocks.append(Block(kind=rb.kind, start=s, end=e, page=rb.page, level=rb.level, rows=rows))
    page_starts = tuple(_to_norm(omap, p) for p in raw_page_starts)
    return Document(
        name=name,
        text=text,
        raw=raw,
        offset_map=omap,
        blocks=tuple(blocks),
        page_starts=page_starts,
        boxes=boxes,
        **meta,  # type: ignore[arg-type]
    )
