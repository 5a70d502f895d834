"""Word (.docx): body paragraphs and tables in document order.

Tables become rows × cells (a merged cell is repeated in every grid position it covers, as
python-docx reports it); headers, footers, comments, footnotes and text boxes are not part
of the body and are skipped. Paragraph styles named ``Heading N`` / ``标题 N`` become
headings of level N.
"""

from __future__ import annotations

import io
import re
import zipfile

from docx import Document as open_docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from extractor.document import Document, TextBuilder, heading_level
from extractor.errors import CorruptDocumentError

_STYLE_LEVEL = re.compile(r"(?:heading|标题)\s*(\d)", re.IGNORECASE)


def _paragraph_level(p: Paragraph, style_names: dict[str, str]) -> int | None:
    # python-docx's Paragraph.style resolves the default style on every call (slow on long
    # documents); the style id on the paragraph and a name table built once is enough.
    ppr = p._p.pPr
    style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
    m = _STYLE_LEVEL.search(style_names.get(style_id or "", style_id or ""))
    if m:
        return int(m.group(1))
    return heading_level(p.text)


def read_docx(data: bytes, name: str, *, where: str, meta: dict) -> Document:
    try:
        word = open_docx(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptDocumentError(f"not a readable Word document: {exc}", path=where) from exc
    except Exception as exc:  # lxml and python-docx raise a variety of errors on broken parts
        raise CorruptDocumentError(f"not a readable Word document: {type(exc).__name__}: {exc}", path=where) from exc
    builder = TextBuilder()
    style_names = {st.style_id: st.name or "" for st in word.styles}
    body = word.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, word)
            builder.paragraph(para.text, heading_level=_paragraph_level(para, style_names))
        elif tag == "tbl":
            table = Table(child, word)
            rows = []
            for row in table.rows:
                rows.append([cell.text.strip() for cell in row.cells])
            builder.table(rows)
    return builder.build(name, source_format="docx", **meta)
