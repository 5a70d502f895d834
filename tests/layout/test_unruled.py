"""Unruled tables on hand-built pages: columns from alignment, wrapped labels, and prose,
contents and scattered figures left as text."""

from __future__ import annotations

from extractor.document import BlockKind, Document, TextBuilder
from extractor.geometry import Page, Word
from extractor.layout import lay_out_page, lines_of
from extractor.layout.unruled import segments, unruled_tables

SIZE = 10.0


def _word(text: str, x0: float, top: float) -> Word:
    chars = tuple((x0 + i * SIZE, top, x0 + (i + 1) * SIZE, top + SIZE) for i in range(len(text)))
    return Word(text, (x0, top, x0 + len(text) * SIZE, top + SIZE), chars)


def _right(text: str, x1: float, top: float) -> Word:
    return _word(text, x1 - len(text) * SIZE, top)


def _doc(words: list[Word]) -> Document:
    page = Page(number=1, width=600, height=800, words=tuple(words))
    builder = TextBuilder()
    builder.start_page(1)
    lay_out_page(page, builder)
    return builder.build("t")


def _rows(words: list[Word]) -> list[list[str]]:
    return [[c.text for c in row] for table in _doc(words).tables() for row in table.rows]


def _money(top: float = 100.0, pitch: float = 20.0) -> list[Word]:
    words = [_word("项目", 50, top), _word("预算数", 250, top), _word("决算数", 350, top)]
    for k, (label, a, b) in enumerate(
        [("基本支出", "80.00", "78.40"), ("项目支出", "140.00", "138.90"), ("合计", "220.00", "217.30")], start=1
    ):
        words += [_word(label, 50, top + k * pitch), _right(a, 300, top + k * pitch), _right(b, 400, top + k * pitch)]
    return words


def test_columns_come_from_header_words_and_the_numbers_right_edges() -> None:
    doc = _doc([_word("部门支出表", 50, 60), *_money()])
    assert [[c.text for c in row] for row in doc.tables()[0].rows] == [
        ["项目", "预算数", "决算数"],
        ["基本支出", "80.00", "78.40"],
        ["项目支出", "140.00", "138.90"],
        ["合计", "220.00", "217.30"],
    ]
    first = doc.blocks[0]
    assert first.kind is BlockKind.PARAGRAPH and doc.text[first.start : first.end] == "部门支出表"
    cell = doc.tables()[0].rows[2][1]
    assert doc.bbox(cell.start, cell.end) == (240.0, 140.0, 300.0, 150.0)


def test_wrapped_labels_join_the_row_they_belong_to() -> None:
    words = [
        _word("项目", 50, 100),
        _word("金额", 250, 100),
        # numbers on the first line of a two-line label
        _word("社会保障和", 50, 130),
        _word("就业支出", 50, 142),
        _right("12.50", 300, 130),
        # numbers set between the two lines of a label
        _word("节能环保", 50, 170),
        _right("3.00", 300, 176),
        _word("支出", 50, 182),
        _word("住房保障支出", 50, 210),
        _right("4.00", 300, 210),
    ]
    assert _rows(words) == [
        ["项目", "金额"],
        ["社会保障和就业支出", "12.50"],
        ["节能环保支出", "3.00"],
        ["住房保障支出", "4.00"],
    ]


def test_a_row_without_figures_at_row_pitch_stays_a_row() -> None:
    words = [
        _word("项目", 50, 100),
        _word("金额", 250, 100),
        _word("基本支出", 50, 120),
        _right("8.00", 300, 120),
        _word("项目支出", 50, 140),
        _word("设备购置", 70, 160),
        _right("2.00", 300, 160),
    ]
    assert _rows(words) == [["项目", "金额"], ["基本支出", "8.00"], ["项目支出", ""], ["设备购置", "2.00"]]


def test_prose_contents_and_scattered_figures_are_no_table() -> None:
    prose = [_word("本年支出合计220.00万元，比上年增加", 50, 100), _word("12.30万元，主要原因是项目增加。", 50, 115)]
    contents = [_word(f"第{n}部分 部门概况", 50, 200 + 20 * n) for n in range(1, 5)]
    contents += [_right(str(3 * n), 400, 200 + 20 * n) for n in range(1, 5)]
    scattered = [
        _word("年", 50, 400),
        _right("12", 120, 400),
        _word("辆，其中", 150, 400),
        _word("用车", 50, 420),
        _right("50", 200, 420),
        _word("万元以上", 250, 420),
    ]
    assert _rows(prose + contents + scattered) == []


def test_segments_split_at_wide_gaps_only() -> None:
    (line,) = lines_of(
        [(ch, (x, 0.0, x + 10.0, 10.0)) for ch, x in [("支", 0.0), ("出", 10.0), ("5", 15.0 + 10.0), ("8", 60.0)]]
    )
    assert [s.text for s in segments(line)] == ["支出 5", "8"]


def test_unruled_tables_return_the_lines_they_do_not_use() -> None:
    words = [_word("说明文字", 50, 40), *_money()]
    chars = [(ch, box) for w in words for ch, box in zip(w.text, w.char_boxes(), strict=True)]
    grids, rest = unruled_tables(lines_of(chars))
    assert len(grids) == 1 and [line.text for line in rest] == ["说明文字"]
