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


def test_a_rubric_reads_its_weights_and_scores_past_its_text_columns() -> None:
    rows = [
        ("一级指标", "二级指标", "三级指标", "指标分值", "指标解释", "评分标准", "自评得分"),
        ("投入", "预算编制", "预算编制科学性", "10", "预算编制是否规范，说明编制依据", "规范得满分", "9"),
        ("产出", "产出数量", "项目完成率", "20", "完成项目的比例", "完成率100%得满分，每低1%扣1分", "18.5"),
        ("合计", "", "", "30", "", "", "27.5"),
    ]
    got = [
        (i.level1, i.level2, i.name, i.weight, i.score, i.note)
        for i in read_tables(doc("\n".join("\t".join(r) for r in rows))).indicators
    ]
    assert got == [
        ("投入", "预算编制", "预算编制科学性", Decimal("10"), Decimal("9"), None),
        ("产出", "产出数量", "项目完成率", Decimal("20"), Decimal("18.5"), None),
    ]
