"""PDF with a text layer, read with pdfium (:mod:`extractor.ingest.pdfium`).

Per page: the characters with their boxes and the ruling (lines and rectangle edges) make a
:class:`~extractor.geometry.Page`, which the layout stage turns into tables and paragraphs
in reading order, every character keeping its box (so evidence carries page and bbox).

A page without a usable text layer (:func:`usable_text_layer`), or every page under
``--ocr always``, is rendered and OCR'd (:mod:`extractor.ingest.ocr`) into the same page
geometry. When OCR is off (``--ocr never``) or not installed, such pages stay unread: with
no text anywhere the document raises :class:`~extractor.errors.NeedsOCRError` saying why
(and how to install OCR); otherwise it carries a ``needs_ocr`` warning naming the pages.

pdfium reads what pdfplumber read, character for character and edge for edge (the box
conventions are pdfminer's, see :mod:`extractor.ingest.pdfium`), several times faster; it
is not thread-safe, so one document is read at a time in a process (``_PDFIUM``). A page
where pdfium dropped text for want of a font (``PageObjects.unread``) is read by pdfplumber.
"""

from __future__ import annotations

import io
import logging
import threading
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c

from extractor.document import Document, TextBuilder
from extractor.errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    EncryptedDocumentError,
    NeedsOCRError,
)
from extractor.geometry import Box, Page, Word, union
from extractor.ingest.ocr import OcrPage, Scans, available, ocr_pdf_pages
from extractor.ingest.pdfium import PageObjects, read_page
from extractor.layout import X_GAP, lay_out_page
from extractor.settings import Settings

_PDFIUM = threading.Lock()
log = logging.getLogger(__name__)


def _open(data: bytes, where: str) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if getattr(exc, "err_code", None) in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedDocumentError("password-protected PDF", path=where) from exc
        raise CorruptDocumentError(f"not a readable PDF: {exc}", path=where) from exc


def page_geometry(page: PageObjects, number: int) -> Page:
    """The page as positioned words (runs of characters on one line with no gap) and ruling."""
    words: list[Word] = []
    run: list[tuple[str, Box]] = []

    def flush() -> None:
        if run:
            boxes = tuple(box for _, box in run)
            words.append(Word("".join(t for t, _ in run), union(boxes) or boxes[0], boxes))
            run.clear()

    for c in page.chars:
        if run and (abs(c[1][1] - run[-1][1][1]) > 0.5 or not 0 <= c[1][0] - run[-1][1][2] <= X_GAP):
            flush()
        run.append(c)
    flush()
    return Page(number=number, width=page.width, height=page.height, words=tuple(words), rules=tuple(page.rules))


def _plumber_page(opened: list[Any], data: bytes, number: int) -> PageObjects | None:
    """A page as pdfplumber reads it, for a page where pdfium dropped text
    (``PageObjects.unread``); ``None`` if pdfplumber cannot read it (pdfium's reading stands).
    ``opened`` holds the document pdfplumber opened for an earlier page (or ``None``)."""
    try:
        if not opened:
            import pdfplumber

            opened.append(pdfplumber.open(io.BytesIO(data)))
        if opened[0] is None:
            return None
        page = opened[0].pages[number - 1]
        chars: list[tuple[str, Box]] = []
        for c in page.chars:
            text, box = c["text"], (c["x0"], c["top"], c["x1"], c["bottom"])
            if text.startswith("(cid:") or not text:
                text = "\ufffd"
            step = (box[2] - box[0]) / len(text)  # a ligature: its letters share the box
            chars.extend((t, (box[0] + i * step, box[1], box[0] + (i + 1) * step, box[3])) for i, t in enumerate(text))
        rules = [(e["x0"], e["top"], e["x1"], e["bottom"]) for e in page.edges]
        images = [(i["x0"], i["top"], i["x1"], i["bottom"]) for i in page.images]
        objects = PageObjects(float(page.width), float(page.height), chars, rules, images)
        page.close()
        return objects
    except Exception:  # a file pdfium repaired and pdfminer cannot parse: pdfium's reading stands
        log.debug("page %d: pdfplumber cannot read it", number, exc_info=True)
        if not opened:
            opened.append(None)
        return None


