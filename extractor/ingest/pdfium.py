"""A PDF page's text layer and ruling, read with pdfium (pypdfium2's raw bindings).

What :mod:`extractor.ingest.pdf` needs of a page, described as pdfplumber (pdfminer) did,
several times faster (pdfium parses the content stream in C; pdfplumber's parse is Python):

* **characters** in pdfium's text order, each with its box in PDF points, origin top left
  of the page as displayed (``/Rotate`` applied, relative to the crop box). The box is
  pdfminer's: from the origin one advance wide, and from the font's descent below the
  baseline one font size tall (pdfium's loose box runs to the font's ascent instead: its
  descent side is kept, the other put one font size away along the glyph's up direction).
  Spaces and line breaks that pdfium generates between words are not characters of the
  page, nor is text drawn invisible (render mode 3 or 7). A glyph without Unicode reads
  as U+FFFD. pdfium keeps one space of a run of space glyphs;
* **ruling** as pdfplumber's ``edges``: every painted path (form XObjects included) cut into
  subpaths and classified as pdfminer does: one segment is a line, a closed axis-aligned
  four-sided one a rectangle (its four edges), anything else a curve (one edge per pair of
  consecutive points); lines first, then rectangle edges, then curve edges;
* **images**: the boxes of image objects, for the usable-text-layer test.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

import pypdfium2
import pypdfium2.raw as pdfium_c

from extractor.geometry import Box

__all__ = ["Char", "PageObjects", "read_page"]

Char = tuple[str, Box]
_INVISIBLE = {pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE, pdfium_c.FPDF_TEXTRENDERMODE_CLIP}
_PATH, _IMAGE, _FORM, _TEXT = (
    pdfium_c.FPDF_PAGEOBJ_PATH,
    pdfium_c.FPDF_PAGEOBJ_IMAGE,
    pdfium_c.FPDF_PAGEOBJ_FORM,
    pdfium_c.FPDF_PAGEOBJ_TEXT,
)
_MOVE, _LINE, _BEZIER = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO, pdfium_c.FPDF_SEGMENT_BEZIERTO
_SUBPATH = re.compile(r"m[^m]+")
Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class PageObjects:
    """What one page shows: its size as displayed, characters, ruling and image boxes."""

    width: float
    height: float
    chars: list[Char]
    rules: list[Box]
    images: list[Box]
    unread: int = 0
    """Visible text objects that pdfium's text page dropped: it drops one whose box is empty,
    and a glyph of a font that is neither embedded nor installed has no box (a lone CJK
    character in a non-embedded CID font, on a machine without CJK fonts). Such a page needs
    another reader; a space-only object in such a font looks the same and costs only time."""


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (row-vector convention, as PDF's ``cm``)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _view(page: pypdfium2.PdfPage) -> tuple[Matrix, float, float]:
    """The matrix from user space to the displayed page (origin top left, y down), and its size."""
    rect = pdfium_c.FS_RECTF()
    pdfium_c.FPDF_GetPageBoundingBox(page.raw, rect)  # the crop box within the media box
    left, bottom, right, top = rect.left, min(rect.bottom, rect.top), rect.right, max(rect.bottom, rect.top)
    rotation = page.get_rotation() % 360
    if rotation == 90:
        return (0.0, 1.0, 1.0, 0.0, -bottom, -left), top - bottom, right - left
    if rotation == 180:
        return (-1.0, 0.0, 0.0, 1.0, right, -bottom), right - left, top - bottom
    if rotation == 270:
        return (0.0, -1.0, -1.0, 0.0, top, right), top - bottom, right - left
    return (1.0, 0.0, 0.0, -1.0, -left, top), right - left, top - bottom


def _box(m: Matrix, x0: float, y0: float, x1: float, y1: float) -> Box:
    a, b, c, d, e, f = m
    xa, ya = a * x0 + c * y0 + e, b * x0 + d * y0 + f
    xb, yb = a * x1 + c * y1 + e, b * x1 + d * y1 + f
    return (min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))


def _chars(page: pypdfium2.PdfPage, view: Matrix) -> tuple[list[Char], set[int]]:
    """The page's characters, and the text objects they come from."""
    text_page = pdfium_c.FPDFText_LoadPage(page.raw)
    if not text_page:
        return [], set()
    try:
        count = pdfium_c.FPDFText_CountChars(text_page)
        unicode, generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
        unmapped, loose = pdfium_c.FPDFText_HasUnicodeMapError, pdfium_c.FPDFText_GetLooseCharBox
        text_object = pdfium_c.FPDFText_GetTextObject
        rect, fs, size = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX(), ctypes.c_float()
        va, vb, vc, vd, _, _ = view
        ups: dict[int, Point | None] = {}  # text object -> its characters' up vector on the page, None if invisible
        out: list[Char] = []
        for i in range(count):
            if generated(text_page, i):
                continue
            obj = text_object(text_page, i)
            key = ctypes.cast(obj, ctypes.c_void_p).value or 0
            if key not in ups:
                up: Point | None = None
                if pdfium_c.FPDFTextObj_GetTextRenderMode(obj) not in _INVISIBLE:
                    pdfium_c.FPDFText_GetMatrix(text_page, i, fs)
                    pdfium_c.FPDFTextObj_GetFontSize(obj, size)
                    c, d = fs.c * size.value, fs.d * size.value  # the text space's y axis, one font size long
                    up = (c * va + d * vc, c * vb + d * vd)
                ups[key] = up
            up = ups[key]
            if up is None:
                continue
            code = unicode(text_page, i)
            glyph = "\ufffd" if unmapped(text_page, i) == 1 or not 0 < code < 0x110000 else chr(code)
            if glyph in "\r\n":
                continue
            loose(text_page, i, rect)
            out.append((glyph, _em_box(_box(view, rect.left, rect.bottom, rect.right, rect.top), up)))
        return out, set(ups)
    finally:
        pdfium_c.FPDFText_ClosePage(text_page)


