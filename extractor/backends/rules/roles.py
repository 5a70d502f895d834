"""Column roles: what a header cell says its column holds, by meaning, not position."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from extractor.backends.rules.firstchars import gated

__all__ = ["PRIOR", "VALUE_ROLES", "base_role", "dated", "role_of"]

_YEAR = re.compile(r"^\s*(20\d{2})\s*年")

ROLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(p))
    for role, p in (
        ("level1", r"^一级(?:指标)?$"),
        ("level2", r"^二级(?:指标)?$"),
        ("name", r"^(?:三级(?:指标)?|绩效指标|指标名称|具体指标)$"),
        ("weight", r"^(?:权重|分值|指标分值|权重分?|标准分值?|满分)(?:\(分\))?$"),
        ("target", r"^(?:年度|年初|全年|预期)?(?:指标值|目标值|计划值|绩效目标值?)(?:\([A-Za-z]\))?$"),
        ("actual", r"^(?:全年|年度|实际)?(?:实际)?(?:完成值|完成数|业绩值|实际值|完成情况值)(?:\([A-Za-z]\))?$"),
        ("score", r"^(?:自评)?(?:得分|评分|分数)$"),
        ("note", r"^(?:偏差(?:及|大或目标未完成)?原因(?:分析)?|原因分析|未完成原因|备注|偏差原因分析及改进措施)$"),
        # a rubric's text columns: what the indicator means and how it is scored, no figure
        (
            "rubric",
            r"^(?:指标(?:解释|说明|内涵)|评分(?:标准|细则|办法|方法|依据)|计分方法|(?:考核|评价)(?:标准|要点))$",
        ),
        ("item", r"^(?:项目名称|项目|职能名称|政策或重点任务|支出项目|科目名称|功能分类科目名称|资金来源|资金结构)$"),
        (
            "budget",
            r"^(?:\d{4}\s*年度?)?(?:全年|年初|调整后?)?预算(?:数|金额|安排数)?(?:\(万元\)|\(元\)|\([A-Za-z]\))?$",
        ),
        (
            "money_actual",
            r"^(?:\d{4}\s*年度?)?(?:全年|年度)?(?:执行数|决算数|实际支出数?|支出数|执行金额)(?:\(万元\)|\(元\)|\([A-Za-z]\))?$",
        ),
        ("rate", r"^(?:预算)?(?:执行率|完成率)(?:\([A-Za-z/]+\))?(?:\(%\))?$"),
        ("fiscal", r"^(?:其中:?)?财政(?:拨款|资金)$"),
    )
)

VALUE_ROLES = frozenset({"budget", "money_actual", "rate"})
PRIOR = "~prior"
"""Suffix of a value role whose column is dated before the header's newest year (2021年决算数 beside 2022年决算数)."""


def base_role(role: str | None) -> str | None:
    """A role without its period suffix."""
    return role.removesuffix(PRIOR) if role else role


def dated(roles: Sequence[str | None], texts: Sequence[str]) -> tuple[str | None, ...]:
    """``roles`` of header cells ``texts`` with the budget and actual columns that name a year
    before the newest year of the header marked prior (``budget~prior``)."""
    years = [int(m.group(1)) if (m := _YEAR.match(t)) else None for t in texts]
    newest = max((y for y in years if y is not None), default=0)
    return tuple(
        f"{r}{PRIOR}" if r in ("budget", "money_actual") and y is not None and y < newest else r
        for r, y in zip(roles, years, strict=True)
    )


_ANY_ROLE = re.compile(
    "|".join(f"(?P<r{i}>{pattern.pattern.removesuffix('$')})$" for i, (_, pattern) in enumerate(ROLES))
)
"""Every role's pattern in one, tried in the table's order (the first that matches the whole text
wins, as trying them one by one would): one pass where a body cell failed each of them in turn."""
_SPACE = gated(r"\s+")


@lru_cache(maxsize=4096)
def role_of(text: str) -> str | None:
    """The column role a header cell's text names (cached: a table's readers ask of each cell, several times)."""
    m = _ANY_ROLE.match(_SPACE.sub("", text))
    return ROLES[int(m.lastgroup[1:])][0] if m is not None and m.lastgroup else None
