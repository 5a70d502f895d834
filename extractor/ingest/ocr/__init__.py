"""OCR: a page image read into the same page geometry as a text layer.

A scanned PDF page or an image goes: grayscale at ``raster.DPI`` dpi → skew measured by
projection profile and undone → ruled lines found in the straightened image → text lines
and per-character boxes from the engine (:mod:`.engine`) → a
:class:`~extractor.geometry.Page` in PDF points (``source="ocr"``), which the one layout
stage (:func:`extractor.layout.lay_out_page`) turns into paragraphs and ruled tables, as for
a text layer. Layout happens on the straightened page (its lines are level); afterwards
(:class:`Scans`) every character's box is mapped back to the page as scanned (the skew and
the scale undone) and gets the engine's confidence in that character, so evidence carries
``page``, ``bbox`` and ``confidence`` (:meth:`~extractor.document.Document.confidence_of`).

Per page the mean character confidence goes to ``Document.ocr_pages``. Without the
``ocr`` extra every entry point raises :class:`~extractor.errors.NeedsOCRError` saying how
to install it.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from extractor.document import Document, TextBuilder
from extractor.geometry import Box, Page, Word
from extractor.layout import lay_out_page

if TYPE_CHECKING:
    import numpy as np

    from extractor.ingest.ocr.engine import Quad, TextLine

__all__ = ["OcrPage", "Scans", "available", "ocr_image", "ocr_pdf_pages"]


def available() -> str | None:
    """Why OCR cannot run here, or ``None`` when it can."""
    from extractor.ingest.ocr.engine import missing

    return missing()


def _key(box: Box) -> tuple[float, ...]:
    """The box as the builder stores it (float32), so a stored box finds its entry."""
    return tuple(array("f", box).tolist())


@dataclass(frozen=True)
class OcrPage:
    """One OCR'd page: its geometry straightened, and how to map back to the scan."""

    page: Page
    angle: float
    """Degrees the scan was turned; undone for layout, applied again to every box."""
    confidence: float
    """Mean engine confidence over the page's characters (1.0 for a page without text)."""
    originals: dict[tuple[float, ...], tuple[Box, float]] = field(repr=False, default_factory=dict)

    def to_scan(self, box: Box) -> tuple[Box, float | None]:
        """A character box of the straightened page → its box on the scan and its confidence."""
        hit = self.originals.get(_key(box))
        return (hit[0], hit[1]) if hit else (box, None)


def _points(quad: Sequence[tuple[float, float]], scale: float) -> Box:
    xs = [x for x, _ in quad]
    ys = [y for _, y in quad]
    return (min(xs) / scale, min(ys) / scale, max(xs) / scale, max(ys) / scale)


def _words(line: TextLine, scale: float) -> list[tuple[str, list[Box], list[float]]]:
    """The runs of one engine line (split where the engine read a space), each character with
    its box and score. The engine's text decides the spacing: boxes inside a run are closed up,
    so the layout never puts a space inside ``52.34`` where two estimated boxes left a gap."""
    if line.chars:
        chars = [(c, _points(q, scale), s) for c, s, q in line.chars]
    else:  # the engine could not place the characters: split the line's box evenly
        text = line.text.replace(" ", "")
        word = Word(text, _points(line.quad, scale))
        chars = [(c, b, line.score) for c, b in zip(text, word.char_boxes(), strict=True)]
    pieces = [len(p) for p in line.text.split(" ") if p]
    runs: list[tuple[str, list[Box], list[float]]] = []
    i = 0
    for n in pieces if sum(pieces) == len(chars) else [len(chars)]:
        run = chars[i : i + n]
        i += n
        boxes = [b for _, b, _ in run]
        for k in range(len(boxes) - 1):
            x0, top, x1, bottom = boxes[k]
            boxes[k] = (x0, top, max(x1, boxes[k + 1][0]), bottom)
        runs.append(("".join(c for c, _, _ in run), boxes, [s for _, _, s in run]))
    return runs