def _close(plumber: Any) -> None:
    try:
        plumber.close()
    except Exception:  # pdfplumber's close() walks the page tree again, which may be what broke
        log.debug("closing pdfplumber failed", exc_info=True)


def _read_pages(data: bytes, settings: Settings, where: str) -> tuple[int, dict[int, Page], list[int]]:
    """How many pages, the geometry of those with a usable text layer, and the others."""
    text_pages: dict[int, Page] = {}
    no_text: list[int] = []
    plumber: list[Any] = []  # pdfplumber's document, once a page needs it
    with _PDFIUM:
        pdf = _open(data, where)
        try:
            count = len(pdf)
            if count > settings.max_pages:
                raise DocumentTooLargeError(
                    f"{count} pages, over the {settings.max_pages}-page limit (EXTRACTOR_MAX_PAGES)", path=where
                )
            for number in range(1, count + 1):
                try:
                    page = pdf[number - 1]
                except pypdfium2.PdfiumError as exc:
                    raise CorruptDocumentError(f"page {number} cannot be read: {exc}", path=where) from exc
                try:
                    objects = read_page(page)
                finally:
                    page.close()
                if objects.unread:
                    objects = _plumber_page(plumber, data, number) or objects
                if settings.ocr == "always" or not usable_text_layer(objects):
                    no_text.append(number)
                else:
                    text_pages[number] = page_geometry(objects, number)
        finally:
            pdf.close()
            if plumber and plumber[0] is not None:
                _close(plumber[0])
    return count, text_pages, no_text


def read_pdf(data: bytes, name: str, settings: Settings, *, where: str, meta: dict[str, Any]) -> Document:
    count, text_pages, no_text = _read_pages(data, settings, where)
    scans, why_not = _ocr(data, no_text, settings)
    builder, written = TextBuilder(), Scans()
    for number in range(1, count + 1):
        builder.start_page(number)
        if number in text_pages:
            lay_out_page(text_pages[number], builder)
        elif number in scans:
            written.write(scans[number], builder)
    unread = [n for n in no_text if n not in scans]
    if scans and not unread and not builder.raw_text().strip():
        raise EmptyDocumentError(f"no text: OCR found none on its {len(scans)} page(s)", path=where)
    if unread and not builder.raw_text().strip():
        raise NeedsOCRError(
            f"no text layer on any of its {len(unread)} page(s): a scanned PDF needs OCR ({why_not})",
            pages=unread,
            path=where,
        )
    warnings = (f"needs_ocr: pages {', '.join(map(str, unread))} have no text layer ({why_not})",) if unread else ()
    return written.finish(builder.build(name, source_format="pdf", warnings=warnings, **meta))


def usable_text_layer(page: PageObjects) -> bool:
    """Whether a page's text layer can be read instead of OCR'ing it.

    Not when it has no characters; when most of them are glyphs without Unicode (U+FFFD,
    private use: the text would be garbage); or when a picture covers half the page or more
    and no character lies on it (a scan with a stamped header).
    """
    chars = page.chars
    if not chars:
        return False
    unmapped = sum(1 for text, _ in chars if text == "\ufffd" or "\ue000" <= text <= "\uf8ff")
    if unmapped * 2 >= len(chars):
        return False
    area = float(page.width * page.height) or 1.0
    for box in page.images:
        if (box[2] - box[0]) * (box[3] - box[1]) >= 0.5 * area and not any(_centre_in(b, box) for _, b in chars):
            return False
    return True


def _centre_in(c: Box, box: Box) -> bool:
    x, y = (c[0] + c[2]) / 2, (c[1] + c[3]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _ocr(data: bytes, numbers: list[int], settings: Settings) -> tuple[dict[int, OcrPage], str]:
    """OCR the pages that need it, if OCR is allowed and installed; else why not."""
    if not numbers:
        return {}, ""
    if settings.ocr == "never":
        return {}, "OCR is off: --ocr never / EXTRACTOR_OCR=never"
    reason = available()
    if reason:
        return {}, reason
    return ocr_pdf_pages(data, numbers, settings.ocr_workers), ""
