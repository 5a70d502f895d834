"""The layout stage on hand-built pages: ruled cells, wrapped labels, reading order, boxes."""

from __future__ import annotations

from pathlib import Path

from extractor.document import BlockKind, TextBuilder
from extractor.geometry import Box, Page, Word
from extractor.ingest import read
from extractor.layout import lay_out_page, lines_of, ruled_tables
from extractor.settings import Settings


def _word(text: str, x0: float, top: float, size: float = 10.0) -> Word:
    chars = tuple((x0 + i * size, top, x0 + (i + 1) * size, top + size) for i in range(len(text)))
    return Word(text, (x0, top, x0 + len(text) * size, top + size), chars)


def _grid_rules(xs: list[float], ys: list[float]) -> tuple[Box, ...]:
    h = tuple((xs[0], y, xs[-1], y) for y in ys)
    v = tuple((x, ys[0], x, ys[-1]) for x in xs)
    return h + v


def _page(words: list[Word], rules: tuple[Box, ...] = ()) -> Page:
    return Page(number=1, width=600, height=800, words=tuple(words), rules=rules)


def test_ruled_cells_hold_the_characters_whose_centre_they_contain() -> None:
    rules = _grid_rules([50, 250, 400], [100, 130, 160])
    page = _page(
        [
            _word("标题在表格上方", 50, 60),
            _word("项目", 60, 110),
            _word("金额", 260, 110),
            # a wrapped label: two lines in one cell become one label
            _word("社会保障和", 60, 133),
            _word("就业支出", 60, 146),
            _word("12.50", 260, 140),
        ],
        rules,
    )
    builder = TextBuilder()
    builder.start_page(1)
    lay_out_page(page, builder)
    doc = builder.build("t")
    table = doc.tables()[0]
    assert [[c.text for c in row] for row in table.rows] == [["项目", "金额"], ["社会保障和就业支出", "12.50"]]
    first = doc.blocks[0]
    assert first.kind is BlockKind.PARAGRAPH and doc.text[first.start : first.end] == "标题在表格上方"
    cell = table.rows[1][1]
    assert doc.bbox(cell.start, cell.end) == (260.0, 140.0, 310.0, 150.0)
    label = table.rows[1][0]
    assert doc.bbox(label.start, label.end) == (60.0, 133.0, 110.0, 156.0)


def test_a_single_cell_box_is_no_table() -> None:
    assert ruled_tables(_grid_rules([50, 250], [100, 130])) == []
    assert len(ruled_tables(_grid_rules([50, 250, 400], [100, 130]))) == 1


def test_lines_put_a_space_only_where_there_is_a_gap() -> None:
    chars = [("支", (0.0, 0.0, 10.0, 10.0)), ("出", (10.0, 0.5, 20.0, 10.5)), ("5", (40.0, 0.0, 45.0, 10.0))]
    (line,) = lines_of(chars)
    assert line.text == "支出 5"
    assert line.boxes[2] is None


def test_text_without_geometry_has_no_bbox(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("2023年支出合计93.93万元。", encoding="utf-8")
    doc = read(path, settings)
    assert doc.boxes is None and doc.bbox(0, 5) is None


def test_pdf_evidence_carries_its_page_and_box(fixtures_dir: Path, settings: Settings) -> None:
    from extractor.pipeline import extract

    result = extract(fixtures_dir / "samples" / "004_9f785aea458f6f0e.pdf", backend="rules", settings=settings)
    assert result.facts
    for fact in result.facts:
        ev = fact.evidence
        assert ev.page is not None and ev.bbox is not None
        x0, top, x1, bottom = ev.bbox
        assert 0 <= x0 < x1 and 0 <= top < bottom


def _laid_out(page: Page) -> tuple[list[str], list[list[list[str]]]]:
    builder = TextBuilder()
    builder.start_page(1)
    lay_out_page(page, builder)
    doc = builder.build("t")
    paragraphs = [doc.text[b.start : b.end] for b in doc.blocks if b.kind is not BlockKind.TABLE]
    return paragraphs, [[[c.text for c in row] for row in t.rows] for t in doc.tables()]


def test_fill_in_boxes_inside_a_sentence_are_text() -> None:
    # "本单位收入预算 [12.] [50] [万元，] 其中…": boxes drawn round a figure and a word, their borders
    # cutting the figure; the characters run on across the borders at their usual spacing
    line = "本单位收入预算12.50万元，其中"
    words = [_word(line, 50, 100)]
    xs = [50 + 7 * 10, 50 + 10 * 10, 50 + 12 * 10, 50 + 15 * 10]  # boxes round "12.", "50", "万元，"
    paragraphs, tables = _laid_out(_page(words, _grid_rules(xs, [98, 112])))
    assert tables == []
    assert paragraphs == [line]


def test_a_one_row_table_whose_cells_keep_their_text_apart_stays_a_table() -> None:
    # a table's last row continued on a new page: padded cells, text well inside each
    words = [
        _word("收入总计", 60, 100),
        _word("12.50", 260, 100),
        _word("支出总计", 360, 100),
        _word("12.50", 510, 100),
    ]
    paragraphs, tables = _laid_out(_page(words, _grid_rules([50, 250, 350, 500, 580], [95, 115])))
    assert tables == [[["收入总计", "12.50", "支出总计", "12.50"]]]
    assert paragraphs == []