def _em_box(box: Box, up: Point) -> Box:
    """pdfium's loose box spans the font's descent to its ascent; pdfminer's (and so this
    reader's) spans the descent to one font size above it: keep the descent side, and make
    the box one font size tall along the characters' up direction."""
    x0, top, x1, bottom = box
    ux, uy = up
    if abs(uy) >= abs(ux):
        return (x0, bottom - abs(uy), x1, bottom) if uy < 0 else (x0, top, x1, top + abs(uy))
    return (x0, top, x0 + abs(ux), bottom) if ux > 0 else (x1 - abs(ux), top, x1, bottom)


def _objects(page: pypdfium2.PdfPage, form: ctypes.c_void_p | None) -> Iterator[ctypes.c_void_p]:
    """The page's objects, or a form XObject's."""
    if form is None:
        for i in range(max(0, pdfium_c.FPDFPage_CountObjects(page.raw))):
            yield pdfium_c.FPDFPage_GetObject(page.raw, i)
    else:
        for i in range(max(0, pdfium_c.FPDFFormObj_CountObjects(form))):
            yield pdfium_c.FPDFFormObj_GetObject(form, i)


def _matrix(obj: ctypes.c_void_p, m: pdfium_c.FS_MATRIX) -> Matrix:
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _segments(path: ctypes.c_void_p, m: Matrix) -> tuple[str, list[Point]]:
    """The path as pdfminer sees it: a shape string (``m``, ``l``, ``c``, ``h``) and one point
    per letter (``h``'s is its subpath's start), in the displayed page's coordinates."""
    a, b, c, d, e, f = m
    x, y = ctypes.c_float(), ctypes.c_float()
    shape: list[str] = []
    pts: list[Point] = []
    start: Point = (0.0, 0.0)
    bezier = 0
    get, point = pdfium_c.FPDFPath_GetPathSegment, pdfium_c.FPDFPathSegment_GetPoint
    kind_of, closes = pdfium_c.FPDFPathSegment_GetType, pdfium_c.FPDFPathSegment_GetClose
    for i in range(pdfium_c.FPDFPath_CountSegments(path)):
        seg = get(path, i)
        kind = kind_of(seg)
        if kind == _BEZIER:  # a curve is three segments (two control points, then its end)
            bezier += 1
            if bezier % 3:
                continue
        else:
            bezier = 0
        point(seg, x, y)
        pt = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == _MOVE:
            shape.append("m")
            pts.append(pt)
            start = pt
            continue
        closed = bool(closes(seg))
        if not (closed and kind == _LINE and pt == start):  # pdfium writes ``h`` as a line back to the start
            shape.append("l" if kind == _LINE else "c")
            pts.append(pt)
        if closed:
            shape.append("h")
            pts.append(start)
    return "".join(shape), pts


