"""One table written in every serialization a budget table reaches us in.

Text: tab rows, Markdown pipes, ``|``-terminated cells, one cell per line (with and without
blank lines between rows), the whole form on one line, space-aligned columns (as
``pdftotext -layout`` writes them) and an HTML ``<table>``; files: a DOCX table and a PDF
page with the table ruled and unruled (reportlab, numbers right-aligned).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable

Table = list[list[str]]
TITLE = ("2022年度部门决算表", "单位：万元")


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _numeric(s: str) -> bool:
    return bool(s) and (s[0].isdigit() or s[0] in "-≥") and not s.endswith("次")


def _text(*lines: str) -> str:
    return "\n".join([*TITLE, *lines]) + "\n"


def tabs(t: Table) -> str:
    return _text(*("\t".join(r) for r in t))


def markdown(t: Table) -> str:
    rows = ["| " + " | ".join(r) + " |" for r in t]
    return _text("", rows[0], "|" + " --- |" * len(t[0]), *rows[1:])


def pipe_terminated(t: Table) -> str:
    return _text(*("|".join(r) + "|" for r in t))


def cell_per_line(t: Table) -> str:
    return _text(*(c for r in t for c in r))


def cell_per_line_rows(t: Table) -> str:
    return _text(*("\n".join(r) + "\n" for r in t))


def one_line(t: Table) -> str:
    return _text(" ".join(c for r in t for c in r))


def space_aligned(t: Table) -> str:
    widths = [max(_width(r[j]) for r in t) for j in range(len(t[0]))]
    out = []
    for r in t:
        cells = [
            (" " * (widths[j] - _width(c)) + c) if j and _numeric(c) else c + " " * (widths[j] - _width(c))
            for j, c in enumerate(r)
        ]
        out.append("   ".join(cells).rstrip())
    return _text(*out)


def html(t: Table) -> str:
    head = "<tr>" + "".join(f"<th>{c}</th>" for c in t[0]) + "</tr>"
    body = ["<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in t[1:]]
    return _text("<table>", head, *body, "</table>")


def docx(t: Table) -> bytes:
    from docx import Document

    d = Document()
    for line in TITLE:
        d.add_paragraph(line)
    table = d.add_table(rows=len(t), cols=len(t[0]))
    for i, r in enumerate(t):
        for j, c in enumerate(r):
            table.cell(i, j).text = c
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def pdf(t: Table, *, ruled: bool) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    c.setFont("STSong-Light", 10)
    y = 800.0
    for line in TITLE:
        c.drawString(50, y, line)
        y -= 20
    xs = [50.0]
    for j in range(len(t[0])):
        xs.append(xs[-1] + max(5 * _width(r[j]) for r in t) + 24)
    top = y + 13
    for r in t:
        for j, cell in enumerate(r):
            if j and _numeric(cell):
                c.drawRightString(xs[j + 1] - 8, y, cell)
            else:
                c.drawString(xs[j] + 8, y, cell)
        y -= 18
    if ruled:
        ys = [top - 18 * i for i in range(len(t) + 1)]
        for yy in ys:
            c.line(xs[0], yy, xs[-1], yy)
        for x in xs:
            c.line(x, ys[0], x, ys[-1])
    c.save()
    return buf.getvalue()


TEXTS: dict[str, Callable[[Table], str]] = {
    "tabs": tabs,
    "markdown": markdown,
    "pipe_terminated": pipe_terminated,
    "cell_per_line": cell_per_line,
    "cell_per_line_rows": cell_per_line_rows,
    "one_line": one_line,
    "space_aligned": space_aligned,
    "html": html,
}
SERIALIZATIONS = (*TEXTS, "docx", "pdf_ruled", "pdf_unruled")


def render(t: Table, how: str) -> tuple[str, bytes]:
    """(file name, bytes) of ``t`` written the way ``how`` names."""
    if how in TEXTS:
        return "t.txt", TEXTS[how](t).encode("utf-8")
    if how == "docx":
        return "t.docx", docx(t)
    return "t.pdf", pdf(t, ruled=how == "pdf_ruled")
