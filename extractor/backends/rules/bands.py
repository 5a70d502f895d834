"""Two-sided ledgers read by their bands: 收入 on the left, 支出 on the right.

The 收支总表 and 财政拨款收支总表 of a budget (and the 收入支出决算总表 of a 决算) set income
beside spending: a band row (``收 入 | 支 出``, each merged over its columns) splits the grid,
each band has a name column (项目) and amount columns (本年预算, 编制预算, 上年结转 …, read
like any header by :mod:`headers`). Each row of a band is read on its own: its name says the
concept (一、财政拨款收入, 一般公共预算拨款收入, 一、一般公共服务支出 …), the band's current
total column the amount. A name that names a scope (一般公共预算拨款收入) keeps it; others take
the table's (财政拨款收支总表 → ``fiscal``). 收入总计 / 支出总计 include carry-over: no figure, nor
a 收入合计 / 支出合计 written below the carry-over section (二、上年结转, 二、结转下年) it adds in.
A spending band that lists the 款 and 项 under each function class by name, without codes,
gives each as a ``function_item`` of the table's scope.

Only grids whose cells know their columns (tables read from page geometry) are read here;
text ledgers are read by :mod:`wide`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from extractor.backends.rules.classified import cell_fact
from extractor.backends.rules.grids import (
    CellSpan,
    Row,
    first_figure_row,
    table_rows,
)
from extractor.backends.rules.headers import ORDINAL_HEADER, bare, columns
from extractor.backends.rules.scopes import GOV_FUND, GPB, STATE_CAP, scope_in
from extractor.backends.rules.titles import context, scope_of
from extractor.backends.rules.wide import GRAND_TOTAL, named_row
from extractor.concepts import BY_ID
from extractor.document import Document
from extractor.numbers import UNIT_LINE
from extractor.result import Fact

__all__ = ["banded", "read_bands"]

_SIDES = {"收入": "income", "支出": "expenditure"}
_SECTION = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_FUND_ROW = re.compile(
    r"^(?:\d?[(（][一二三四五六七八九十\d]+[)）]|[\d一二三四五六七八九十]+[.、．])?\s*"
    rf"(?P<fund>{GPB}|{GOV_FUND}|{STATE_CAP}|财政拨款)(?:资金|收入)?$"
)
_CARRYOVER = ("carryover.opening", "carryover.closing")
_TITLE_ROW = re.compile(r"表\s*(?:[(（][^)）]{0,16}[)）])?\s*$")


def _bands(row: Row) -> dict[str, tuple[int, int]] | None:
    """{family: (first column, end column)} of a band row, or ``None``. A 序号 column's head beside
    the bands is row furniture: the band row is still the two bands."""
    cells = [c for c in row.cells if not ORDINAL_HEADER.match(bare(c.text))]
    found = {_SIDES[bare(c.text)]: (c.col, c.col + c.colspan) for c in cells if bare(c.text) in _SIDES}
    return found if len(found) == 2 and len(cells) == 2 else None


def banded(rows: list[Row]) -> bool:
    """A grid ledger whose band row (收 入 | 支 出) this module reads: no other reader's."""
    return bool(rows) and rows[0].cells[0].col >= 0 and any(_bands(r) for r in rows[:6])


def _title_and_unit(doc: Document, rows: list[Row], upto: int) -> tuple[str, str]:
    title, unit = context(doc, rows[0].cells[0].start)
    for row in rows[:upto]:  # title and unit lines drawn inside the grid
        for c in row.cells:
            text = bare(c.text)
            if (m := UNIT_LINE.search(text)) is not None:
                unit = m.group(1)
            elif _TITLE_ROW.search(text) and len(text) <= 40:
                title = text
    return title, unit


def _ledgers_over_pages(doc: Document, grids: Sequence[list[Row]]) -> Iterator[list[Row]]:
    """Each grid, a banded ledger with the grids that go on with it: a ledger broken over a page
    without its band and header rows repeated. A grid goes on with the ledger above it when it
    opens the page after the ledger's last row, holds no cell beyond the ledger's columns, and
    its first row reads as a ledger row (a class of spending, a fund, a section)."""
    ledger: list[Row] | None = None
    for rows in grids:
        if ledger is not None and _goes_on(doc, ledger, rows):
            ledger.extend(rows)
            continue
        if ledger is not None:
            yield ledger
            ledger = None
        if banded(rows):
            ledger = list(rows)
        else:
            yield rows
    if ledger is not None:
        yield ledger


