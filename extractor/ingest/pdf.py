"""PDF with a text layer, through pdfplumber.

Per page: the characters with their boxes and the ruling (lines and rectangle edges) make a
:class:`~extractor.geometry.Page`, which the layout stage turns into tables and paragraphs
in reading order, every character keeping its box (so evidence carries page and bbox).

A page with no characters but with images (a scan) has no text layer. When no page has
text the document raises :class:`~extractor.errors.NeedsOCRError`; when only some pages
lack it, the document carries a ``needs_ocr`` warning naming them, which the CLI reports.
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
    EncryptedDocumentError,
    NeedsOCRError,
)
from extractor.geometry import Page, Word, union
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
    builder = TextBuilder()
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
        for number, page in enumerate(pages, start=1):
            builder.start_page(number)
            try:
                _read_page(page, builder, number, no_text)
            except (PdfminerException, PDFSyntaxError) as exc:
                raise CorruptDocumentError(f"page {number} cannot be read: {exc}", path=where) from exc
            finally:
                _close(page, where)
    finally:
        _close(pdf, where)
    total = builder.raw_text().strip()
    if no_text and not total:
        raise NeedsOCRError(
            f"no text layer on any of its {len(no_text)} page(s): a scanned PDF needs OCR first",
            pages=no_text,
            path=where,
        )
    warnings = (f"needs_ocr: pages {', '.join(map(str, no_text))} have no text layer",) if no_text else ()
    return builder.build(name, source_format="pdf", warnings=warnings, **meta)


def _read_page(page: Any, builder: TextBuilder, number: int, no_text: list[int]) -> None:
    if not page.chars:
        no_text.append(number)
        return
    lay_out_page(page_geometry(page, number), builder)
