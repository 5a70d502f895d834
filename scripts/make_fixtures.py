#!/usr/bin/env python3
"""Generate the reader fixtures and the DOCX/PDF renderings of the bundled samples.

    .venv/bin/python scripts/make_fixtures.py OUT_DIR

Tests call :func:`generate` into a temporary folder, so nothing generated is committed.

Rendering a sample: runs of lines that start with a tab are table cells (the shape Word
gives when a table is saved as text); a blank line between such runs ends a row. Those
become real tables (DOCX) and ruled tables (PDF); every other line is a paragraph. PDF text
uses reportlab's built-in ``STSong-Light`` CID font, which needs no font file.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "eval" / "samples"

CN_TEXT = "2023年度收入合计93.93万元，其中：财政拨款收入84.25万元，占本年收入90%。\n支出合计９３．９３万元。\n"


# --------------------------------------------------------------------------- sample layout


def sample_blocks(text: str) -> Iterator[tuple[str, object]]:
    """Yield ("p", line) and ("table", rows) from a sample's text."""
    lines = text.replace("\r\n", "\n").split("\n")
    rows: list[list[str]] = []
    row: list[str] = []

    def flush_table() -> Iterator[tuple[str, object]]:
        nonlocal rows, row
        if row:
            rows.append(row)
        if rows:
            width = max(len(r) for r in rows)
            yield "table", [r + [""] * (width - len(r)) for r in rows]
        rows, row = [], []

    for line in lines:
        if line.startswith("\t") and line.strip():
            row.append(line.strip())
        elif not line.strip():
            if row:
                rows.append(row)
                row = []
        else:
            yield from flush_table()
            yield "p", line.strip()
    yield from flush_table()


# --------------------------------------------------------------------------- renderers


def render_docx(text: str) -> bytes:
    from docx import Document

    doc = Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = "页眉：不应被读取 999.99万元"
    section.footer.paragraphs[0].text = "— 页脚 888.88 —"
    for kind, payload in sample_blocks(text):
        if kind == "p":
            doc.add_paragraph(str(payload))
        else:
            rows = payload  # type: ignore[assignment]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))  # type: ignore[arg-type]
            table.style = "Table Grid"
            for i, r in enumerate(rows):  # type: ignore[arg-type]
                for j, cell in enumerate(r):
                    table.cell(i, j).text = cell
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# Characters the built-in CID font drops when pdfminer reads them back; replaced by a
# neutral separator so the numbers either side stay two numbers.
PDF_UNSAFE = str.maketrans({"·": "、"})


def _pdf_story(text: str) -> list:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("cn", fontName="STSong-Light", fontSize=10, leading=14, wordWrap="CJK", spaceAfter=4)
    cell = ParagraphStyle("cell", parent=body, fontSize=8, leading=10, spaceAfter=0)
    story: list = []
    for kind, payload in sample_blocks(text.translate(PDF_UNSAFE)):
        if kind == "p":
            story.append(Paragraph(escape(str(payload)), body))
        else:
            rows = [[Paragraph(escape(c), cell) for c in r] for r in payload]  # type: ignore[union-attr]
            width = (A4[0] - 144) / len(rows[0])
            t = Table(rows, colWidths=[width] * len(rows[0]), repeatRows=0)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(t)
    return story


def render_pdf(text: str, *, encrypt: str | None = None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, encrypt=encrypt, title="sample")
    doc.build(_pdf_story(text))
    return buf.getvalue()


def image_only_pdf() -> bytes:
    """A 'scan': one page with a drawn picture and no text layer."""
    from PIL import Image  # reportlab depends on Pillow
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = io.BytesIO()
    Image.new("L", (200, 300), color=128).save(img, format="PNG")
    img.seek(0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(img), 50, 50, width=400, height=600)
    c.showPage()
    c.save()
    return buf.getvalue()


# --------------------------------------------------------------------------- fixtures


def reader_fixtures() -> dict[str, bytes]:
    text_pdf = render_pdf(CN_TEXT)
    return {
        "gbk.txt": CN_TEXT.encode("gbk"),
        "gb18030.txt": (CN_TEXT + "㐀\n").encode("gb18030"),
        "bom.txt": b"\xef\xbb\xbf" + CN_TEXT.encode("utf-8"),
        "utf16.txt": CN_TEXT.encode("utf-16"),
        "crlf.txt": CN_TEXT.replace("\n", "\r\n").encode("utf-8"),
        "empty.txt": b"",
        "blank.txt": b"  \n\n \t \n",
        "binary.txt": bytes(range(256)) * 8,
        "text.pdf": text_pdf,
        "pdf_named.txt": text_pdf,
        "corrupt.pdf": text_pdf[: len(text_pdf) // 3],
        "garbage.pdf": b"%PDF-1.4\n" + b"\x00garbage" * 50,
        "encrypted.pdf": render_pdf(CN_TEXT, encrypt="secret"),
        "scan.pdf": image_only_pdf(),
        "text.docx": render_docx(CN_TEXT),
        "merged.docx": merged_cells_docx(),
        "corrupt.docx": b"PK\x03\x04" + b"not really a zip" * 20,
        "not_word.zip.docx": _zip_without_word(),
        "legacy.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
        "encrypted.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
        "image.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    }


def merged_cells_docx() -> bytes:
    """A table whose first column is merged over two rows, with a comment-free header."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("绩效指标表")
    table = doc.add_table(rows=3, cols=3)
    for i, row in enumerate([["二级指标", "三级指标", "得分"], ["数量指标", "培训人次", "5"], ["", "合格率", "4"]]):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    table.cell(1, 0).merge(table.cell(2, 0))
    doc.add_paragraph("表后段落。")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _zip_without_word() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    return buf.getvalue()


def generate(out: Path, *, samples: bool = True) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for name, data in reader_fixtures().items():
        (out / name).write_bytes(data)
    if samples:
        rendered = out / "samples"
        rendered.mkdir(exist_ok=True)
        for path in sorted(SAMPLES.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            (rendered / f"{path.stem}.docx").write_bytes(render_docx(text))
            (rendered / f"{path.stem}.pdf").write_bytes(render_pdf(text))
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "fixtures" / "generated"
    print(generate(target))
