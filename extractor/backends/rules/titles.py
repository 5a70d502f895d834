"""The title and unit a table is printed under, and the scope its title names.

The lines right above a table's header hold its title (…情况表, 预算表, 公开表3, 表4：…总表) and its
unit line (单位：万元). A title may run on with the labelled lines beside it (部门名称：X 单位：万元)
on one text line: they are no part of it. The title names the money a table covers: 一般公共预算
→ ``general_public_budget``, 政府性基金, 国有资本经营, 财政拨款 → ``fiscal``, else ``all``.
"""

from __future__ import annotations

import re

from extractor.concepts import Scope
from extractor.document import Document
from extractor.numbers import UNIT_LINE

__all__ = ["context", "scope_of"]

_TITLE = re.compile(r"表\s*$|表[(（][^)）]{0,16}[)）]\s*$|^\s*(?:公开)?\d{1,2}\s*表|情况表|明细表|预算表|决算表")
_LOOKBACK = 12
"""Lines above a header searched for the table's title and unit."""
_LABELLED_TAIL = re.compile(r"\s*(?:部门|单位|预算单位|编制单位)(?:名称)?\s*[:：].*$")
"""A labelled line (部门名称：X, 单位：万元) run onto the title's line: not part of the title."""

_SCOPES: tuple[tuple[re.Pattern[str], Scope], ...] = (
    (re.compile(r"一般公共预算"), "general_public_budget"),
    (re.compile(r"政府性基金"), "government_fund"),
    (re.compile(r"国有资本经营"), "state_capital"),
    (re.compile(r"财政拨款"), "fiscal"),
)


def scope_of(title: str) -> Scope:
    for pattern, scope in _SCOPES:
        if pattern.search(title):
            return scope
    return "all"


def context(doc: Document, start: int) -> tuple[str, str]:
    """(title, unit) from the lines above a table."""
    lines = doc.text[max(0, start - 1200) : start].split("\n")[-_LOOKBACK:]
    title, unit = "", "万元"
    for line in reversed(lines):
        s = line.strip()
        m = UNIT_LINE.search(s)
        if m and unit == "万元":
            unit = m.group(1)
        s = _LABELLED_TAIL.sub("", s)
        if not title and s and _TITLE.search(s) and len(s) <= 60:
            title = s
    return title, unit
