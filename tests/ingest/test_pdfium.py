"""The pdfium page reader on synthetic PDFs: the characters and ruling pdfplumber reads, in
the same boxes; pages as displayed (rotation, crop box); no invisible or generated text."""

from __future__ import annotations

import io
from collections.abc import Callable

import pdfplumber
import pypdfium2
import pytest
from reportlab.pdfgen import canvas

from extractor.ingest.pdfium import PageObjects, read_page

Draw = Callable[[canvas.Canvas], None]


def _pdf(*pages: Draw, size: tuple[float, float] = (600, 800)) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size)
    for draw in pages:
        draw(c)
        c.showPage()
    c.save()
    return buf.getvalue()


def _read(data: bytes, index: int = 0) -> PageObjects:
    pdf = pypdfium2.PdfDocument(data)
    try:
        return read_page(pdf[index])
    finally:
        pdf.close()


def _text(c: canvas.Canvas) -> None:
    c.setFont("Helvetica", 12)
    c.drawString(72, 700, "Total 93.93 (2023)")
    c.setFont("Times-Roman", 9)
    c.drawString(300, 650, "Budget 84.25")


def _ruling(c: canvas.Canvas) -> None:
    _text(c)
    c.line(72, 600, 500, 600)  # a line
    c.rect(72, 500, 200, 50, stroke=1, fill=0)  # ``re``: a rectangle
    c.rect(300, 500, 100, 0.5, stroke=0, fill=1)  # a filled hairline box
    p = c.beginPath()  # a closed four-sided path drawn with lines: a rectangle too
    p.moveTo(72, 400)
    p.lineTo(172, 400)
    p.lineTo(172, 450)
    p.lineTo(72, 450)
    p.close()
    c.drawPath(p, stroke=1, fill=0)
    q = c.beginPath()  # a polyline and a curve: curves
    q.moveTo(300, 400)
    q.lineTo(350, 420)
    q.lineTo(400, 400)
    q.curveTo(420, 380, 440, 380, 460, 400)
    c.drawPath(q, stroke=1, fill=0)
    c.beginForm("cell")  # a form XObject drawn twice, moved
    c.rect(0, 0, 40, 20, stroke=1, fill=0)
    c.setFont("Helvetica", 10)
    c.drawString(4, 6, "x7")
    c.endForm()
    for dx in (0, 60):
        c.saveState()
        c.translate(100 + dx, 300)
        c.doForm("cell")
        c.restoreState()


def _plumber(data: bytes, index: int = 0) -> tuple[list[tuple[str, tuple]], list[tuple], float, float]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[index]
        chars = [(c["text"], (c["x0"], c["top"], c["x1"], c["bottom"])) for c in page.chars if not c["text"].isspace()]
        edges = [(e["x0"], e["top"], e["x1"], e["bottom"]) for e in page.edges]
        return chars, edges, float(page.width), float(page.height)


def _close(a: tuple, b: tuple, tol: float = 0.3) -> bool:
    """Equal within ``tol`` points: the standard 14 fonts are not embedded, and pdfium's own
    metrics put Helvetica's descent 0.2 pt (at 12 pt) from the AFM's that pdfminer uses."""
    return len(a) == len(b) and all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_characters_and_ruling_are_pdfplumbers_on_the_page_as_displayed(rotation: int) -> None:
    def page(c: canvas.Canvas) -> None:
        c.setPageRotation(rotation)
        _ruling(c)

    data = _pdf(page)
    want_chars, want_edges, width, height = _plumber(data)
    got = _read(data)
    assert (got.width, got.height) == pytest.approx((width, height))

    def order(c: tuple[str, tuple]) -> tuple[int, int]:  # pdfium's text order is its own
        return round(c[1][1]), round(c[1][0])

    chars = sorted((c for c in got.chars if not c[0].isspace()), key=order)
    want_chars.sort(key=order)
    assert "".join(t for t, _ in chars) == "".join(t for t, _ in want_chars)
    for (_, box), (_, want) in zip(chars, want_chars, strict=True):
        assert _close(box, want), (box, want)
    assert len(got.rules) == len(want_edges) > 10
    for box, want in zip(got.rules, want_edges, strict=True):
        assert _close(box, want), (box, want)


def test_boxes_are_top_left_points_of_the_displayed_page() -> None:
    upright = _read(_pdf(_text))
    total = next(box for t, box in upright.chars if t == "T")
    assert total[0] == pytest.approx(72, abs=0.01)
    assert total[1] < 800 - 700 < total[3]  # the baseline is 100 pt below the top
    assert total[3] - total[1] == pytest.approx(12, abs=0.01)  # one font size tall

    def turned(c: canvas.Canvas) -> None:
        c.setPageRotation(90)
        _text(c)

    side = _read(_pdf(turned, size=(800, 600)))  # reportlab turns the media box too
    assert (side.width, side.height) == (800, 600)
    box = next(box for t, box in side.chars if t == "T")
    assert box[0] == pytest.approx(700 - 12 * 0.207, abs=0.5)  # the baseline, turned a quarter
    assert box[1] == pytest.approx(72, abs=0.01)


def test_the_crop_box_is_the_page() -> None:
    def cropped(c: canvas.Canvas) -> None:
        c.setCropBox((50, 100, 550, 750))
        _ruling(c)

    full, crop = _read(_pdf(_ruling)), _read(_pdf(cropped))
    assert (crop.width, crop.height) == (500, 650)
    for (t, a), (u, b) in zip(full.chars, crop.chars, strict=True):
        assert t == u and _close((a[0] - 50, a[1] - 50, a[2] - 50, a[3] - 50), b)
    assert _close(
        full.rules[0], (crop.rules[0][0] + 50, crop.rules[0][1] + 50, crop.rules[0][2] + 50, crop.rules[0][3] + 50)
    )


def test_invisible_text_is_not_read_and_spaces_are_the_pages_own() -> None:
    def page(c: canvas.Canvas) -> None:
        c.setFont("Helvetica", 12)
        c.drawString(72, 700, "seen 1")
        hidden = c.beginText(72, 650)
        hidden.setFont("Helvetica", 12)
        hidden.setTextRenderMode(3)
        hidden.textLine("hidden 2")
        hidden.setTextRenderMode(0)  # the render mode outlives the text object
        c.drawText(hidden)
        c.drawString(72, 600, "far")
        c.drawString(400, 600, "apart")  # pdfium puts a space between: not a character

    got = _read(_pdf(page))
    assert "".join(t for t, _ in got.chars) == "seen 1farapart"


def test_images_are_boxed_on_the_page() -> None:
    from PIL import Image

    def page(c: canvas.Canvas) -> None:
        from reportlab.lib.utils import ImageReader

        c.drawImage(ImageReader(Image.new("L", (20, 10), 128)), 100, 500, width=200, height=100)
        _text(c)

    got = _read(_pdf(page))
    assert len(got.images) == 1 and _close(got.images[0], (100, 200, 300, 300))
