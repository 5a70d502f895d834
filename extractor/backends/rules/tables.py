"""Reading tables: headers found by meaning, rows interpreted by their columns' roles.

A header is a run of cells that name column roles (预算数, 执行数, 执行率, 一级指标, 权重,
年度指标值, 实际完成值, 得分 …), wherever they sit. What follows the header is read by the
table's kind:

* **money tables** (budget / actual / rate columns): a row whose label names a catalogue
  concept gives facts; in a table of projects (项目名称, 职能名称 …) rows are projects and a
  合计 row is kept as the total row for the Σ check.
* **indicator tables** (三级指标 with 完成值 or 得分): each row is an indicator, read by
  ``indicators.py``.

Rows shorter than the header miss their leading (merged) cells, which carry down from the
row above. A value whose column cannot be named is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from extractor.backends.rules.bands import banded
from extractor.backends.rules.grids import TOTAL_LABEL, CellSpan, Row, cell_evidence, cell_number, table_rows
from extractor.backends.rules.indicators import read_indicators
from extractor.backends.rules.lexicon import find_terms
from extractor.backends.rules.roles import PRIOR, base_role, dated, role_of
from extractor.backends.rules.roles import VALUE_ROLES as _VALUE_ROLES
from extractor.backends.rules.scopes import scope_in
from extractor.backends.rules.wide import is_wide, ledger_header, read_ledger, read_wide, wide_header
from extractor.concepts import BY_ID, unit_for
from extractor.document import Document
from extractor.result import Fact, Indicator, Project

__all__ = ["TableReading", "read_tables", "role_of"]

_INDICATOR_ROLES = {"name", "level2", "level1"}
_PROJECT_NAME = re.compile(r"项目名称\s*[:：]?\s*\n?\s*(?P<name>[^\s\t]{2,40})")
_TARGETS = re.compile(r"绩效目标")
"""A performance-target table (整体支出绩效目标表, 项目绩效目标表): its amounts are its tasks'."""
_PROJECT_COLUMN = re.compile(r"^(?:项目名称|职能名称|政策或重点任务|支出项目)$")
_PROJECT_TOTAL_LABEL = re.compile(r"^(?:年度)?(?:财政)?资金总额|^(?:项目)?(?:资金)?总额$|^合计$|^(?:年度)?资金合计$")


@dataclass
class TableReading:
    facts: list[Fact] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


@dataclass(frozen=True)
class _Header:
    roles: tuple[str, ...]
    start: int
    end: int
    title: str
    texts: tuple[str, ...] = ()
    row_roles: tuple[str | None, ...] = ()
    """The role of every cell of the header's row, when the header is one marked row: body
    rows of the same width are then read by position."""

    def name_column(self) -> int | None:
        """The column that names a row's project: 政策或重点任务 / 项目名称 over 职能名称."""
        items = [i for i, r in enumerate(self.roles) if r == "item"]
        preferred = [i for i in items if re.search(r"项目名称|政策|重点任务|支出项目", self.texts[i])]
        if not items:
            return None
        return (preferred or items)[-1]


def read_tables(doc: Document, grids: Sequence[list[Row]] | None = None) -> TableReading:
    """``grids``: the document's :func:`table_rows`, when the caller has them already."""
    out = TableReading()
    for rows in table_rows(doc) if grids is None else grids:
        if banded(rows):
            continue  # a two-sided ledger's rows are read by their bands (a short tail row has no unit here)
        for header, body in _sections(rows, doc):
            if _INDICATOR_ROLES & set(header.roles) and {"actual", "score"} & set(header.roles):
                out.indicators.extend(read_indicators(doc, header.roles, body))
            elif _VALUE_ROLES & set(header.roles):
                facts, projects = _money(doc, header, body)
                out.facts.extend(facts)
                out.projects.extend(projects)
            elif header.roles and header.roles[0] == "ledger":
                out.facts.extend(read_ledger(doc, header.roles, body))
            elif is_wide(header.roles):
                out.facts.extend(read_wide(doc, header.roles, header.title, body))
    return out


