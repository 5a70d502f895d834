"""Ruled lines of a scan whose table border is cut or faded: the missing side is drawn in
once, along the row rules' ends, even where a deskewed cut edge makes those ends drift."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")
cv2 = pytest.importorskip("cv2")

from extractor.ingest.ocr import raster  # noqa: E402
from extractor.layout import ruled_tables  # noqa: E402

DPI = 200
SCALE = DPI / 72


def _grid(left_ends: list[int], top: int = 100, pitch: int = 50, columns: tuple[int, ...] = (300, 700)) -> np.ndarray:
    """A ruled grid without a left side: one row rule per entry of ``left_ends`` (where it
    starts), column rules inside and a right side, as a scan whose left border was cut."""
    img = np.full((1600, 1400), 255, np.uint8)
    bottom = top + pitch * (len(left_ends) - 1)
    for k, x in enumerate(left_ends):
        cv2.line(img, (x, top + k * pitch), (1300, top + k * pitch), 0, 2)
    for x in (*columns, 1300):
        cv2.line(img, (x, top), (x, bottom), 0, 2)
    return img


def _points(rules: list[tuple[int, int, int, int]]) -> list[tuple[float, ...]]:
    return [tuple(v / SCALE for v in r) for r in rules]


def _columns(rules: list[tuple[int, int, int, int]]) -> list[int]:
    """How many columns each ruled table of the ruling has (distinct cell lefts)."""
    return [len({round(c[0], 1) for c in cells}) for cells in ruled_tables(_points(rules))]


def _split(
    rules: list[tuple[int, int, int, int]],
) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int, int, int]]]:
    horizontal = [r for r in rules if r[2] - r[0] > r[3] - r[1]]
    vertical = [r for r in rules if r[3] - r[1] > r[2] - r[0]]
    return horizontal, vertical


def test_a_straight_cut_side_is_drawn_in() -> None:
    rules = raster.ruling(raster.binarise(_grid([60] * 8)), DPI)
    vertical = _split(rules)[1]
    sides = [v for v in vertical if v[2] < 300]
    assert len(sides) == 1 and sides[0][1] <= 101 and sides[0][3] >= 449
    assert _columns(rules) == [3]


def test_a_slanted_cut_gives_one_side_and_the_short_rules_meet_it() -> None:
    # a page turned 1.1 degrees and deskewed: the cut edge drifts 1 px a row, 11 px in all,
    # more than the 2 pt within which ends are taken to be one edge
    ends = [60 + k for k in range(12)]
    rules = raster.ruling(raster.binarise(_grid(ends)), DPI)
    horizontal, vertical = _split(rules)
    sides = [v for v in vertical if v[2] < 300]
    assert len(sides) == 1
    assert all(abs(h[0] - (sides[0][0] + sides[0][2]) / 2) <= 2 for h in horizontal)
    assert _columns(rules) == [3]  # code, name, amount: no sliver column per stretch of the cut


def test_rules_far_apart_are_not_one_side_and_a_row_ruled_table_gets_none() -> None:
    # two grids an inch and more apart: each gets its own side, none spans the gap
    img = _grid([60] * 4)
    img[400:, :] = _grid([90] * 4, top=500)[400:, :]
    rules = raster.ruling(raster.binarise(img), DPI)
    sides = [v for v in _split(rules)[1] if v[2] < 300]
    assert len(sides) == 2 and all(v[3] - v[1] < 160 for v in sides)
    # rows ruled, no column rules: a table ruled by rows only is left as it is
    rows_only = _grid([60] * 6, columns=())
    rows_only[:, 1290:1310] = 255
    assert not _split(raster.ruling(raster.binarise(rows_only), DPI))[1]
