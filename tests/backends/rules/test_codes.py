"""Classification codes at the head of a table row, whole, with the name, or split over columns."""

from __future__ import annotations

import pytest

from extractor.backends.rules.codes import row_code, valid_code
from extractor.backends.rules.grids import CellSpan


def cells(*texts: str, first_col: int = -1) -> tuple[CellSpan, ...]:
    return tuple(CellSpan(t, 0, len(t), col=first_col + i if first_col >= 0 else -1) for i, t in enumerate(texts))


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("2010101", "行政运行", "12.00"), ("2010101", 1)),
        (("[30215]会议费", "3.00"), ("30215", 0)),
        (("30215 会议费", "3.00"), ("30215", 0)),
        (("201", "01", "01", "行政运行", "12.00"), ("2010101", 3)),
        (("208", "", "社会保障和就业支出", "9.00"), ("208", 2)),
        (("合计", "12.00"), None),
        (("12.00",), None),
    ],
)
def test_the_code_and_where_the_name_is(texts: tuple[str, ...], expected: tuple[str, int] | None) -> None:
    assert row_code(cells(*texts)) == expected


def test_a_split_code_under_a_merged_class_cell_takes_the_levels_above() -> None:
    above: dict[int, str] = {}
    assert row_code(cells("201", "人大事务支出", first_col=0), above) == ("201", 1)
    assert row_code(cells("01", "人大事务", first_col=1), above) == ("20101", 1)
    assert row_code(cells("02", "政协事务", first_col=1), above) == ("20102", 1)
    assert row_code(cells("205", "教育支出", first_col=0), above) == ("205", 1)
    assert row_code(cells("02", "普通教育", first_col=1), above) == ("20502", 1)


@pytest.mark.parametrize(("code", "ok"), [("201", True), ("20101", True), ("2010101", True), ("2010", False)])
def test_only_whole_levels_are_codes(code: str, ok: bool) -> None:
    assert (valid_code(code) == code) is ok
