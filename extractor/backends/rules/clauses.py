"""What a clause passes on to the lines and figures it governs, in a budget's prose.

* A clause that states a comparison and opens a numbered list (``比上年减少X万元，其中：`` /
  ``1.收入预算减少Y万元`` / ``2.支出预算减少…``) is the comparison of each item: an item's bare
  增加/减少 is its change, until a line that is no list item.
* A 其中 clause about one fund (``其中一般公共预算拨款政府采购X万元：货物…``) states that fund's
  part; concepts with no scope (procurement) would read it as the department's figure, so
  their figures there are left out.
* A term in a parenthesis right after a name that is no term (``行政运行（行政及参公单位基本支出）
  2678.58万元``) glosses that name: the figure is the name's, not the term's.
* A clause dating a count before the report's year (``截至2029年底，单位共有车辆3辆``) makes what
  the department holds (vehicles, assets) the prior year's; staff are the establishment.
"""

from __future__ import annotations

import re
from typing import Literal

from extractor.backends.rules.patterns import AS_OF, Comparison
from extractor.result import Fact

__all__ = ["counted_before", "gloss_of", "list_comparison", "without_fund_parts"]

_LEADS_A_LIST = re.compile(r"其中[:：]\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}\s*[.、．](?!\d)|[(（]\s*\d{1,2}\s*[)）])")
_FUND_PART = re.compile(r"\s*其中[:：，,]?\s*(?:一般公共预算|政府性基金|国有资本经营|财政拨款)")
_UNSCOPED_PARTS = ("procurement.",)
_GLOSS_OPEN = re.compile(r"[\u4e00-\u9fff]\s*\(([^()\d]*)$")
_AFTER_FIGURE = re.compile(r"\d\s*[\u4e00-\u9fff%]{0,3}\s*$")  # "100万元（其中：基本支出…）" breaks a figure down
_HELD = ("vehicles.", "assets.")  # what a department holds (its 国有资产占用情况), counted at a date


def list_comparison(line: str, carried: Comparison | None) -> tuple[Comparison | None, Comparison | None]:
    """(the comparison ``line`` inherits, the one the next line may inherit)."""
    given = carried if carried is not None and _LIST_ITEM.match(line) else None
    if _LEADS_A_LIST.search(line) and (stated := Comparison.of(line)).named:
        return given, stated
    return given, given


def without_fund_parts(facts: list[Fact], sentence: str) -> list[Fact]:
    """``facts`` of ``sentence`` without the unscoped figures of one fund's part."""
    if not _FUND_PART.match(sentence):
        return facts
    return [f for f in facts if not f.concept.startswith(_UNSCOPED_PARTS)]


def counted_before(facts: list[Fact], sentence: str, year: int | None) -> list[Fact]:
    """``facts`` of ``sentence``, what is held made the prior year's when the count is dated before ``year``."""
    as_of = AS_OF.search(sentence)
    if not as_of or year is None or int(as_of.group("year")) >= year:
        return facts
    return [
        f.model_copy(update={"period": "prior"})
        if f.concept.startswith(_HELD) and f.measure == "actual" and f.period == "current"
        else f
        for f in facts
    ]


def gloss_of(text: str, start: int, term_start: int, subject_end: int | None) -> Literal["subject", "name"] | None:
    """What the term at ``term_start`` glosses when it sits in an open parenthesis: ``"subject"``
    when the bracket opens right after the subject (人员经费（含离退休费）), ``"name"`` when it opens
    right after a name no term read (Chinese text, not a figure's unit), else ``None``."""
    if subject_end is not None:
        between = text[subject_end:term_start]
        if between.lstrip().startswith("(") and ")" not in between:
            return "subject"
    m = _GLOSS_OPEN.search(text, start, term_start)
    if m is None or _AFTER_FIGURE.search(text, start, m.start() + 1):
        return None
    return "name"
