"""What a clause passes on: a listed comparison, one fund's part."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.rules.clauses import list_comparison, without_fund_parts
from extractor.backends.rules.patterns import Comparison
from extractor.result import Fact


def test_a_comparison_that_opens_a_list_goes_to_its_items_only() -> None:
    given, carried = list_comparison("2030年收支预算9万元，比上年减少1万元，其中：", None)
    assert given is None and carried == Comparison(named=True, vs_budget=False)
    given, carried = list_comparison("1.收入预算减少1万元。", carried)
    assert given == Comparison(named=True, vs_budget=False) and carried == given
    assert list_comparison("某项工作增加3万元。", carried) == (None, None)


def test_an_unscoped_figure_in_a_funds_part_is_left_out() -> None:
    fact = Fact(
        concept="procurement.goods",
        measure="budget",
        value=Decimal(2),
        unit="万元",
        evidence={"quote": "2", "start": 8, "end": 9},
        backend="rules",
    )
    assert without_fund_parts([fact], "其中一般公共预算拨款政府采购1万元：政府采购货物预算2万元") == []
    assert without_fund_parts([fact], "政府采购货物预算2万元") == [fact]
