"""Indicator rows from one cell per line, on tables written for the test."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.rules.tables import read_tables
from tests.backends.rules.conftest import doc


def test_unmarked_cells_are_cut_into_rows_as_wide_as_the_header_a_merged_level_missing() -> None:
    cells = [
        *("一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分"),
        *("产出指标", "数量指标", "培训人次", "10", "≥100人次", "120人次", "9"),
        *("质量指标", "培训合格率", "5", "≥90%", "95%", "5"),  # 产出指标 merged down: not repeated
        *("效益指标", "社会效益", "群众满意度", "10", "≥90%", "92%", "10"),
        *("合计", "25", "24"),
    ]
    got = [
        (i.level1, i.level2, i.name, i.weight, i.target, i.actual, i.score)
        for i in read_tables(doc("\n".join(cells))).indicators
    ]
    assert got == [
        ("产出指标", "数量指标", "培训人次", Decimal("10"), "≥100人次", "120人次", Decimal("9")),
        ("产出指标", "质量指标", "培训合格率", Decimal("5"), "≥90%", "95%", Decimal("5")),
        ("效益指标", "社会效益", "群众满意度", Decimal("10"), "≥90%", "92%", Decimal("10")),
    ]
