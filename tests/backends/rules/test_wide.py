"""Tables whose columns name a concept family's parts, read through their header paths."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.rules.grids import CellSpan, Row
from extractor.backends.rules.wide import read_named_columns, wide_header
from extractor.document import Document, TextBuilder


def _doc(title: str, unit: str, grid: list[list[tuple[str, int]]]) -> Document:
    b = TextBuilder()
    b.start_page(1)
    b.paragraph(title)
    b.paragraph(unit)
    rows = [[text for text, _ in row] for row in grid]
    b.table(rows, spans=[[(span, 1) for _, span in row] for row in grid])
    return b.build("t")


def _pad(row: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A merged cell is followed by the empty cells it covers."""
    return [cell for text, span in row for cell in [(text, span), *[("", 1)] * (span - 1)]]


def test_year_bands_give_the_prior_and_current_figures_of_each_part_in_wan() -> None:
    grid = [
        _pad([("2030年预算数", 5), ("2031年预算数", 5)]),
        _pad([("合计", 1), ("因公出国(境)费", 1), ("公务用车购置及运行费", 2), ("公务接待费", 1)] * 2),
        _pad([("", 1), ("", 1), ("小计", 1), ("公务用车运行费", 1), ("", 1)] * 2),
        [(v, 1) for v in ("120000", "20000", "80000", "80000", "20000", "110000", "20000", "70000", "70000", "20000")],
    ]
    facts = read_named_columns(_doc("2031年财政拨款“三公”经费支出情况表", "单位：元", grid), "budget", 2031)
    got = {(f.concept, f.period, f.measure): f.value for f in facts}
    assert got == {
        ("three_public.total", "prior", "budget"): Decimal("12.0000"),
        ("three_public.overseas", "prior", "budget"): Decimal("2.0000"),
        ("three_public.vehicles", "prior", "budget"): Decimal("8.0000"),
        ("three_public.vehicles_operation", "prior", "budget"): Decimal("8.0000"),
        ("three_public.reception", "prior", "budget"): Decimal("2.0000"),
        ("three_public.total", "current", "budget"): Decimal("11.0000"),
        ("three_public.overseas", "current", "budget"): Decimal("2.0000"),
        ("three_public.vehicles", "current", "budget"): Decimal("7.0000"),
        ("three_public.vehicles_operation", "current", "budget"): Decimal("7.0000"),
        ("three_public.reception", "current", "budget"): Decimal("2.0000"),
    }
    assert all(f.source_unit == "元" for f in facts)


def test_the_total_row_is_read_not_the_rows_of_budget_units_and_other_expenses_are_left_out() -> None:
    grid = [
        [("单位名称", 1), ("“三公”经费合计", 1), ("因公出国(境)费", 1), ("公务接待费", 1), ("会议费", 1)],
        [("合计", 1), ("9.00", 1), ("4.00", 1), ("5.00", 1), ("3.00", 1)],
        [("本级机关", 1), ("6.00", 1), ("2.00", 1), ("4.00", 1), ("3.00", 1)],
        [("所属中心", 1), ("3.00", 1), ("2.00", 1), ("1.00", 1), ("0.00", 1)],
    ]
    facts = read_named_columns(_doc("2031年“三公”经费、会议费支出表", "单位：万元", grid), "budget", 2031)
    got = {(f.concept, f.period): f.value for f in facts}
    assert got == {
        ("three_public.total", "current"): Decimal("9.00"),
        ("three_public.overseas", "current"): Decimal("4.00"),
        ("three_public.reception", "current"): Decimal("5.00"),
    }
    assert not read_named_columns(_doc("项目支出表", "单位：万元", grid[:1] + grid[2:]), "budget", 2031)


def test_a_marked_row_of_concept_names_is_a_header_and_one_with_a_figure_is_not() -> None:
    def row(*texts: str) -> Row:
        return Row(tuple(CellSpan(t, 0, len(t)) for t in texts), True)

    assert wide_header(row("科目名称", "本年支出合计", "基本支出", "项目支出")) is not None
    assert wide_header(row("基本支出", "本年支出合计", "1,200.50", "项目支出")) is None
    assert wide_header(row("科目名称", "科目编码", "基本支出")) is None  # one concept column: no wide table