def _paint(shape: str, pts: list[Point], lines: list[Box], rects: list[Box], curves: list[Box]) -> None:
    """pdfminer's ``paint_path``: each subpath is a line, a rectangle or a curve; its edges."""
    if shape.count("m") > 1:
        for sub in _SUBPATH.finditer(shape):
            _paint(sub.group(), pts[sub.start() : sub.end()], lines, rects, curves)
        return
    if not shape.startswith("m"):
        return
    if len(shape) > 3 and shape.endswith("lh") and pts[-2] == pts[0]:
        shape, pts = shape[:-2] + "h", pts[:-1]
    if shape in ("ml", "mlh"):
        lines.append(_bound(pts[:2]))
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == last and square:
            left, top, right, bottom = _bound([pts[0], pts[2]])
            rects.extend(
                (
                    (left, top, right, top),
                    (left, bottom, right, bottom),
                    (left, top, left, bottom),
                    (right, top, right, bottom),
                )
            )
            return
    curves.extend(_bound(pair) for pair in pairwise(pts))


def _bound(pts: list[Point] | tuple[Point, ...]) -> Box:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def _walk(page: pypdfium2.PdfPage, view: Matrix, read: set[int]) -> tuple[list[Box], list[Box], int]:
    """Ruling (pdfplumber's ``edges``: lines, then rectangle edges, then curve edges), the
    boxes of images, and how many visible text objects are not among those ``read``, from
    the page's objects and those of its form XObjects."""
    lines: list[Box] = []
    rects: list[Box] = []
    curves: list[Box] = []
    images: list[Box] = []
    fs = pdfium_c.FS_MATRIX()
    kind_of = pdfium_c.FPDFPageObj_GetType
    unread = 0

    def visit(form: ctypes.c_void_p | None, outer: Matrix) -> None:
        nonlocal unread
        for obj in _objects(page, form):
            kind = kind_of(obj)
            if kind == _PATH:
                _paint(*_segments(obj, _mul(_matrix(obj, fs), outer)), lines, rects, curves)
            elif kind == _FORM:
                visit(obj, _mul(_matrix(obj, fs), outer))
            elif kind == _IMAGE:
                images.append(_box(_mul(_matrix(obj, fs), outer), 0.0, 0.0, 1.0, 1.0))
            elif kind == _TEXT and (ctypes.cast(obj, ctypes.c_void_p).value or 0) not in read:
                unread += _lost(obj)

    visit(None, view)
    return lines + rects + curves, images, unread


def _lost(obj: ctypes.c_void_p) -> bool:
    """Whether a text object that gave no character was dropped for want of its font (see
    ``PageObjects.unread``), not for holding only spaces or being invisible."""
    if pdfium_c.FPDFTextObj_GetTextRenderMode(obj) in _INVISIBLE:
        return False
    font = pdfium_c.FPDFTextObj_GetFont(obj)
    if not font or pdfium_c.FPDFFont_GetIsEmbedded(font):
        return False
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    return bool(pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)) and right.value - left.value < 0.01


def read_page(page: pypdfium2.PdfPage) -> PageObjects:
    """One page's characters, ruling and images."""
    view, width, height = _view(page)
    chars, read = _chars(page, view)
    rules, images, unread = _walk(page, view, read)
    return PageObjects(width, height, chars, rules, images, unread)