def _sections(rows: list[Row], doc: Document) -> Iterator[tuple[_Header, list[Row]]]:
    """Split a table's rows at header runs; yield each header with the rows it governs."""
    flat: list[tuple[int, CellSpan]] = [(i, c) for i, r in enumerate(rows) for c in r.cells]
    headers: list[tuple[int, int, _Header]] = []  # (first row, last row, header)
    k = 0
    while k < len(flat):
        row_start = k == 0 or flat[k - 1][0] != flat[k][0]
        wide = (ledger_header(rows[flat[k][0]]) or wide_header(rows[flat[k][0]])) if row_start else None
        if wide is not None:  # a whole marked row naming concepts: "科目名称 | 本年支出合计 | 基本支出 …"
            row_index = flat[k][0]
            cells = rows[row_index].cells
            title = doc.text[max(0, cells[0].start - 400) : cells[0].start]
            texts = tuple(re.sub(r"\s+", "", c.text) for c in cells)
            headers.append((row_index, row_index, _Header(wide, cells[0].start, cells[-1].end, title, texts)))
            k += len(cells)
            continue
        j = k
        roles: list[str] = []
        while j < len(flat):
            role = role_of(flat[j][1].text)
            if (
                role is None
                and roles
                and j + 1 < len(flat)
                and role_of(flat[j + 1][1].text) is not None
                and len(flat[j][1].text) <= 10
                and not re.search(r"\d", flat[j][1].text)
            ):
                role = "other"  # an unnamed column inside a header ("完成情况")
            if role is None:
                break
            roles.append(role)
            j += 1
        useful = (_VALUE_ROLES & set(roles)) or (_INDICATOR_ROLES & set(roles) and {"actual", "score"} & set(roles))
        if len(roles) >= 2 and useful:
            first_row, last_row = flat[k][0], flat[j - 1][0]
            title = doc.text[max(0, flat[k][1].start - 400) : flat[k][1].start]
            texts = tuple(re.sub(r"\s+", "", flat[i][1].text) for i in range(k, j))
            row_roles: tuple[str | None, ...] = ()
            if first_row == last_row and rows[first_row].explicit:
                cells_ = rows[first_row].cells
                row_roles = dated([role_of(c.text) for c in cells_], [c.text for c in cells_])
            period_roles = tuple(r or "" for r in dated(roles, texts))
            headers.append(
                (
                    first_row,
                    last_row,
                    _Header(period_roles, flat[k][1].start, flat[j - 1][1].end, title, texts, row_roles),
                )
            )
            k = j
        else:
            k += 1
    for n, (_, last_row, header) in enumerate(headers):
        end_row = headers[n + 1][0] if n + 1 < len(headers) else len(rows)
        body = rows[last_row + 1 : end_row]
        if body and body[0].explicit:  # marked rows: the table ends where the marks end
            k = next((i for i, r in enumerate(body) if not r.explicit), len(body))
            body = body[:k]
        yield header, body


# ----------------------------------------------------------------------------- money tables


def _money_rows(header: _Header, body: list[Row]) -> Iterator[tuple[CellSpan | None, list[CellSpan]]]:
    """(label cell, value cells) per row; one-cell-per-line rows are joined: a text cell
    starts a row and the numbers after it are its values."""
    if body and all(r.explicit for r in body):
        pending: CellSpan | None = None
        name_col = header.name_column()
        for r in body:
            full = list(r.cells)
            cells = [c for c in full if c.text]
            label = cells[0] if cells and cell_number(cells[0]) is None else None
            values = cells[1:] if label is not None else cells
            if (
                name_col is not None
                and len(full) == len(header.roles)
                and full[name_col].text
                and cell_number(full[name_col]) is None
            ):
                label, values = full[name_col], [c for c in full[name_col + 1 :] if c.text]
            if label is not None and not values and len(cells) == 1:
                pending = label  # "金额合计" on a row of its own, its numbers on the next
                continue
            if label is None and pending is not None:
                label = pending
            pending = None
            yield label, values
        return
    label = None
    values = []
    for r in body:
        for c in r.cells:
            if not c.text:
                continue
            if cell_number(c) is None:
                if label is not None or values:
                    yield label, values
                label, values = c, []
            else:
                values.append(c)
    if label is not None or values:
        yield label, values