def _goes_on(doc: Document, ledger: list[Row], rows: list[Row]) -> bool:
    if not rows or not rows[0].cells or banded(rows) or not ledger[-1].cells:
        return False
    page, before = doc.page_of(rows[0].cells[0].start), doc.page_of(ledger[-1].cells[0].start)
    if page is None or before is None or page != before + 1:
        return False
    width = max(c.col + c.colspan for r in ledger for c in r.cells)
    if any(c.col < 0 or c.col >= width for r in rows for c in r.cells):
        return False
    bands = next((b for r in ledger[:6] if (b := _bands(r))), {})
    first = rows[0].cells[0]
    family = next((f for f, (lo, hi) in bands.items() if lo <= first.col < hi), None)
    label = bare(first.text)
    return family is not None and (named_row(label, family) is not None or _fund_row(label, family, None) is not None)


def read_bands(doc: Document, measure: str, grids: Sequence[list[Row]] | None = None) -> list[Fact]:
    facts: list[Fact] = []
    for rows in _ledgers_over_pages(doc, list(table_rows(doc)) if grids is None else grids):
        if not rows or rows[0].cells[0].col < 0:
            continue
        at = next((i for i, r in enumerate(rows[:6]) if _bands(r)), None)
        if at is None:
            continue
        bands = _bands(rows[at])
        assert bands is not None
        first_body = first_figure_row(rows, at + 1)
        title, unit = _title_and_unit(doc, rows, at)
        table_scope = scope_of(title)
        for family, (lo, hi) in bands.items():
            header = [Row(tuple(c for c in r.cells if lo <= c.col < hi), True) for r in rows[at + 1 : first_body]]
            cols = columns([h for h in header if h.cells], measure) or {}
            totals = [
                j
                for j, c in sorted(cols.items())
                if c.role == "total" and c.period == "current" and c.measure == measure
            ]
            for name_col, total, kind in _ledgers(header, lo, totals, set(cols)):
                under: str | None = None  # the concept of the section row above (一、本年收入, 二、上年结转)
                in_classes = False  # the section row above is a function class (一、一般公共服务支出)
                carried = False  # a carry-over row read above: a 合计 below it adds the carry-over in
                items = _function_items(rows[first_body:], family, name_col, kind)
                for n, row in enumerate(rows[first_body:]):
                    label = next((bare(c.text) for c in row.cells if c.col == name_col), "")
                    named = (named_row(label, family) or (None,))[0]
                    classes = in_classes
                    if _SECTION.match(label):
                        under = named
                        in_classes = named == "expenditure.function" or (in_classes and named == "expenditure.total")
                    carried = carried or named in _CARRYOVER
                    facts.extend(
                        _row_fact(
                            doc,
                            row,
                            family,
                            name_col,
                            total,
                            measure,
                            table_scope,
                            unit,
                            kind,
                            under=under,
                            carried=carried,
                            item=n in items,
                            classes=classes,
                        )
                    )
    return facts


def _ledgers(header: list[Row], lo: int, totals: list[int], amounts: set[int]) -> Iterator[tuple[int, int, str]]:
    """(name column, amount column, kind) of each ledger side by side in one band.

    A band may set several ledgers beside each other (支出: 功能分类 | 预算数 | 部门经济分类 |
    预算数 | 政府经济分类 | 预算数): each amount column after the first belongs to the text
    column nearest its left that is no amount column. The kind is what that column's header
    names: ``function`` (功能分类 / 功能科目), ``economic`` (经济分类 / 经济科目), else ``named``
    (rows named by the lexicon)."""
    heads = {c.col: bare(c.text) for r in header for c in r.cells}
    previous = lo - 1
    for n, total in enumerate(totals):
        if n == 0:
            name_col = lo
        else:
            name_col = next((j for j in range(total - 1, previous, -1) if j not in amounts), -1)
            if name_col < 0:
                continue  # a second amount column of the same ledger
        previous = total
        head = heads.get(name_col, "")
        kind = (
            "function"
            if re.search(r"功能分|功能科目", head)
            else ("economic" if re.search(r"经济分|经济科目", head) else "named")
        )
        yield name_col, total, kind


_NUMBERED = re.compile(r"^\d{1,2}[、.．]\s*(?P<name>\D.*)$")
"""A numbered row of a classification column ("5、教育支出"): one class of it."""
_SUB_ROW = re.compile(r"^[(（]\d{1,2}[)）]")
_ECONOMIC_PARTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^人员经费和公用经费(?:支出)?$"), "expenditure.basic"),  # basic = personnel + public
    (re.compile(r"^专项业务经费(?:支出)?$"), "expenditure.project"),
)


