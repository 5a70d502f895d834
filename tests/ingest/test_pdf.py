"""The PDF reader's decisions on a page read by pdfium: which pages need OCR, and how
characters become words."""

from __future__ import annotations

from extractor.geometry import Box
from extractor.ingest.pdf import page_geometry, usable_text_layer
from extractor.ingest.pdfium import PageObjects


def _page(chars: list[tuple[str, Box]], images: list[Box] = ()) -> PageObjects:  # type: ignore[assignment]
    return PageObjects(600.0, 800.0, chars, [], list(images))


def _char(text: str, x: float = 10, y: float = 10) -> tuple[str, Box]:
    return text, (x, y, x + 10, y + 10)


def test_which_pdf_pages_need_ocr() -> None:
    assert not usable_text_layer(_page([]))  # no text layer
    assert usable_text_layer(_page([_char("收"), _char("入")]))
    assert not usable_text_layer(_page([_char("\ufffd"), _char("\ue012"), _char("入")]))  # glyphs without Unicode
    scan = (0.0, 50.0, 600.0, 800.0)
    assert not usable_text_layer(_page([_char("第"), _char("1")], [scan]))  # a stamped header over a scan
    assert usable_text_layer(_page([_char("图", 100, 400)], [scan]))  # text over the picture: a text page
    small = (0.0, 50.0, 200.0, 200.0)
    assert usable_text_layer(_page([_char("第")], [small]))  # a figure on a text page


def test_words_are_runs_on_one_line_without_a_gap() -> None:
    chars = [_char("合", 10), _char("计", 20), _char("9", 32), _char("元", 42, 40)]  # a 2 pt gap, then a new line
    page = page_geometry(PageObjects(600.0, 800.0, chars, [(0.0, 5.0, 100.0, 5.0)], []), 3)
    assert [w.text for w in page.words] == ["合计9", "元"]
    assert page.words[0].chars == tuple(box for _, box in chars[:3])
    assert page.words[0].box == (10, 10, 42, 20)
    assert (page.number, page.width, page.rules) == (3, 600.0, ((0.0, 5.0, 100.0, 5.0),))
    apart = page_geometry(PageObjects(600.0, 800.0, [_char("1", 10), _char("2", 30)], [], []), 1)
    assert [w.text for w in apart.words] == ["1", "2"]  # 10 pt apart: two words


def test_a_lone_character_in_a_font_that_is_not_embedded_is_read() -> None:
    # pdfium drops such a text object when no installed font has the glyph; pdfplumber reads it then
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from extractor.ingest import read_bytes
    from extractor.settings import Settings

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(600, 800))
    c.setFont("STSong-Light", 12)
    c.drawString(72, 700, "收入合计")
    c.drawString(72, 686, "计")  # a wrapped cell's last character, alone in its text object
    c.drawString(72, 650, "支出12.5")
    c.showPage()
    c.save()
    text = read_bytes(buf.getvalue(), "x.pdf", Settings.isolated(ocr="never")).text
    assert "收入合计\n计" in text or "收入合计计" in text
    assert "支出12.5" in text
