"""Column meaning from a table's header rows, read through their merged cells.

A real table's header is often two or three rows deep: ``2026年预算数`` spans ``总计 |
基本支出 | 项目支出``, ``基本支出`` spans ``小计 | 人员经费 | 公用经费``. Each grid column's
*path* is the header texts above it, top to bottom; the path says

* its **role**: the deepest part it names (基本支出 → ``basic``, 项目支出 → ``project``,
  人员经费 → ``personnel``, 公用经费 → ``public``), else ``total`` where it names a total
  (合计 / 小计 / 总计 / 金额 / 预算数 / 决算数 / 2026年预算数 …), else nothing;
* its **period**: ``prior`` for 上年预算数 / 上年执行数 … or a year below the newest year in
  the header; a column of carried-over money (上年结转结余) is money by source, no figure;
* its **measure**: 增减 → ``change`` (``change_pct`` with % / 率 / 幅度), 执行数 / 决算数 →
  ``actual``, 预算数 → ``budget``, else the report's measure.

Only grids whose header cells know their column (tables read from geometry or DOCX) are
read this way; text rows keep the positional reading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from extractor.backends.rules.grids import Row
from extractor.backends.rules.lexicon import find_terms
from extractor.backends.rules.scopes import scope_in

__all__ = [
    "ORDINAL_HEADER",
    "TOTAL_HEADER",
    "UNIT_CODE_HEADER",
    "Column",
    "Named",
    "bare",
    "columns",
    "named_columns",
    "paths",
    "without_ordinals",
]

ORDINAL_HEADER = re.compile(r"^(?:序号|行次)$")
"""The head of a column that numbers the rows: row furniture, never a figure or a name."""
UNIT_CODE_HEADER = re.compile(r"^(?:预算)?单位(?:编码|代码|编号)$")
"""The head of a column of budget units' codes (245001): a row under it is a unit, never a class."""


TOTAL_HEADER = re.compile(
    r"^(?:合计|小计|总计|金额|本年预算数?|预算数?|决算数?|本年支出合计|\d{4}\s*年(?:预算|决算)数?)$"
)
_PARTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^基本支出(?:合计)?$"), "basic"),
    (re.compile(r"^(?:项目|专项业务经费)支出(?:合计)?$"), "project"),  # 专项业务经费: a name of project spending
    (re.compile(r"^人员(?:经费|支出)(?:支出)?$"), "personnel"),
    (re.compile(r"^(?:日常)?公用(?:经费|支出)(?:支出)?$"), "public"),
)
_YEAR = re.compile(r"(20\d{2})\s*年")
_PRIOR = re.compile(r"上年(?:度)?(?:预算|执行|决算|支出|数)")
_CARRIED = re.compile(r"结转|结余")


@dataclass(frozen=True, slots=True)
class Column:
    role: str
    period: str
    measure: str


def _measure(path: Sequence[str], default: str) -> str:
    joined = "".join(path)
    if re.search(r"增减|增长|减少|变动|比上年", joined):
        return "change_pct" if re.search(r"%|率|幅度|百分比", joined) else "change"
    if re.search(r"执行数|决算数|执行$", joined):
        return "actual"
    if re.search(r"预算数|预算$", joined):
        return "budget"
    return default


def bare(text: str) -> str:
    """A cell's text without the spaces a layout puts inside it (``合 计`` is 合计)."""
    return re.sub(r"\s+", "", text)


def paths(header: Sequence[Row]) -> list[list[str]]:
    """Each grid column's header texts, top to bottom, a merged cell counted in every
    column it spans (``其中：`` dropped). Empty when the cells have no grid columns."""
    cells = [c for row in header for c in row.cells]
    if not cells or any(c.col < 0 for c in cells):
        return []
    width = max(c.col + c.colspan for c in cells)
    out: list[list[str]] = [[] for _ in range(width)]
    for row in header:
        for c in row.cells:
            for j in range(c.col, min(width, c.col + c.colspan)):
                out[j].append(re.sub(r"^其中[:：]", "", bare(c.text)))
    return out


def _period(path: Sequence[str], measure: str, current: int) -> str:
    """``prior`` for 上年预算数 / 上年执行数 … or a year before ``current`` (a change is the current year's)."""
    if measure in ("change", "change_pct"):
        return "current"
    dated = [int(y) for t in path for y in _YEAR.findall(t)]
    prior = any(_PRIOR.search(t) for t in path) or bool(dated and max(dated) < current)
    return "prior" if prior else "current"


def _current_year(paths_: Sequence[Sequence[str]], year: int | None) -> int:
    """The year whose columns are ``current``: the report's, else the newest the header names."""
    return year or max((int(y) for path in paths_ for text in path for y in _YEAR.findall(text)), default=0)


