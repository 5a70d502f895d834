"""Project tables (项目支出表) read from a grid with merged header cells."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.rules.project_tables import read_project_tables
from extractor.document import TextBuilder


def _doc(unit: str = "万元") -> TextBuilder:
    b = TextBuilder()
    b.start_page(1)
    b.paragraph("项目支出表")
    b.paragraph(f"单位：{unit}")
    grid = [
        [("单位名称", 1), ("项目名称", 1), ("合计", 1), ("财政拨款", 2), ("", 1), ("财政拨款结转", 1)],
        [("", 1), ("", 1), ("", 1), ("合计", 1), ("一般公共预算", 1), ("", 1)],
        [("**", 1), ("**", 1), ("1", 1), ("2", 1), ("3", 1), ("4", 1)],
        [("合计", 1), ("", 1), ("150.00", 1), ("120.00", 1), ("120.00", 1), ("0.00", 1)],
        [("某某局", 1), ("", 1), ("150.00", 1), ("120.00", 1), ("120.00", 1), ("0.00", 1)],
        [("某某局", 1), ("信息化建设与运维", 1), ("100.00", 1), ("80.00", 1), ("80.00", 1), ("0.00", 1)],
        [("某某局", 1), ("业务培训经费", 1), ("50.00", 1), ("40.00", 1), ("40.00", 1), ("0.00", 1)],
    ]
    b.table([[t for t, _ in r] for r in grid], spans=[[(s, 1) for _, s in r] for r in grid])
    return b


def test_each_row_is_a_project_with_its_total_and_fiscal_part() -> None:
    got = {(p.name, p.is_total): (p.budget, p.fiscal_budget) for p in read_project_tables(_doc().build("t"), "budget")}
    assert got == {
        ("合计", True): (Decimal("150.00"), Decimal("120.00")),
        ("信息化建设与运维", False): (Decimal("100.00"), Decimal("80.00")),
        ("业务培训经费", False): (Decimal("50.00"), Decimal("40.00")),
    }, "the column numbers row and the unit's subtotal row are no projects"


def test_amounts_in_yuan_are_converted() -> None:
    got = {p.name: p.budget for p in read_project_tables(_doc("元").build("t"), "budget")}
    assert got["业务培训经费"] == Decimal("0.005")
