"""Numbers as written, and the one unit table every conversion goes through."""

from __future__ import annotations

from decimal import Decimal
from typing import get_args

import pytest

from extractor.concepts import MONEY_UNIT_RE, WAN_SHIFT, MoneyUnit, money_unit
from extractor.numbers import number_in_quote, to_wan, wan_readings


def test_the_unit_table_names_every_money_unit_once() -> None:
    assert tuple(WAN_SHIFT) == get_args(MoneyUnit)
    assert sorted(MONEY_UNIT_RE.split("|")) == sorted(WAN_SHIFT)


@pytest.mark.parametrize(
    ("written", "unit"),
    [
        ("元", "元"),
        ("万元", "万元"),
        ("亿元", "亿元"),
        ("万", "万元"),
        ("亿", "亿元"),
        ("%", None),
        ("人", None),
        ("", None),
        (None, None),
    ],
)
def test_money_unit(written: str | None, unit: str | None) -> None:
    assert money_unit(written) == unit


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "wan", "wan_decimals"),
    [
        ("12345.60", "元", 2, "1.234560", 6),  # 元 → 万元 keeps the precision it was written with
        ("86", "元", 0, "0.0086", 4),
        ("358.52", "万元", 2, "358.52", 2),
        ("358.52", "万", 2, "358.52", 2),
        ("1.5", "亿元", 1, "15000", 0),
        ("1.25", "亿", 2, "12500", 0),
        ("95", "%", 0, "95", 0),  # not money: as it is
    ],
)
def test_to_wan(value: str, unit: str, decimals: int, wan: str, wan_decimals: int) -> None:
    got, got_decimals = to_wan(Decimal(value), unit, decimals)
    assert (str(got), got_decimals) == (wan, wan_decimals)


def test_a_value_in_wan_is_recognised_in_any_money_unit() -> None:
    assert wan_readings(Decimal("12.5")) == (Decimal("12.5"), Decimal("0.00125"), Decimal("125000"))
    assert number_in_quote(Decimal("1.2345"), "支出12,345元")
    assert number_in_quote(Decimal("15000"), "总额1.5亿元")
    assert number_in_quote(Decimal("-3.2"), "减少3.2万元")
    assert not number_in_quote(Decimal("-3.2"), "减少3.2万元", allow_sign_flip=False)
    assert not number_in_quote(Decimal("1.2346"), "支出12,345元")