def _assign(roles: tuple[str, ...], values: list[CellSpan]) -> dict[str, CellSpan] | None:
    value_roles = [r for r in roles if base_role(r) in _VALUE_ROLES or r == "fiscal"]
    numeric = [c for c in values if cell_number(c) is not None]
    if len(numeric) != len(value_roles):
        # a missing cell: only percent/money typing can still place a rate
        if len(numeric) == 1 and value_roles[-1] == "rate" and cell_number(numeric[0]) and cell_number(numeric[0])[2]:  # type: ignore[index]
            return {"rate": numeric[0]}
        return None
    out: dict[str, CellSpan] = {}
    prev = ""
    for role, cell in zip(value_roles, numeric, strict=True):
        parsed = cell_number(cell)
        assert parsed is not None
        if (role == "rate") != parsed[2] and not (role == "rate" and parsed[0] == 0):
            return None  # a percent in a money column or the reverse: the columns are not these
        key = _key(role, prev)
        out[key] = cell
        if role != "fiscal":
            prev = role
    return out


def _key(role: str, prev: str) -> str:
    """The measure a value column gives (``actual~prior`` for a prior year's 决算数)."""
    base = base_role(role) or role
    key = {"fiscal": "fiscal_budget" if prev == "budget" else "fiscal_actual", "money_actual": "actual"}.get(base, base)
    return key + (PRIOR if role.endswith(PRIOR) else "")


_FISCAL_PART = re.compile(r"^其中[:：]?(?:当年)?财政(?:拨款|资金)")


def _positional(header: _Header, row: Row) -> tuple[CellSpan | None, dict[str, CellSpan]] | None:
    """A marked row as wide as its header row: each value read from its column."""
    if not header.row_roles or len(row.cells) != len(header.row_roles):
        return None
    label: CellSpan | None = None
    cells: dict[str, CellSpan] = {}
    prev = ""
    for role, cell in zip(header.row_roles, row.cells, strict=True):
        if base_role(role) in _VALUE_ROLES or role == "fiscal":
            assert role is not None
            key = _key(role, prev)
            if role != "fiscal":
                prev = role
            parsed = cell_number(cell) if cell.text else None
            if parsed is not None and (role == "rate") == parsed[2]:
                cells[key] = cell  # a later budget column (调整后/全年) overrides 年初
        elif label is None and cell.text and cell_number(cell) is None and role in (None, "item", "other"):
            label = cell
    return label, cells


def _money_cells(header: _Header, body: list[Row]) -> Iterator[tuple[CellSpan, dict[str, CellSpan]]]:
    positional = [_positional(header, r) for r in body] if body and all(r.explicit for r in body) else []
    if positional and all(p is not None for p in positional):
        for label, cells in positional:  # type: ignore[misc]
            if label is not None and cells:
                yield label, cells
        return
    for label, values in _money_rows(header, body):
        if label is None or not values:
            continue
        cells = _assign(header.roles, values)
        if cells:
            yield label, cells


