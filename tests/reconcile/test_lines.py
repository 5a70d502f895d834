"""A ledger's total line: a source printed under 本年收入合计 is none of its parts."""

from __future__ import annotations

from extractor.reconcile import reconcile
from extractor.result import Fact, Result
from tests.reconcile.build import Doc


def _ledger(superior_top: float, *, page: int = 1) -> Result:
    """A 收支总表's income column: 财政拨款收入 and 其他收入 above the 本年收入合计 line, 上级补助收入
    at ``superior_top`` (below the line at 300, above it at 120), on ``page``."""
    doc = Doc()
    rows = [
        ("income.total", "fiscal", "900.00", 100.0, 1),
        ("income.other", "all", "20.00", 140.0, 1),
        ("income.total", "all", "920.00", 300.0, 1),
        ("income.superior_subsidy", "all", "50.00", superior_top, page),
    ]
    for concept, scope, value, top, on in rows:
        doc.fact(concept, value, "budget", scope=scope, table=True)
        f = doc.facts[-1]
        ev = f.evidence.model_copy(update={"page": on, "bbox": (250.0, top, 295.0, top + 9)})
        doc.facts[-1] = Fact.model_validate({**f.model_dump(), "evidence": ev.model_dump()})
    return doc.result()


def _sources(r: Result) -> list[str]:
    return [f.severity for f in r.findings if f.rule == "income.total=sources"]


def test_a_source_under_the_total_line_is_no_part_of_it() -> None:
    assert _sources(reconcile(_ledger(320.0))) == []


def test_a_source_above_the_line_or_elsewhere_is_a_part() -> None:
    assert _sources(reconcile(_ledger(120.0))) == ["material"], "above the line: 900 + 20 + 50 is not 920"
    assert _sources(reconcile(_ledger(320.0, page=2))) == ["material"], "another page draws no line under this total"