def _level(runs: list[tuple[str, list[Box], list[float]]]) -> list[tuple[str, list[Box], list[float]]]:
    """Give runs that share a printed line one top and bottom.

    The engine's boxes of one printed line differ by a few points (a run of digits is shorter
    than one of characters), more than the layout's tolerance for one line; runs whose
    vertical centres lie within half a line height of each other are one line.
    """
    order = sorted(range(len(runs)), key=lambda i: (runs[i][1][0][1] + runs[i][1][0][3]) / 2)
    groups: list[list[int]] = []
    for i in order:
        top, bottom = runs[i][1][0][1], runs[i][1][0][3]
        centre = (top + bottom) / 2
        if groups:
            g = groups[-1]
            g_top = min(runs[j][1][0][1] for j in g)
            g_bottom = max(runs[j][1][0][3] for j in g)
            g_centre = (g_top + g_bottom) / 2
            if abs(centre - g_centre) <= 0.5 * min(bottom - top, g_bottom - g_top):
                g.append(i)
                continue
        groups.append([i])
    out = list(runs)
    for g in groups:
        top = min(b[1] for j in g for b in runs[j][1])
        bottom = max(b[3] for j in g for b in runs[j][1])
        for j in g:
            text, boxes, scores = runs[j]
            out[j] = (text, [(b[0], top, b[2], bottom) for b in boxes], scores)
    return out


EM_INK = 0.9
"""How much of a text layer's character box (the em square of the font size) the ink of a
Chinese character fills, top to bottom."""


def _em(box: Box) -> Box:
    """An ink box (a printed line's, see :func:`_level`) grown to the em box a text layer
    would give the character, about its middle: the layout measures line gaps against line
    heights (a paragraph's lines 0.8 em apart continue it), and tight ink boxes make every
    gap look a tenth wider. Evidence keeps the ink box (:meth:`OcrPage.to_scan`)."""
    x0, top, x1, bottom = box
    pad = (bottom - top) * (1 / EM_INK - 1) / 2
    return (x0, top - pad, x1, bottom + pad)


def _tighten(line: TextLine, ink: Any) -> TextLine:
    """The line with its box and its characters' tops and bottoms shrunk to the ink it holds
    (the engine pads its boxes by about half a line), the first and last character's outer
    edges too, so a quote's box is the box of its printed characters."""
    from extractor.ingest.ocr import raster

    xs = [x for x, _ in line.quad]
    ys = [y for _, y in line.quad]
    tight = raster.ink_extent(ink, (int(min(xs)), int(min(ys)), int(max(xs)) + 1, int(max(ys)) + 1))
    if tight is None:
        return line
    x0, top, x1, bottom = tight

    def clamp(quad: Quad, first: bool, last: bool) -> Quad:
        qx = [x for x, _ in quad]  # inside the ink, so a padded box never jumps its neighbour
        left = x0 if first else min(max(min(qx), x0), x1)
        right = x1 if last else max(min(max(qx), x1), x0)
        if right <= left:
            left, right = min(qx), max(qx)
        return ((left, top), (right, top), (right, bottom), (left, bottom))

    n = len(line.chars)
    chars = tuple((c, s, clamp(q, i == 0, i == n - 1)) for i, (c, s, q) in enumerate(line.chars))
    return replace(line, quad=clamp(line.quad, True, True), chars=chars)


def _rotate_box(box: Box, inverse: Any, scale: float) -> Box:
    """A box of the straightened page (points) → the box holding it on the scan (points)."""
    x0, top, x1, bottom = (v * scale for v in box)
    corners = [(x0, top), (x1, top), (x1, bottom), (x0, bottom)]
    xs = [inverse[0][0] * x + inverse[0][1] * y + inverse[0][2] for x, y in corners]
    ys = [inverse[1][0] * x + inverse[1][1] * y + inverse[1][2] for x, y in corners]
    return (min(xs) / scale, min(ys) / scale, max(xs) / scale, max(ys) / scale)


