"""The document model: blocks, headings, pages, and spans traced back to the raw text."""

from __future__ import annotations

import re

from extractor.document import BlockKind, build_document, heading_level


def test_document_pages_and_raw_span() -> None:
    doc = build_document("x.txt", "第一页\r\n第二行３５")
    assert doc.text == "第一页\n第二行35"
    s = doc.text.index("35")
    assert doc.raw[slice(*doc.raw_span(s, s + 2))] == "３５"
    assert doc.page_of(0) is None


def test_plain_text_blocks_find_headings() -> None:
    doc = build_document("x.txt", "一、部门概况\n（一）部门职能\n1. 主要职责\n正文第一段，支出358.52万元。\n")
    kinds = [(b.kind, b.level) for b in doc.blocks]
    assert kinds == [
        (BlockKind.HEADING, 2),
        (BlockKind.HEADING, 3),
        (BlockKind.HEADING, 4),
        (BlockKind.PARAGRAPH, None),
    ]


def test_long_numbered_lines_are_paragraphs() -> None:
    assert heading_level("1. " + "很长的正文" * 20) is None
    assert heading_level("2023年度收入93.93万元") is None
    assert heading_level("第二部分 决算表") == 1
    assert re.sub(r"\s", "", "（1）单位人员经费") and heading_level("(1)单位人员经费") == 5


def test_each_heading_form_has_its_level_and_leading_spaces_do_not_change_it() -> None:
    forms = {
        "第三章 总则": 1,
        "十二、支出": 2,
        "（四）收入": 3,
        "12．项目": 4,
        "(3)其他": 5,
        "1.5万元": None,
        "二〇二三年": None,
    }
    for line, level in forms.items():
        assert heading_level(line) == level, line
        assert heading_level("  \t" + line) == level, line
