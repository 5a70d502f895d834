"""Numbers as written: parsing, units and the decimals that set their rounding tolerance.

Shared by the rules backend, the grounding stage and the reconciler. ``12,345.60元`` is
parsed to ``Decimal('1.234560')`` 万元 with ``decimals=6``: the decimals count in the unit
of the value, so a converted figure keeps the precision it was written with.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from extractor.concepts import MONEY_UNIT_RE, UNIT_ALIASES, WAN_SHIFT, money_unit

__all__ = [
    "HEADER_UNIT",
    "MONEY_UNITS",
    "NUMBER_RE",
    "UNIT_LINE",
    "ZERO_WORDS",
    "Amount",
    "WrittenNumber",
    "close_digit_gaps",
    "decimals_of",
    "find_numbers",
    "number_in_quote",
    "parse_amount",
    "parse_number",
    "to_wan",
    "wan_readings",
]

# A number as written: optional sign, digits with optional thousands separators, decimals.
NUMBER_RE = re.compile(r"(?<![\d.])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])")

MONEY_UNITS: tuple[str, ...] = tuple(WAN_SHIFT)
UNIT_LINE = re.compile(rf"单位\s*[:：]\s*({MONEY_UNIT_RE})")
"""A table's unit line (``单位：元``, ``金额单位：万元``)."""
HEADER_UNIT = re.compile(rf"[(（]\s*({MONEY_UNIT_RE})\s*[)）]")
"""A unit in a column header (``预算数(万元)``)."""


class WrittenNumber(NamedTuple):
    """A number found in text, with its span and the way it was written."""

    text: str
    start: int
    end: int
    value: Decimal
    decimals: int


def decimals_of(text: str) -> int:
    """Number of decimals as written: ``'311.20'`` → 2, ``'86'`` → 0."""
    s = text.strip()
    return len(s.split(".", 1)[1]) if "." in s else 0


def parse_number(text: str) -> Decimal:
    """``'1,234.50'`` → ``Decimal('1234.50')``; raises ``ValueError`` when not a number."""
    s = text.strip().replace(",", "").replace("，", "")
    if s.startswith("+"):
        s = s[1:]
    try:
        return Decimal(s)
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {text!r}") from exc


def to_wan(value: Decimal, unit: str, decimals: int) -> tuple[Decimal, int]:
    """Convert an amount in ``unit`` (元, 万元, 亿元, 万, 亿) to 万元, keeping written precision;
    anything else is returned as it is."""
    shift = WAN_SHIFT.get(money_unit(unit) or "万元", 0)
    if not shift:
        return value, decimals
    new_decimals = max(0, decimals + shift)
    return value.scaleb(-shift).quantize(Decimal(1).scaleb(-new_decimals)), new_decimals


def find_numbers(text: str, offset: int = 0) -> list[WrittenNumber]:
    """Every number written in ``text``; spans shifted by ``offset``."""
    out = []
    for m in NUMBER_RE.finditer(text):
        raw = m.group()
        out.append(
            WrittenNumber(
                text=raw,
                start=m.start() + offset,
                end=m.end() + offset,
                value=parse_number(raw),
                decimals=decimals_of(raw),
            )
        )
    return out


_SHIFTS = tuple(shift for shift in dict.fromkeys(WAN_SHIFT.values()) if shift)
"""The decimal shifts of the money units other than 万元 (元, 亿元)."""


def wan_readings(written: Decimal) -> tuple[Decimal, ...]:
    """What a number written in some money unit stands for in 万元: as written (万元), read
    as 元, read as 亿元 — how a value in 万元 is recognised in a quote that wrote another unit."""
    return (written, *(written.scaleb(-shift) for shift in _SHIFTS))


_DIGIT_GAP = re.compile(r"(?<=[\d.,]) +(?=[\d.,])")
"""Spaces inside a number, as PDF text layers write them ("3 58.52")."""


def close_digit_gaps(text: str) -> tuple[str, list[int]]:
    """``text`` without the spaces inside numbers, and per kept character its index in ``text``."""
    idx: list[int] = []
    last = 0
    for m in _DIGIT_GAP.finditer(text):
        idx.extend(range(last, m.start()))
        last = m.end()
    idx.extend(range(last, len(text)))
    return _DIGIT_GAP.sub("", text), idx


ZERO_WORDS = re.compile(r"持平|无|没有|未发生")
"""Words that state a zero ("与上年持平": change 0)."""


def number_in_quote(value: Decimal, quote: str, *, allow_sign_flip: bool = True) -> bool:
    """True when ``value`` is written in ``quote`` (possibly in 元 or 亿元, or unsigned, or
    with spaces inside the number), or is zero stated in words ("与上年持平")."""
    if value == 0 and ZERO_WORDS.search(quote):
        return True
    targets = (value, -value) if allow_sign_flip else (value,)
    return _written_in(targets, quote)


def _written_in(targets: tuple[Decimal, ...], quote: str) -> bool:
    written = [parse_number(m.group()) for m in NUMBER_RE.finditer(quote)]
    if any(n in targets for n in written):  # as written, in 万元: most quotes
        return True
    # read in 元 or 亿元 (:func:`wan_readings`, turned round: n.scaleb(-shift) == value exactly
    # when n == value.scaleb(shift), so the value is scaled once rather than every number)
    if written:
        scaled = {t.scaleb(shift) for t in targets for shift in _SHIFTS}
        if any(n in scaled for n in written):
            return True
    closed = _DIGIT_GAP.sub("", quote)
    return closed != quote and _written_in(targets, closed)


# --------------------------------------------------------------------------- amounts as answered

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_UNIT = "|".join((MONEY_UNIT_RE, *UNIT_ALIASES, "%"))
_AMOUNT = re.compile(rf"(?P<sign>[-+])?(?:\((?P<pnum>{_NUM})(?P<punit>{_UNIT})?\)|(?P<num>{_NUM}))(?P<unit>{_UNIT})?")


@dataclass(frozen=True, slots=True)
class Amount:
    """A number as an answer writes it: ``"358.52万元"``, ``"(0.40)"``, ``"３５８．５２"``."""

    text: str
    """The number without unit or parentheses, signed: ``"-0.40"``, ``"1,234.50"``."""
    value: Decimal
    decimals: int
    unit: str | None
    """元, 万元, 亿元 or % when the answer wrote one."""


def parse_amount(raw: str) -> Amount:
    """Read an answered amount by code: full-width forms, spaces, a trailing unit, thousands
    separators, and accounting parentheses for a negative (``"(0.40)"`` → ``-0.40``).
    Raises ``ValueError`` when what remains is not one number."""
    s = "".join(unicodedata.normalize("NFKC", raw).replace("−", "-").replace("，", ",").split())
    m = _AMOUNT.fullmatch(s)
    if m is None or (m.group("punit") and m.group("unit")):
        raise ValueError(f"not a number: {raw!r}")
    num = m.group("pnum") or m.group("num")
    negative = m.group("pnum") is not None or m.group("sign") == "-"
    text = f"-{num}" if negative else num
    unit = m.group("punit") or m.group("unit")
    return Amount(
        text=text,
        value=parse_number(text),
        decimals=decimals_of(num),
        unit=UNIT_ALIASES.get(unit, unit) if unit else None,
    )
