"""The DOCX reader (lxml over word/document.xml) on documents built for the test: it reads what
python-docx reads, plus the tables nested in cells, and refuses what it cannot read with a
typed error naming the file."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from extractor import errors
from extractor.document import BlockKind, Document, TextBuilder, heading_level
from extractor.ingest import read_bytes
from extractor.settings import Settings

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _save(doc: object) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)  # type: ignore[attr-defined]
    return buf.getvalue()


def rich_docx() -> bytes:
    """Headings by style (English and Chinese names), tabs, breaks, a hyperlink, a comment in
    the body, horizontal and vertical merges, a row that starts late."""
    doc = new_docx()
    doc.add_heading("部门概况", level=1)
    zh = doc.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)
    doc.add_paragraph("收入情况", style=zh)
    p = doc.add_paragraph("收入合计")
    run = p.add_run("93.93")
    run.add_tab()
    run.add_text("万元")
    run.add_break()
    run.add_text("第二行")
    run.add_break(WD_BREAK.PAGE)
    p._p.append(
        parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="rId99"><w:r><w:t>（见附表）</w:t></w:r></w:hyperlink>')
    )
    doc.add_paragraph("一、部门基本情况")  # a heading by its numbering, no style
    doc.element.body.insert(3, etree.Comment(" a comment between paragraphs "))
    table = doc.add_table(rows=4, cols=3)
    table.cell(0, 1).merge(table.cell(0, 2))  # a header spanning two columns
    table.cell(1, 0).merge(table.cell(2, 0))  # a label spanning two rows
    for i, row in enumerate(
        [["项目", "金额", None], ["支出", "311.20", "311.20"], [None, "47.32", "40.00"], ["合计", "", "351.20"]]
    ):
        for j, text in enumerate(row):
            if text is not None:
                table.cell(i, j).text = text
    late = table.rows[3]._tr
    late.insert(0, parse_xml(f'<w:trPr {nsdecls("w")}><w:gridBefore w:val="1"/></w:trPr>'))
    late.remove(late.tc_lst[0])
    doc.add_paragraph("表后说明。")
    return _save(doc)


def nested_docx() -> bytes:
    doc = new_docx()
    doc.add_paragraph("附表")
    outer = doc.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "外表"
    outer.cell(0, 1).text = "说明"
    cell = outer.cell(1, 0)
    cell.text = "明细如下"
    inner = cell.add_table(rows=2, cols=2)
    for i, row in enumerate([["科目", "金额"], ["基本支出", "311.20万元"]]):
        for j, text in enumerate(row):
            inner.cell(i, j).text = text
    deepest = inner.cell(1, 1).add_table(rows=1, cols=1)
    deepest.cell(0, 0).text = "其中人员经费200.00万元"
    outer.cell(1, 1).text = "备注"
    doc.add_paragraph("表后段落。")
    return _save(doc)


def python_docx_reading(data: bytes) -> Document:
    """The reader this project used before (python-docx), as the reference."""
    word = new_docx(io.BytesIO(data))
    names = {st.style_id: st.name or "" for st in word.styles}
    builder = TextBuilder()
    for child in word.element.body.iterchildren():
        if not isinstance(child.tag, str):
            continue
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            from docx.text.paragraph import Paragraph

            para = Paragraph(child, word)
            ppr = child.pPr
            sid = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
            m = re.search(r"(?:heading|标题)\s*(\d)", names.get(sid or "", sid or ""), re.I)
            builder.paragraph(para.text, heading_level=int(m.group(1)) if m else heading_level(para.text))
        elif tag == "tbl":
            from docx.table import Table

            builder.table([[c.text.strip() for c in row.cells] for row in Table(child, word).rows])
    return builder.build("x.docx")


def _shape(doc: Document) -> list[tuple[str, int | None, str]]:
    return [(b.kind.value, b.level, doc.text[b.start : b.end]) for b in doc.blocks]


def test_reads_what_python_docx_reads(fixtures_dir: Path, settings: Settings) -> None:
    documents = [
        rich_docx(),
        *(p.read_bytes() for p in sorted((fixtures_dir / "samples").glob("*.docx"))),
        (fixtures_dir / "merged.docx").read_bytes(),
    ]
    for data in documents:
        ours = read_bytes(data, "x.docx", settings)
        theirs = python_docx_reading(data)
        assert ours.text == theirs.text
        assert _shape(ours) == _shape(theirs)


def test_headings_breaks_links_merges(settings: Settings) -> None:
    doc = read_bytes(rich_docx(), "rich.docx", settings)
    headings = [(b.level, doc.text[b.start : b.end]) for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert headings == [(1, "部门概况"), (2, "收入情况"), (2, "一、部门基本情况")]
    assert "收入合计93.93\t万元\n第二行(见附表)" in doc.text  # a tab, a line break, no page-break text, the link
    (table,) = doc.tables()
    assert [[c.text for c in row] for row in table.rows] == [
        ["项目", "金额", "金额"],
        ["支出", "311.20", "311.20"],
        ["支出", "47.32", "40.00"],
        ["", "351.20"],
    ]


def test_tables_nested_in_cells_are_read(settings: Settings) -> None:
    doc = read_bytes(nested_docx(), "nested.docx", settings)
    tables = [[[c.text for c in row] for row in t.rows] for t in doc.tables()]
    assert tables == [
        [["外表", "说明"], ["明细如下", "备注"]],
        [["科目", "金额"], ["基本支出", "311.20万元"]],
        [["其中人员经费200.00万元"]],
    ]
    assert doc.text.index("附表") < doc.tables()[0].start
    assert doc.tables()[-1].end < doc.text.index("表后段落")


def test_strict_ooxml_namespace_is_read(settings: Settings) -> None:
    data = rich_docx()
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for name in src.namelist():
            body = src.read(name)
            if name in ("word/document.xml", "word/styles.xml"):
                body = body.replace(W_NS.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main")
            dst.writestr(name, body)
    strict = read_bytes(buf.getvalue(), "strict.docx", settings)
    assert strict.text == read_bytes(data, "rich.docx", settings).text


def _with_document_xml(xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


_DOC = f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>{{}}</w:body></w:document>'


@pytest.mark.parametrize(
    ("xml", "error"),
    [
        (_DOC.format("<w:p><w:r><w:t>未闭合</w:t></w:r>"), errors.CorruptDocumentError),  # not well-formed
        ('<?xml version="1.0"?><workbook><sheets/></workbook>', errors.CorruptDocumentError),  # not Word's
        (_DOC.format(""), errors.EmptyDocumentError),
        (
            _DOC.format(
                "<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/><w:gridSpan w:val='x'/></w:tcPr>"
                "<w:p><w:r><w:t>首行续合并1万元</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            ),
            None,
        ),
        (
            _DOC.format(
                "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val='99999'/></w:tcPr>"
                "<w:p><w:r><w:t>跨列5万元</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            ),
            None,
        ),
    ],
)
def test_broken_word_xml_gives_typed_errors_or_a_reading(
    xml: str, error: type[errors.ExtractorError] | None, settings: Settings
) -> None:
    data = _with_document_xml(xml.encode("utf-8"))
    if error is None:
        doc = read_bytes(data, "odd.docx", settings)
        (table,) = doc.tables()
        assert len(table.rows[0]) <= 64  # a span never repeats a cell past Word's column limit
        return
    with pytest.raises(error) as info:
        read_bytes(data, "odd.docx", settings)
    assert info.value.path == "odd.docx"


def test_a_broken_styles_part_costs_only_the_style_names(settings: Settings) -> None:
    src = zipfile.ZipFile(io.BytesIO(rich_docx()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, src.read(name)[:100] if name == "word/styles.xml" else src.read(name))
    doc = read_bytes(buf.getvalue(), "nostyles.docx", settings)
    headings = [(b.level, doc.text[b.start : b.end]) for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert (1, "部门概况") in headings  # its style id, Heading1, says it
    assert "收入合计93.93" in doc.text
