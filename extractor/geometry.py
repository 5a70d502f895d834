"""Page geometry: what a page shows and where, in PDF points (origin top left).

Readers that see pages (the PDF text layer, OCR of a scan) describe each page as a
:class:`Page` of :class:`Word` boxes and ruling lines; the layout stage
(:mod:`extractor.layout`) turns pages into paragraphs and tables. Every box is
``(x0, top, x1, bottom)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = ["Box", "Page", "Word", "union"]

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Word:
    """A run of characters on one line with no gap between them.

    ``chars`` holds one box per character of ``text`` when the reader knows them (a text
    layer does; OCR gives one box per text run, and ``chars`` is empty). ``confidence`` is
    the OCR engine's, in [0, 1]; ``None`` for a text layer.
    """

    text: str
    box: Box
    chars: tuple[Box, ...] = ()
    confidence: float | None = None

    def char_boxes(self) -> tuple[Box, ...]:
        """One box per character: the reader's, or the word's box split evenly."""
        if len(self.chars) == len(self.text):
            return self.chars
        x0, top, x1, bottom = self.box
        n = max(1, len(self.text))
        step = (x1 - x0) / n
        return tuple((x0 + i * step, top, x0 + (i + 1) * step, bottom) for i in range(len(self.text)))


@dataclass(frozen=True, slots=True)
class Page:
    """One page: its size, its words and its ruling (thin boxes of lines and rectangle edges)."""

    number: int
    width: float
    height: float
    words: tuple[Word, ...]
    rules: tuple[Box, ...] = ()
    source: Literal["text", "ocr"] = "text"


def union(boxes: Iterable[Box]) -> Box | None:
    """The smallest box holding all of ``boxes``, or ``None`` for none."""
    x0 = top = float("inf")
    x1 = bottom = float("-inf")
    seen = False
    for b in boxes:
        seen = True
        x0, top = min(x0, b[0]), min(top, b[1])
        x1, bottom = max(x1, b[2]), max(bottom, b[3])
    return (x0, top, x1, bottom) if seen else None
