"""Text decoding: every encoding a Chinese report arrives in gives the same text, BOM-less
UTF-16 included (it has no NUL bytes to give it away when the text is Chinese)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import errors
from extractor.ingest import read_bytes
from extractor.ingest.txt import decode
from extractor.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted((ROOT / "eval" / "samples").glob("*.txt")) + sorted(
    (ROOT / "eval" / "heldout" / "samples").glob("*.txt")
)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_every_encoding_reads_the_same_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for enc, name in [
        ("utf-8", "utf-8"),
        ("gb18030", "gb18030"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("utf-16", "utf-16"),
    ]:
        assert decode(text.encode(enc), path.name) == (text, name), enc


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_chinese_utf16_without_bom_is_text_not_binary(enc: str, settings: Settings) -> None:
    data = "部门整体支出合计叁佰伍拾捌万元，其中基本支出叁佰壹拾壹万元。".encode(enc)
    assert b"\x00" not in data  # nothing for a NUL-counting guess to find
    doc = read_bytes(data, "u16.txt", settings)
    assert doc.encoding == enc and doc.text.startswith("部门整体支出")


def test_short_gbk_is_not_taken_for_utf16(settings: Settings) -> None:
    for text in ["支出合计", "收入合计93.93万元", "单位：万元\n项目\t金额\n"]:
        assert decode(text.encode("gbk"), "gbk.txt") == (text, "gb18030")


def test_broken_utf16_names_its_encoding(settings: Settings) -> None:
    data = bytearray("部门整体支出合计358.52万元。".encode("utf-16-le") * 20)
    data[40:42] = b"\x00\xdc"  # a lone low surrogate
    with pytest.raises(errors.DecodingError) as info:
        read_bytes(bytes(data), "broken.txt", settings)
    assert "utf-16-le" in info.value.message and "broken.txt" in info.value.one_line()