def _classified_row(label: str, family: str, kind: str, classes: bool = False) -> tuple[str, str, str | None] | None:
    """(concept, scope, label) of a row of a classification column.

    A function column's numbered rows are function classes, whatever else their names could
    mean (国有资本经营预算支出 is a class there); so is a section row (十九、) going on from
    section rows of function classes (``classes``): in a list of the classes (十七、住房保障支出,
    十九、国有资本经营预算支出) a fund's spending is its class, not the fund's total. An economic
    column's numbered rows are the parts of spending where they name one (人员经费和公用经费支出 =
    basic, 专项业务经费支出 = project, 上缴上级支出 …), else economic classes; its bracketed sub-rows split a part by
    class (the basic part's 工资福利支出): no figure."""
    named = named_row(label, family)
    numbered = _NUMBERED.match(label)
    section = _SECTION.match(label)
    if classes and section and named is not None and named[0] == "expenditure.total" and named[1] != "all":
        return "expenditure.function", "all", label[section.end() :].strip()
    if kind == "function" and numbered and (named is None or named[0] != "expenditure.function"):
        return "expenditure.function", "all", numbered.group("name")
    if kind != "economic" or family != "expenditure":
        return named
    if _SUB_ROW.match(label):
        return None
    if numbered is None:
        return named
    name = numbered.group("name")
    part = next((concept for pattern, concept in _ECONOMIC_PARTS if pattern.match(name)), None)
    if part is not None:
        return part, "all", None
    if named is not None and named[0] not in ("expenditure.function", "expenditure.function_item"):
        return named
    return "expenditure.economic", "all", name


_ITEM_NAME = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff（）()、]*")
"""A 款 or 项 written by its name alone (行政运行, 其他一般公共服务支出): no enumerator, no figure."""


def _function_items(rows: list[Row], family: str, name_col: int, kind: str) -> set[int]:
    """The rows (by index) that are items of the function class above them.

    A spending band lists the classes of the 功能分类 with their 款 and 项 under them, by name
    only (``一般公共服务支出 | 财政事务 | 行政运行``): a row under a class whose name is no term of
    its own is one of the class's items, until a row names something else."""
    out: set[int] = set()
    under_class = False
    for n, row in enumerate(rows):
        name = next((c for c in row.cells if c.col == name_col), None)
        if name is None:
            continue
        text = bare(name.text)
        named = _classified_row(text, family, kind)
        if named is None and under_class and _ITEM_NAME.fullmatch(text) and not GRAND_TOTAL.match(text):
            out.add(n)
        else:
            under_class = named is not None and named[0] == "expenditure.function"
    return out


def _row_fact(
    doc: Document,
    row: Row,
    family: str,
    name_col: int,
    total_col: int,
    measure: str,
    table_scope: str,
    unit: str,
    kind: str = "named",
    *,
    under: str | None = None,
    carried: bool = False,
    item: bool = False,
    classes: bool = False,
) -> Iterator[Fact]:
    by_col: dict[int, CellSpan] = {c.col: c for c in row.cells}
    name, amount = by_col.get(name_col), by_col.get(total_col)
    if name is None or amount is None or GRAND_TOTAL.match(bare(name.text)):
        return
    named = _classified_row(bare(name.text), family, kind, classes) or _fund_row(bare(name.text), family, under)
    if named is None and item:
        named = ("expenditure.function_item", "all", bare(name.text))
    if named is None and bare(name.text) == "合计":
        named = (f"{family}.total", "all", None)  # the band's own total
    if named is None:
        return
    concept, scope, label = named
    if carried and concept == f"{family}.total" and not _SECTION.match(bare(name.text)):
        return  # 收入合计 below 二、上年结转: this year's and the carry-over, a 收入总计 by another name
    if BY_ID[concept].scoped and scope == "all":
        scope = table_scope
    if (fact := cell_fact(doc, concept, measure, scope, label, amount, unit)) is not None:  # type: ignore[arg-type]
        yield fact


def _fund_row(label: str, family: str, under: str | None) -> tuple[str, str, str | None] | None:
    """An income row that names only a fund ("（一）一般公共预算资金" under 一、本年收入, or the
    fiscal money as a whole: "一、财政拨款") is that fund's income; under 二、上年结转 it is that
    fund's carry-over."""
    fund = _FUND_ROW.match(label)
    if family != "income" or fund is None:
        return None
    scope = scope_in(fund.group("fund")) or "all"
    return ("carryover.opening" if under == "carryover.opening" else "income.total"), scope, None
