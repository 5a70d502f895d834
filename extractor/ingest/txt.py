"""Plain text and Markdown: encoding detection, then the text as it is.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are decided by their bytes; anything
else goes to ``charset_normalizer``. Chinese reports are overwhelmingly GB18030/GBK when
not UTF-8, and short GBK texts are easy to mistake for other CJK code pages, so when the
detector's pick is another legacy CJK code page and GB18030 decodes the bytes cleanly to
mostly Han text, GB18030 wins (it is a superset of GBK and GB2312).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from extractor.document import Document, build_document
from extractor.errors import DecodingError, UnsupportedFormatError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_GB_FAMILY = {"gb18030", "gbk", "gb2312", "hz"}


def _han_ratio(text: str) -> float:
    visible = [c for c in text if not c.isspace()]
    return len(_HAN.findall(text)) / max(1, len(visible))


def decode(data: bytes, where: str) -> tuple[str, str]:
    """Return (text, encoding) or raise a typed error."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise DecodingError(f"bytes do not match their {enc} byte-order mark: {exc.reason}", path=where) from exc
    if b"\x00" in data[:4096] and _looks_utf16(data):  # UTF-16 without a byte-order mark
        sample = data[:4096]
        enc = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError as exc:
            raise DecodingError(f"looks like {enc} but does not decode: {exc.reason}", path=where) from exc
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = _detect(data, where)
    if _CONTROL.search(text[:65536]) and len(_CONTROL.findall(text[:65536])) > 0.01 * min(len(text), 65536):
        raise UnsupportedFormatError("binary content, not text (control bytes)", path=where)
    return text, encoding


def _detect(data: bytes, where: str) -> tuple[str, str]:
    if b"\x00" in data[:4096]:
        raise UnsupportedFormatError("binary content, not text (NUL bytes)", path=where)
    best = from_bytes(data).best()
    gb_text: str | None
    try:
        gb_text = data.decode("gb18030")
    except UnicodeDecodeError:
        gb_text = None
    if best is None:
        if gb_text is not None and _han_ratio(gb_text) > 0.3:
            return gb_text, "gb18030"
        raise DecodingError("cannot decide the text encoding (not UTF-8, GB18030 or another known one)", path=where)
    enc = best.encoding.lower().replace("-", "").replace("_", "")
    if enc in _GB_FAMILY:
        return (gb_text if gb_text is not None else str(best)), "gb18030"
    if gb_text is not None and _han_ratio(gb_text) > 0.3 and _han_ratio(gb_text) >= _han_ratio(str(best)):
        return gb_text, "gb18030"
    return str(best), best.encoding


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    return (even_nuls > 0.3 * half) != (odd_nuls > 0.3 * half)


def read_txt(data: bytes, name: str, *, where: str, meta: dict) -> Document:
    text, encoding = decode(data, where)
    return build_document(name, text, source_format="txt", encoding=encoding, **meta)
