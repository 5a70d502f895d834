"""Two-sided ledgers (收入 | 支出) read band by band from a grid with merged cells."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.rules.bands import read_bands
from extractor.document import TextBuilder


def _ledger(title: str) -> TextBuilder:
    b = TextBuilder()
    b.start_page(1)
    grid = [
        [(title, 6)] + [("", 1)] * 5,
        [("单位:万元", 6)] + [("", 1)] * 5,
        [("收 入", 3), ("", 1), ("", 1), ("支 出", 3), ("", 1), ("", 1)],
        [("项 目", 1), ("本年预算", 1), ("上年结转", 1), ("项 目", 1), ("本年预算", 1), ("上年结转", 1)],
        [("一、财政拨款收入", 1), ("100.00", 1), ("0.00", 1), ("一、一般公共服务支出", 1), ("80.00", 1), ("0.00", 1)],
        [("一般公共预算拨款收入", 1), ("100.00", 1), ("0.00", 1), ("二、住房保障支出", 1), ("20.00", 1), ("0.00", 1)],
        [("收 入 总 计", 1), ("100.00", 1), ("0.00", 1), ("支 出 总 计", 1), ("100.00", 1), ("0.00", 1)],
    ]
    b.table([[t for t, _ in r] for r in grid], spans=[[(s, 1) for _, s in r] for r in grid])
    return b


def test_each_band_reads_its_rows_with_the_table_scope_unless_the_row_names_one() -> None:
    facts = read_bands(_ledger("财政拨款收支总表").build("t"), "budget")
    got = {(f.concept, f.scope, f.label): f.value for f in facts}
    assert got[("expenditure.function", "fiscal", "一般公共服务支出")] == Decimal("80.00")
    assert got[("expenditure.function", "fiscal", "住房保障支出")] == Decimal("20.00")
    assert got[("income.total", "fiscal", None)] == Decimal("100.00")
    assert got[("income.total", "general_public_budget", None)] == Decimal("100.00")
    assert all(f.measure == "budget" for f in facts)
    assert not any(f.value == Decimal("0.00") for f in facts), "carried-over columns are not the total"
    assert len(facts) == 4, "总计 includes carry-over: no figure"


def test_a_table_of_all_money_keeps_scope_all_for_what_names_none() -> None:
    got = {(f.concept, f.scope, f.label) for f in read_bands(_ledger("收支总表").build("t"), "budget")}
    assert ("expenditure.function", "all", "一般公共服务支出") in got
