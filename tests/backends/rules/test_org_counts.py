"""Counts of a department's units written number first."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.rules.org_counts import scan_counts
from tests.backends.rules.conftest import doc


def counts(text: str) -> list[tuple[str, Decimal, str]]:
    d = doc(text)
    out = []
    for f in scan_counts(d):
        assert d.text[f.evidence.start : f.evidence.end] == f.evidence.quote
        assert (f.measure, f.period, f.scope) == ("actual", "current", "all")
        out.append((f.concept, f.value, f.evidence.quote))
    return out


def test_internal_and_subordinate_units_counted_before_their_noun() -> None:
    assert counts("从预算单位构成看，某局包括 6 个机关行政处(科、股)室及 3 个下属单位，其中：") == [
        ("org.internal_units", Decimal(6), "6 个机关行政处(科、股)室"),
        ("org.subordinate_units", Decimal(3), "3 个下属单位"),
    ]
    assert counts("本部门共设置 17 个内设机构和机关党委。") == [("org.internal_units", Decimal(17), "17 个内设机构")]
    assert counts("某委内设 9 个处(室)和两个办公室。") == [("org.internal_units", Decimal(9), "9 个处(室)")]
    assert counts("单位范围包括部门本级及所属0 个预算单位。") == [("org.subordinate_units", Decimal(0), "0 个预算单位")]
    assert counts("本单位内设5个科室，下属2个二级预算单位。") == [
        ("org.internal_units", Decimal(5), "5个科室"),
        ("org.subordinate_units", Decimal(2), "2个二级预算单位"),
    ]
    assert counts("本局下设 3 个事业单位。") == [("org.subordinate_units", Decimal(3), "3 个事业单位")]


def test_a_change_in_units_and_a_count_in_words_are_no_count() -> None:
    assert counts("较上年增加 86.00 万元，原因是新增 2 个下属单位经费。") == []
    assert counts("某局内设五个机构，分别是：办公室、综合科。") == [], "grounding checks a count by its digits"
    assert counts("所属各预算单位共有车辆 12 辆。") == []
