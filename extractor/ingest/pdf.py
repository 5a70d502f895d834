"""PDF with a text layer, through pdfplumber.

Per page: the characters with their boxes and the ruling (lines and rectangle edges) make a
:class:`~extractor.geometry.Page`, which the layout stage turns into tables and paragraphs
in reading order, every character keeping its box (so evidence carries page and bbox).

A page without a usable text layer (:func:`usable_text_layer`), or every page under
``--ocr always``, is rendered and OCR'd (:mod:`extractor.ingest.ocr`) into the same page
geometry. When OCR is off (``--ocr never``) or not installed, such pages stay unread: with
no text anywhere the document raises :class:`~extractor.errors.NeedsOCRError` saying why
(and how to install OCR); otherwise it carries a ``needs_ocr`` warning naming the pages.
"""

from __future__ import annotations

import io
import logging
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from extractor.document import Document, TextBuilder
from extractor.errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    EncryptedDocumentError,
    NeedsOCRError,
)
from extractor.geometry import Page, Word, union
from extractor.ingest.ocr import OcrPage, Scans, available, ocr_pdf_pages
from extractor.layout import X_GAP, lay_out_page
from extractor.settings import Settings

log = logging.getLogger(__name__)

def _open(data: bytes, where: str) -> Any:
    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise EncryptedDocumentError("password-protected PDF", path=where) from exc
        raise CorruptDocumentError(f"not a readable PDF: {cause!r}", path=where) from exc
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedDocumentError("password-protected PDF", path=where) from exc
    except PDFSyntaxError as exc:
        raise CorruptDocumentError(f"not a readable PDF: {exc}", path=where) from exc
    except Exception as exc:
        raise CorruptDocumentError(f"not a readable PDF: {type(exc).__name__}: {exc}", path=where) from exc


def page_geometry(page: Any, number: int) -> Page:
    """The page as positioned words and ruling, read from pdfplumber's objects."""
    words: list[Word] = []
    run: list[dict] = []

    def flush() -> None:
        if run:
            boxes = tuple((c["x0"], c["top"], c["x1"], c["bottom"]) for c in run)
            text = "".join(c["text"] for c in run)
            if len(text) == len(boxes):
                words.append(Word(text, union(boxes) or boxes[0], boxes))
            run.clear()

    for c in page.chars:
        if run and (abs(c["top"] - run[-1]["top"]) > 0.5 or not 0 <= c["x0"] - run[-1]["x1"] <= X_GAP):
            flush()
        run.append(c)
    flush()
    rules = tuple((e["x0"], e["top"], e["x1"], e["bottom"]) for e in page.edges)
    return Page(number=number, width=float(page.width), height=float(page.height), words=tuple(words), rules=rules)


def _close(obj: Any, where: str) -> None:
    """Close a page or the document; a broken file can fail here too, and that must neither
    replace the error that is on its way out nor turn a read document into a failure."""
    try:
        obj.close()
    except Exception:  # pdfplumber's close() walks the page tree again, which may be what broke
        log.debug("%s: closing %s failed", where, type(obj).__name__, exc_info=True)


def read_pdf(data: bytes, name: str, settings: Settings, *, where: str, meta: dict) -> Document:
    pdf = _open(data, where)
    text_pages: dict[int, Page] = {}
    no_text: list[int] = []
    try:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise CorruptDocumentError(f"cannot read the page tree: {exc}", path=where) from exc
        if len(pages) > settings.max_pages:
            raise DocumentTooLargeError(
                f"{len(pages)} pages, over the {settings.max_pages}-page limit (EXTRACTOR_MAX_PAGES)", path=where
            )
        count = len(pages)
        for number, page in enumerate(pages, start=1):
            try:
                if settings.ocr == "always" or not usable_text_layer(page):
                    no_text.append(number)
                else:
                    text_pages[number] = page_geometry(page, number)
            except (PdfminerException, PDFSyntaxError) as exc:
                raise CorruptDocumentError(f"page {number} cannot be read: {exc}", path=where) from exc
            finally:
                _close(page, where)
    finally:
        _close(pdf, where)
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


def usable_text_layer(page: Any) -> bool:
    """Whether a page's text layer can be read instead of OCR'ing it.

    Not when it has no characters; when most of them are glyphs without Unicode
    (``(cid:N)``, private use, U+FFFD: the text would be garbage); or when a picture covers
    half the page or more and no character lies on it (a scan with a stamped header).
    """
    chars = page.chars
    if not chars:
        return False
    unmapped = sum(1 for c in chars if c["text"].startswith("(cid:") or c["text"] in ("\ufffd", "")
                   or "\ue000" <= c["text"][0] <= "\uf8ff")
    if unmapped * 2 >= len(chars):
        return False
    area = float(page.width * page.height) or 1.0
    for im in page.images:
        box = (im["x0"], im["top"], im["x1"], im["bottom"])
        if (box[2] - box[0]) * (box[3] - box[1]) >= 0.5 * area and not any(_centre_in(c, box) for c in chars):
            return False
    return True


def _centre_in(c: dict, box: tuple[float, float, float, float]) -> bool:
    x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
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
