"""PDF with a text layer, through pdfplumber.

Per page: ruled tables found by ``find_tables`` (lines strategy) become table blocks; the
text outside them becomes one paragraph per text line; both are ordered by their top
coordinate so reading order is kept. Page numbers are kept on every block.

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

from extractor.document import Document, TextBuilder, heading_level
from extractor.errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EncryptedDocumentError,
    NeedsOCRError,
)
from extractor.settings import Settings

log = logging.getLogger(__name__)

_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


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


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def join_wrapped(text: str | None) -> str:
    """Undo line wrapping inside a table cell: CJK and digits join directly, words with a space."""
    if not text:
        return ""
    parts = text.split("\n")
    out = parts[0]
    for part in parts[1:]:
        if out and part and out[-1].isascii() and out[-1].isalpha() and part[0].isascii() and part[0].isalpha():
            out += " " + part
        else:
            out += part
    return out


def merge_lines(lines: list[dict]) -> list[tuple[float, str]]:
    """Join wrapped text lines into paragraphs.

    A line continues the previous one when the previous line ran to the right margin, the
    vertical gap is about one line, and the new line does not start a heading.
    """
    if not lines:
        return []
    right = max(line["x1"] for line in lines)
    paragraphs: list[tuple[float, str]] = []
    prev: dict | None = None
    for line in lines:
        height = max(1.0, line["bottom"] - line["top"])
        continues = (
            prev is not None
            and prev["x1"] >= right - 1.5 * height
            and 0 <= line["top"] - prev["bottom"] <= 0.9 * height
            and heading_level(line["text"]) is None
        )
        if continues:
            top, text = paragraphs[-1]
            paragraphs[-1] = (top, join_wrapped(text + "\n" + line["text"]))
        else:
            paragraphs.append((line["top"], line["text"]))
        prev = line
    return paragraphs


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
                page.close()
    finally:
        pdf.close()
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
    tables = page.find_tables(table_settings=_TABLE_SETTINGS)
    boxes = [t.bbox for t in tables]
    items: list[tuple[float, str, Any]] = []
    for t in tables:
        rows = [[join_wrapped(cell) for cell in row] for row in t.extract()]
        if rows:
            items.append((t.bbox[1], "table", rows))
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
    lines = outside.extract_text_lines(layout=False, strip=True, return_chars=False)
    for top, text in merge_lines(lines):
        items.append((top, "line", text))
    items.sort(key=lambda it: it[0])
    for _, kind, payload in items:
        if kind == "table":
            builder.table(payload)
        else:
            builder.paragraph(payload, heading_level=heading_level(payload))