def _money(doc: Document, header: _Header, body: list[Row]) -> tuple[list[Fact], list[Project]]:
    rows = list(_money_cells(header, body))
    family = "income" if "收入" in header.title[-60:] and "支出" not in header.title[-60:] else "expenditure"
    concepts = [_concept_of(re.sub(r"\s+", "", label.text), family) for label, _ in rows]
    # a 合计 row totals the table's own family ("“三公”经费" rows → three_public.total)
    families = [c.split(".")[0] for c, _ in concepts if c is not None and not c.endswith(".total")]
    if families:
        major = max(set(families), key=families.count)
        if f"{major}.total" in BY_ID:
            concepts = [
                (f"{major}.total", sc)
                if c == f"{family}.total" and TOTAL_LABEL.match(re.sub(r"\s+", "", label.text))
                else (c, sc)
                for (c, sc), (label, _) in zip(concepts, rows, strict=True)
            ]
    named = _PROJECT_NAME.search(header.title)
    if named:
        one = _one_project(doc, named.group("name"), rows)
        if one is not None:
            return [], [one]
    itemised = "item" in header.roles or "项目" in header.title[-60:]
    # "项目" heads any ledger's first column (收支总表, 三公 tables): a project column says 项目名称
    is_project_table = (
        any(r == "item" and _PROJECT_COLUMN.match(t) for r, t in zip(header.roles, header.texts, strict=False))
        or "项目" in header.title[-60:]
    )
    facts: list[Fact] = []
    projects: list[Project] = []
    targets = _TARGETS.search(header.title[-80:]) is not None
    for (label, cells), (concept, scope) in zip(rows, concepts, strict=True):
        text = re.sub(r"\s+", "", label.text)
        if targets and TOTAL_LABEL.match(text):
            continue  # a 绩效目标表's 金额合计 sums its tasks' (projects') money: no total of the catalogue
        if concept is not None and not (itemised and TOTAL_LABEL.match(text) and not families):
            for key, cell in cells.items():
                if key.startswith("fiscal_"):
                    continue
                parsed = cell_number(cell)
                assert parsed is not None
                measure = key.removesuffix(PRIOR)
                facts.append(
                    Fact(
                        concept=concept,
                        measure=measure,
                        period="prior" if key.endswith(PRIOR) else "current",
                        scope=scope,
                        value=parsed[0],
                        unit=unit_for(concept, measure),
                        decimals=parsed[1],
                        evidence=cell_evidence(doc, cell.start, cell.end),
                        backend="rules",
                    )
                )
        elif is_project_table:  # a row no concept names is a project only in a table of projects
            name = re.sub(r"^[\d.、(（)）]+", "", label.text).strip()
            projects.append(_project(doc, name, label, cells, total=bool(TOTAL_LABEL.match(text))))
    return facts, projects


def _one_project(doc: Document, name: str, rows: list[tuple[CellSpan, dict[str, CellSpan]]]) -> Project | None:
    """A one-project table ("项目名称 X" above it): its 资金总额 row gives the project's
    figures and a "其中：财政拨款" row their fiscal part; other funding rows are not projects."""
    total = next(((lab, c) for lab, c in rows if _PROJECT_TOTAL_LABEL.match(re.sub(r"\s+", "", lab.text))), None)
    if total is None:
        return None
    label, cells = total
    cells = dict(cells)
    fiscal = next((c for lab, c in rows if _FISCAL_PART.match(re.sub(r"\s+", "", lab.text))), None)
    if fiscal:
        for src, dst in (("budget", "fiscal_budget"), ("actual", "fiscal_actual")):
            if src in fiscal:
                cells[dst] = fiscal[src]
    return _project(doc, name, label, cells, total=False)


def _concept_of(label: str, family: str) -> tuple[str | None, str]:
    bare = re.sub(r"^(?:资金来源|资金结构)?[:：]?(?:[(（]?[\d一二三四五六七八九十]+[)）.、]?)?", "", label)
    if re.fullmatch(r"财政拨款(?:资金)?", bare):
        return f"{family}.total", "fiscal"
    if TOTAL_LABEL.match(bare):
        return f"{family}.total", "all"
    terms = find_terms(bare)
    if len(terms) == 1 and terms[0].start == 0 and terms[0].end >= len(bare) - 2:
        concept = terms[0].concept
        scoped = BY_ID[concept].scoped if concept in BY_ID else False
        return concept, (terms[0].scope or scope_in(label) or "all") if scoped else "all"
    return None, "all"


def _project(doc: Document, name: str, label: CellSpan, cells: dict[str, CellSpan], *, total: bool) -> Project:
    cells = {k: c for k, c in cells.items() if not k.endswith(PRIOR)}  # a project row is this year's
    values: dict[str, Decimal] = {}
    decimals: dict[str, int] = {}
    for k, c in cells.items():
        parsed = cell_number(c)
        assert parsed is not None
        values[k], decimals[k] = parsed[0], parsed[1]
    end = max(c.end for c in cells.values())
    return Project(
        name=name,
        evidence=cell_evidence(doc, label.start, end),
        cells={k: cell_evidence(doc, c.start, c.end) for k, c in cells.items()},
        decimals=decimals,
        is_total=total,
        **values,
    )