def columns(header: Sequence[Row], default_measure: str, year: int | None = None) -> dict[int, Column] | None:
    """Grid column → its meaning, or ``None`` when the header cells have no grid columns.
    ``year`` is the report's fiscal year (``2025年预算数`` in a 2026 budget is the prior year's)."""
    paths_ = paths(header)
    if not paths_:
        return None
    newest = _current_year(paths_, year)
    out: dict[int, Column] = {}
    for j, path in enumerate(paths_):
        if any(_CARRIED.search(t) for t in path):
            continue  # money by source (上年结转结余 beside 当年预算): no figure of the catalogue
        role = next((name for text in reversed(path) for p, name in _PARTS if p.match(text)), None)
        measure = _measure(path, default_measure)
        if role is None and (measure in ("change", "change_pct") or any(TOTAL_HEADER.match(t) for t in path)):
            role = "total"  # the row's own figure (a change column: its change)
        if role is None:
            continue
        out[j] = Column(role, _period(path, measure, newest), measure)
    return out


@dataclass(frozen=True, slots=True)
class Named:
    """A column whose header names a catalogue concept, with the period and measure it says."""

    concept: str
    period: str
    measure: str


_BAND = re.compile(
    r"^(?:20\d{2}\s*年度?)?(?:当年|本年)?(?:年初|调整后?)?(?:预算|决算|执行)?(?:数|安排)?(?:\((?:万元|元)\))?$"
    r"|增减|变化|比上年"
)
"""A header text that says when or how (2025年预算数, 当年预算, 增减变化情况), not what."""
_SUBTOTAL = re.compile(r"^(?:合计|小计|总计)$")


def _named(text: str, family: str) -> str | bool | None:
    """The concept of ``family`` a header text names (from its start, or after the fund that pays
    for it: 一般公共预算拨款安排的“三公”经费); ``True`` for a text that names nothing (a band, a
    subtotal); ``None`` for one that names something else (会议费, 科研因公出国(境)费用)."""
    if _BAND.search(text) or _SUBTOTAL.match(text) or not text:
        return True
    terms = [t for t in find_terms(text) if t.concept.startswith(family)]
    if len(terms) != 1:
        return None
    lead = text[: terms[0].start]
    return terms[0].concept if not lead or scope_in(lead) else None


def named_columns(
    header: Sequence[Row], family: str, whole: bool, default_measure: str, year: int | None = None
) -> dict[int, Named]:
    """Grid column → the concept of ``family`` its header names ("因公出国(境)费",
    "公务用车购置及运行费 / 小计"), with period and measure read as in :func:`columns`. A 合计 or
    小计 is the total of the head above it; under bands only (2025年预算数 / 合计) it is the
    table's whole (``family`` + ``total``) when ``whole`` says the table holds nothing else.
    Columns of carried-over money (上年结转结余) and of other things (会议费) are left out."""
    paths_ = paths(header)
    current = _current_year(paths_, year)
    out: dict[int, Named] = {}
    for j, path in enumerate(paths_):
        if any(_CARRIED.search(t) for t in path):
            continue
        concept: str | None = None
        for text in reversed(path):  # the deepest text that names what the column holds
            got = _named(text, family)
            if got is None or isinstance(got, str):
                concept = got if isinstance(got, str) else None
                break
        else:
            if whole and any(_SUBTOTAL.match(t) for t in path):
                concept = f"{family}total"
        if concept is None:
            continue
        measure = _measure(path, default_measure)
        out[j] = Named(concept, _period(path, measure, current), measure)
    return out


def without_ordinals(rows: list[Row]) -> list[Row]:
    """The rows without their 序号 column, in a grid whose header cell 序号 / 行次 knows its column
    and whose cells under it count the rows (1, 2, 3 …, a page going on from the last): the
    number stands where a code or a 合计 would lead the row. Each header row so headed starts a
    run of its own; a column whose cells do not count (a code written under 序号) stays, and so
    does a 合计 merged over the 序号 cell (the row's label)."""
    out = list(rows)
    heads = [
        (i, c.col)
        for i, r in enumerate(rows)
        for c in r.cells
        if c.col >= 0 and c.colspan == 1 and ORDINAL_HEADER.match(bare(c.text))
    ]
    for n, (i, col) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(rows)
        under = [bare(c.text) for r in rows[i + 1 : end] for c in r.cells if c.col == col]
        numbers = [int(t) for t in under if t.isdigit()]
        if len(numbers) < 2 or not all(t.isdigit() or _SUBTOTAL.match(t) for t in under):
            continue
        if any(b != a + 1 for a, b in pairwise(numbers)):
            continue
        out[i] = rows[i]._replace(cells=tuple(c for c in rows[i].cells if c.col != col))
        for k in range(i + 1, end):
            out[k] = rows[k]._replace(cells=tuple(c for c in rows[k].cells if not (c.col == col and c.text.isdigit())))
    return out
