"""Readers on generated fixtures: every input behaves as stated, with a typed error when bad."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import errors
from extractor.document import BlockKind
from extractor.ingest import read, read_bytes
from extractor.settings import Settings

EXPECTED_START = "2023年度收入合计93.93万元，其中:财政拨款收入84.25万元"


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("gbk.txt", "gb18030"),
        ("gb18030.txt", "gb18030"),
        ("bom.txt", "utf-8-sig"),
        ("utf16.txt", "utf-16"),
        ("crlf.txt", "utf-8"),
    ],
)
def test_text_encodings_are_detected(fixtures_dir: Path, settings: Settings, name: str, encoding: str) -> None:
    doc = read(fixtures_dir / name, settings)
    assert doc.encoding == encoding
    assert doc.text.startswith(EXPECTED_START)
    assert "支出合计93.93万元" in doc.text  # full-width digits normalised
    assert "\r" not in doc.text


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("empty.txt", errors.EmptyDocumentError),
        ("blank.txt", errors.EmptyDocumentError),
        ("binary.txt", errors.UnsupportedFormatError),
        ("corrupt.pdf", errors.CorruptDocumentError),
        ("garbage.pdf", errors.CorruptDocumentError),
        ("encrypted.pdf", errors.EncryptedDocumentError),
        ("scan.pdf", errors.EmptyDocumentError),  # OCR'd: a grey picture holds no text
        ("corrupt.docx", errors.CorruptDocumentError),
        ("not_word.zip.docx", errors.CorruptDocumentError),
        ("encrypted.docx", errors.EncryptedDocumentError),
        ("legacy.doc", errors.UnsupportedFormatError),
        ("image.png", errors.CorruptDocumentError),  # a PNG signature, no image behind it
    ],
)
def test_bad_inputs_raise_typed_errors_naming_the_file(
    fixtures_dir: Path, settings: Settings, name: str, error: type[errors.ExtractorError]
) -> None:
    with pytest.raises(error) as info:
        read(fixtures_dir / name, settings)
    assert isinstance(info.value, errors.InputError)
    assert name in info.value.one_line()
    assert "\n" not in info.value.one_line()


def test_each_error_class_has_its_own_exit_code() -> None:
    codes = [cls.exit_code for cls in errors.ALL_ERRORS]
    assert len(codes) == len(set(codes))
    assert all(c > 0 for c in codes)


def test_scanned_pdf_reports_its_pages(fixtures_dir: Path) -> None:
    with pytest.raises(errors.NeedsOCRError) as info:
        read(fixtures_dir / "scan.pdf", Settings.isolated(ocr="never"))
    assert info.value.pages == [1]
    assert "--ocr never" in info.value.message


def test_oversized_file_and_page_limits(fixtures_dir: Path) -> None:
    tiny = Settings.isolated(max_file_mb=0.00001)
    with pytest.raises(errors.DocumentTooLargeError):
        read(fixtures_dir / "gbk.txt", tiny)
    with pytest.raises(errors.DocumentTooLargeError):
        read_bytes((fixtures_dir / "gbk.txt").read_bytes(), "gbk.txt", tiny)
    with pytest.raises(errors.DocumentTooLargeError):
        read(fixtures_dir / "samples" / "002_37d039dcb8ad6afc.pdf", Settings.isolated(max_pages=2))


def test_pdf_content_wins_over_a_txt_suffix(fixtures_dir: Path, settings: Settings) -> None:
    doc = read(fixtures_dir / "pdf_named.txt", settings)
    assert doc.source_format == "pdf"
    assert doc.page_of(0) == 1


def test_pdf_keeps_pages_and_ruled_tables(fixtures_dir: Path, settings: Settings) -> None:
    doc = read(fixtures_dir / "samples" / "004_9f785aea458f6f0e.pdf", settings)
    assert doc.pages and doc.pages > 1
    tables = doc.tables()
    assert tables, "ruled tables are found"
    for block in tables:
        assert block.page is not None
        for row in block.rows:
            for cell in row:
                assert doc.text[cell.start : cell.end] == cell.text
    last = max(doc.blocks, key=lambda b: b.start)
    assert doc.page_of(last.start) == doc.pages


def test_docx_reads_tables_in_order_and_skips_headers_and_footers(fixtures_dir: Path, settings: Settings) -> None:
    doc = read(fixtures_dir / "samples" / "004_9f785aea458f6f0e.docx", settings)
    assert "999.99" not in doc.text and "888.88" not in doc.text
    kinds = [b.kind for b in doc.blocks]
    assert BlockKind.TABLE in kinds and BlockKind.PARAGRAPH in kinds
    first_table = doc.tables()[0]
    para_after = next(b for b in doc.blocks if b.start > first_table.end)
    assert para_after.start > first_table.start
    assert all(doc.text[c.start : c.end] == c.text for r in first_table.rows for c in r)


def test_bytes_need_a_filename_through_the_library(settings: Settings) -> None:
    from extractor import extract

    with pytest.raises(errors.ConfigError):
        extract(b"abc", settings=settings)
    result = extract("2023年度收入合计93.93万元".encode("gbk"), filename="r.txt", settings=settings, backend="rules")
    assert result.document == "r.txt"
    assert result.provenance.source.encoding == "gb18030"


def test_docx_merged_cells_repeat_in_every_position(fixtures_dir: Path, settings: Settings) -> None:
    doc = read(fixtures_dir / "merged.docx", settings)
    (table,) = doc.tables()
    assert [[c.text for c in row] for row in table.rows] == [
        ["二级指标", "三级指标", "得分"],
        ["数量指标", "培训人次", "5"],
        ["数量指标", "合格率", "4"],
    ]
    assert doc.text.index("绩效指标表") < table.start < doc.text.index("表后段落")
