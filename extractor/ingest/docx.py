"""Word (.docx): body paragraphs and tables in document order, read from the XML with lxml.

``word/document.xml`` is streamed one body element at a time (see
:class:`~extractor.ingest.ooxml.Package` for the limits on what a package may unpack to).
A paragraph's text is its runs' and hyperlinks' text (tabs, breaks and non-breaking hyphens
as characters); paragraph styles named ``Heading N`` / ``标题 N`` (from ``styles.xml``, else
the style id itself) give headings of level N, other paragraphs may still be headings by
their numbering (``一、``). Tables become rows × cells: a cell spanning columns is repeated
in every grid position it covers and a vertically merged cell repeats the text of the top of
the merge, as Word shows them. A table inside a cell is read too, as a table of its own after
the table that holds it (the cell keeps its own paragraphs). Headers, footers, comments,
footnotes, text boxes and content controls are not part of the body and are skipped. Both
the transitional and the strict OOXML namespaces are read.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from extractor.document import Document, TextBuilder, heading_level
from extractor.errors import CorruptDocumentError
from extractor.ingest.limits import check_text
from extractor.ingest.ooxml import Package
from extractor.settings import Settings

__all__ = ["read_docx"]

log = logging.getLogger(__name__)

_STYLE_LEVEL = re.compile(r"(?:heading|标题)\s*(\d)", re.IGNORECASE)
_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
MAX_GRID_SPAN = 64
"""Word tables have at most 63 columns; a larger span is a broken (or hostile) file."""


_LOCAL_NAMES = (
    "body",
    "br",
    "cr",
    "document",
    "gridBefore",
    "gridSpan",
    "hyperlink",
    "name",
    "noBreakHyphen",
    "p",
    "pPr",
    "pStyle",
    "ptab",
    "r",
    "style",
    "styleId",
    "t",
    "tab",
    "tbl",
    "tc",
    "tcPr",
    "tr",
    "trPr",
    "type",
    "val",
    "vMerge",
)


@dataclass(frozen=True, slots=True)
class _Tags:
    """Qualified element and attribute names in one WordprocessingML namespace (fields keep the XML's spelling)."""

    body: str
    br: str
    cr: str
    document: str
    gridBefore: str
    gridSpan: str
    hyperlink: str
    name: str
    noBreakHyphen: str
    p: str
    pPr: str
    pStyle: str
    ptab: str
    r: str
    style: str
    styleId: str
    t: str
    tab: str
    tbl: str
    tc: str
    tcPr: str
    tr: str
    trPr: str
    type: str
    val: str
    vMerge: str


_TAGS = {ns: _Tags(**{local: f"{{{ns}}}{local}" for local in _LOCAL_NAMES}) for ns in _NAMESPACES}


def _namespace(tag: Any) -> str | None:
    if isinstance(tag, str) and tag.startswith("{"):
        ns = tag[1 : tag.index("}")]
        return ns if ns in _TAGS else None
    return None


# --------------------------------------------------------------------------- text


def _run_text(r: Any, w: _Tags) -> str:
    out = []
    for e in r.iterchildren(w.t, w.tab, w.br, w.cr, w.noBreakHyphen, w.ptab):
        tag = e.tag
        if tag == w.t:
            out.append(e.text or "")
        elif tag == w.br:
            out.append("\n" if e.get(w.type, "textWrapping") == "textWrapping" else "")  # page breaks are no text
        elif tag == w.cr:
            out.append("\n")
        elif tag == w.noBreakHyphen:
            out.append("-")
        else:
            out.append("\t")
    return "".join(out)


def _paragraph_text(p: Any, w: _Tags) -> str:
    parts = []
    for e in p.iterchildren(w.r, w.hyperlink):
        if e.tag == w.r:
            parts.append(_run_text(e, w))
        else:
            parts.extend(_run_text(r, w) for r in e.iterchildren(w.r))
    return "".join(parts)


def _paragraph_level(p: Any, text: str, w: _Tags, styles: _Styles) -> int | None:
    ppr = p.find(w.pPr)
    style = ppr.find(w.pStyle) if ppr is not None else None
    style_id = style.get(w.val) if style is not None else None
    m = _STYLE_LEVEL.search(styles.name(style_id)) if style_id else None
    if m:
        return int(m.group(1))
    return heading_level(text)


# --------------------------------------------------------------------------- tables


def _int_val(el: Any, w: _Tags, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(w.val, default))
    except ValueError:
        return default


def _cell_text(tc: Any, w: _Tags) -> str:
    return "\n".join(_paragraph_text(p, w) for p in tc.iterchildren(w.p)).strip()


def _table_rows(tbl: Any, w: _Tags, nested: list[Any]) -> list[list[str]]:
    """Rows of cell texts; tables found inside cells are appended to ``nested``."""
    rows: list[list[str]] = []
    above: dict[int, list[str]] = {}  # grid offset → what the cell starting there showed, in the row above
    for tr in tbl.iterchildren(w.tr):
        trpr = tr.find(w.trPr)
        offset = _int_val(trpr.find(w.gridBefore) if trpr is not None else None, w, 0)
        row: list[str] = []
        here: dict[int, list[str]] = {}
        for tc in tr.iterchildren(w.tc):
            tcpr = tc.find(w.tcPr)
            span = max(0, min(MAX_GRID_SPAN, _int_val(tcpr.find(w.gridSpan) if tcpr is not None else None, w, 1)))
            merge = tcpr.find(w.vMerge) if tcpr is not None else None
            if merge is not None and merge.get(w.val, "continue") == "continue" and offset in above:
                shown = above[offset]  # the rest of a vertical merge shows the top cell
            else:
                shown = [_cell_text(tc, w)] * span
            here[offset] = shown
            row.extend(shown)
            offset += span
            nested.extend(tc.iterchildren(w.tbl))
        rows.append(row)
        above = here
    return rows


def _add_table(builder: TextBuilder, tbl: Any, w: _Tags) -> None:
    pending = [tbl]
    while pending:  # the table, then the tables in its cells, in document order
        nested: list[Any] = []
        builder.table(_table_rows(pending.pop(0), w, nested))
        pending[:0] = nested


# --------------------------------------------------------------------------- the document


class _Styles:
    """Style id → style name, from the styles part, read the first time a paragraph names a
    style. A missing or broken styles part costs only the names: the style ids stand in
    (``Heading1`` still reads as a level-1 heading)."""

    def __init__(self, package: Package, main: str) -> None:
        self._package, self._main = package, main
        self._names: dict[str, str] | None = None

    def name(self, style_id: str) -> str:
        if self._names is None:
            self._names = self._read()
        return self._names.get(style_id, style_id)

    def _read(self) -> dict[str, str]:
        part = self._package.related(self._main, "/styles", "word/styles.xml")
        if part is None:
            return {}
        try:
            root = self._package.parse(part)
        except CorruptDocumentError as exc:
            log.info("%s: styles not read (%s); style ids stand in for their names", self._package.where, exc.message)
            return {}
        w = _TAGS[_namespace(root.tag) or _NAMESPACES[0]]
        names = {}
        for style in root.iterchildren(w.style):
            style_id = style.get(w.styleId)
            if style_id is not None:
                name = style.find(w.name)
                names[style_id] = (name.get(w.val) if name is not None else None) or ""
        return names


def read_docx(data: bytes, name: str, settings: Settings, *, where: str, meta: dict[str, Any]) -> Document:
    package = Package(data, where, settings)
    main = package.related("", "/officeDocument", "word/document.xml")
    if main is None:
        raise package.corrupt("not a readable Word document: no main document part (word/document.xml)")
    styles = _Styles(package, main)
    builder = TextBuilder()
    roots = {t.document: t for t in _TAGS.values()}
    for root_tag, el in package.iter_children(
        main, roots=tuple(roots), containers=tuple(t.body for t in roots.values())
    ):
        w = roots[root_tag]
        if el.tag == w.p:
            text = _paragraph_text(el, w)
            builder.paragraph(text, heading_level=_paragraph_level(el, text, w, styles))
        elif el.tag == w.tbl:
            _add_table(builder, el, w)
        check_text(builder.offset, settings, where, at_least=True)  # before the rest is read
    return builder.build(name, source_format="docx", **meta)