def ocr_image(gray: np.ndarray, number: int, dpi: float) -> OcrPage:
    """OCR one page image (8-bit grayscale at ``dpi``) into page geometry in points."""
    import cv2

    from extractor.ingest.ocr import raster
    from extractor.ingest.ocr.engine import engine

    scale = dpi / 72
    angle = raster.skew_angle(gray)
    straight = raster.rotate(gray, angle)
    ink = raster.binarise(straight)
    ruled = raster.ruling(ink, dpi)
    rules = tuple(_points(((x0, t), (x1, b)), scale) for x0, t, x1, b in ruled)
    text_ink = raster.without(ink, ruled)
    lines = [_tighten(line, text_ink) for line in engine().read(straight)]
    inverse = cv2.invertAffineTransform(raster.rotation_matrix(gray.shape, angle)).tolist()
    words: list[Word] = []
    originals: dict[tuple[float, ...], tuple[Box, float]] = {}
    scores: list[float] = []
    for text, inked, conf in _level([run for line in lines for run in _words(line, scale)]):
        boxes = [_em(b) for b in inked]
        box = (boxes[0][0], boxes[0][1], boxes[-1][2], boxes[-1][3])
        words.append(Word(text, box, tuple(boxes), confidence=min(conf)))
        for b, ink_box, s in zip(boxes, inked, conf, strict=True):
            originals[_key(b)] = (_rotate_box(ink_box, inverse, scale) if angle else ink_box, s)
        scores.extend(conf)
    h, w = gray.shape[:2]
    page = Page(number=number, width=w / scale, height=h / scale, words=tuple(words), rules=rules, source="ocr")
    mean = sum(scores) / len(scores) if scores else 1.0
    return OcrPage(page=page, angle=angle, confidence=round(mean, 4), originals=originals)


class Scans:
    """The OCR'd pages of one document: each laid out like any other page, then, once the
    document is built, its boxes mapped back to the scan and the engine's confidence attached."""

    def __init__(self) -> None:
        self.written: list[tuple[int, int, OcrPage]] = []

    def write(self, ocr: OcrPage, builder: TextBuilder) -> None:
        start = builder.offset
        lay_out_page(ocr.page, builder)
        self.written.append((start, builder.offset, ocr))

    def finish(self, doc: Document) -> Document:
        """``doc`` with every OCR'd character's box on the scan and its confidence."""
        if not self.written:
            return doc
        pages = {ocr.page.number: ocr.confidence for _, _, ocr in self.written}
        if doc.boxes is None:
            return replace(doc, ocr_pages=pages)
        boxes = array("f", doc.boxes)
        confidence = array("f", [float("nan")]) * len(doc.raw)
        for start, end, ocr in self.written:
            for i in range(start, end):
                j = 4 * i
                if boxes[j] != boxes[j]:  # NaN: a separator without a box
                    continue
                box, conf = ocr.to_scan((boxes[j], boxes[j + 1], boxes[j + 2], boxes[j + 3]))
                boxes[j : j + 4] = array("f", box)
                if conf is not None:
                    confidence[i] = conf
        return replace(doc, boxes=boxes, confidence=confidence, ocr_pages=pages)


def _ocr_pdf_page(data: bytes, index: int) -> OcrPage:
    import pypdfium2

    from extractor.ingest.ocr import raster

    pdf = pypdfium2.PdfDocument(data)
    try:
        page = pdf[index]
        try:
            gray = raster.render_pdf_page(page)
        finally:
            page.close()
    finally:
        pdf.close()
    return ocr_image(gray, index + 1, raster.DPI)


def ocr_pdf_pages(data: bytes, numbers: Sequence[int], workers: int = 1) -> dict[int, OcrPage]:
    """OCR the given pages (1-based) of a PDF, in ``workers`` processes when more than one."""
    if workers <= 1 or len(numbers) <= 1:
        return {n: _ocr_pdf_page(data, n - 1) for n in numbers}
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(workers, len(numbers))) as pool:
        pages = list(pool.map(_ocr_pdf_page, [data] * len(numbers), [n - 1 for n in numbers]))
    return {n: p for n, p in zip(numbers, pages, strict=True)}
