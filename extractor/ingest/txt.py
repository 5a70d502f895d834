"""Plain text and Markdown: encoding detection, then the text as it is.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are decided by their bytes. Valid
UTF-8 wins next. UTF-16 without a BOM is recognised by what it decodes to: one byte order
gives text (Han, punctuation, ASCII) and the other, like any other encoding misread as
UTF-16, gives Hangul, private-use and unpaired surrogates — so BOM-less Chinese UTF-16,
which has no NUL bytes to give it away, is read, not refused as binary. Anything else goes to
``charset_normalizer``. Chinese reports are overwhelmingly GB18030/GBK when not UTF-8, and
short GBK texts are easy to mistake for other CJK code pages, so when the detector's pick
is another legacy CJK code page and GB18030 decodes the bytes cleanly to mostly Han text,
GB18030 wins (it is a superset of GBK and GB2312).
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from extractor.document import Document, build_document
from extractor.errors import DecodingError, UnsupportedFormatError
from extractor.ingest.limits import check_text
from extractor.settings import Settings

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
                raise DecodingError(
                    f"bytes do not match their {enc} byte-order mark: {exc.reason}", path=where
                ) from exc
    utf8: str | None
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    if utf8 is not None and not _binary(utf8):
        return utf8, "utf-8"
    enc16 = _utf16_without_bom(data)
    if enc16 is not None:
        try:
            return data.decode(enc16), enc16
        except UnicodeDecodeError as exc:
            raise DecodingError(f"looks like {enc16} but does not decode: {exc.reason}", path=where) from exc
    text, encoding = (utf8, "utf-8") if utf8 is not None else _detect(data, where)
    if _binary(text):
        raise UnsupportedFormatError("binary content, not text (control bytes)", path=where)
    return text, encoding


def _binary(text: str) -> bool:
    head = text[:65536]
    return bool(_CONTROL.search(head)) and len(_CONTROL.findall(head)) > 0.01 * min(len(text), 65536)


def _detect(data: bytes, where: str) -> tuple[str, str]:
    if b"\x00" in data[:4096]:
        raise UnsupportedFormatError("binary content, not text (NUL bytes)", path=where)
    from charset_normalizer import from_bytes  # the last rung only: imported when reached (start-up time)

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


# What UTF-16 text decodes to: Han, CJK and general punctuation, full-width forms, ASCII,
# Latin-1, enumerated and geometric symbols, box drawing.
_TEXTLIKE = re.compile(
    r"[\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303f\uff00-\uffef\u2000-\u206f\u2460-\u24ff"
    r"\u2500-\u25ff\x20-\x7e\t\n\r\u00a0-\u00ff]"
)
_UTF16_SAMPLE = 8192


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when one byte order reads as text, else ``None``."""
    sample = data[:_UTF16_SAMPLE]
    if len(sample) < 2:
        return None
    best, best_ratio = None, 0.9
    for enc in ("utf-16-le", "utf-16-be"):
        # a few broken code units do not hide the byte order (they fail the full decode after)
        text = codecs.getincrementaldecoder(enc)(errors="replace").decode(sample[: len(sample) // 2 * 2])
        ratio = len(_TEXTLIKE.findall(text)) / max(1, len(text))
        if ratio > best_ratio:
            best, best_ratio = enc, ratio
    return best


def read_txt(data: bytes, name: str, settings: Settings, *, where: str, meta: dict[str, Any]) -> Document:
    check_text(len(data) // 4, settings, where, at_least=True)  # no encoding takes more than 4 bytes a character
    text, encoding = decode(data, where)
    check_text(len(text), settings, where)
    return build_document(name, text, source_format="txt", encoding=encoding, **meta)
