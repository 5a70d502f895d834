"""The budget block of a 部门整体支出绩效目标表: the department's totals restated (a form written for the test)."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.rules.whole_form import read_whole_forms
from extractor.document import TextBuilder


def _form(title: str) -> TextBuilder:
    b = TextBuilder()
    b.start_page(1)
    b.paragraph(title)
    grid = [
        [("部门名称", 1), ("某某局", 1), ("部门预算编码", 1), ("101", 2), ("", 1)],
        [("年度预算安排（万元）", 1), ("资金总额", 1), ("120.50", 3), ("", 1), ("", 1)],
        [("", 1), ("项目支出", 1), ("40.50", 3), ("", 1), ("", 1)],
        [("", 1), ("基本支出", 1), ("80.00", 3), ("", 1), ("", 1)],
        [("", 1), ("其他资金", 1), ("0.00", 3), ("", 1), ("", 1)],
        [("总体目标", 1), ("保障运行。", 4), ("", 1), ("", 1), ("", 1)],
    ]
    b.table([[t for t, _ in r] for r in grid], spans=[[(s, 1) for _, s in r] for r in grid])
    return b


def test_the_budget_block_gives_the_departments_totals() -> None:
    got = {
        (f.concept, f.measure, f.scope): f.value for f in read_whole_forms(_form("部门整体支出绩效目标表").build("t"))
    }
    assert got == {
        ("expenditure.total", "budget", "all"): Decimal("120.50"),
        ("expenditure.project", "budget", "all"): Decimal("40.50"),
        ("expenditure.basic", "budget", "all"): Decimal("80.00"),
    }


def test_a_projects_form_is_not_the_departments() -> None:
    assert read_whole_forms(_form("某某项目绩效目标表").build("t")) == []
