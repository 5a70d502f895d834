"""Completeness: the forms a disclosure of its kind must publish (spec, Revision 2).

A 部门预算 publishes a fixed set of tables (the 部门预算公开 forms). A ``completeness``
finding says that one of them is missing, or that it is printed empty without the
statement that explains it (本部门无…, 空表, 无数据); a form the report says it has nothing
for (本部门无政府性基金预算收支) may be left out.

The set is the eight forms of the 部门预算公开 templates, as the labellers of ``eval/real``
took them; later templates add a 国有资本经营预算支出表, which they did not require (a
department without such money prints it empty or not at all).

The forms are data, written once (:data:`MANDATED`): each with the name gold uses in its
notes and the pattern of its titles as real reports word them (收支总表 / 收支预算总表 /
收支总体情况表 …). A form is present when a title line is followed by a table (a line of
tab-separated cells within six lines, before another title: a table of contents is a run
of titles, and a text layer may put the year or the unit line between title and table).
An empty form shows no amount but 0 in the lines below its title (栏次 numbers 1, 2, 3 are
not amounts).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from extractor.document import Document
from extractor.ground import evidence_for
from extractor.numbers import find_numbers
from extractor.result import CheckRecord, Finding, Result

__all__ = ["MANDATED", "MandatedForm", "completeness"]


@dataclass(frozen=True)
class MandatedForm:
    name: str
    """As gold names it in a completeness finding's note."""
    title: str
    """Regex of the form's titles (searched in a title line)."""
    subject: str | None = None
    """What a statement of absence names (本部门无政府性基金…): defaults to the form's name."""


_OF = r"(?:预算|情况|明细|预算情况|经济分类情况)?"
MANDATED: Mapping[str, tuple[MandatedForm, ...]] = MappingProxyType(
    {
        "department_budget": (
            MandatedForm("收支总表", rf"(?<!拨款)收支{_OF}(?:总表|总体情况表)"),
            MandatedForm("收入总表", rf"(?<!拨款)收入{_OF}(?:总表|总体情况表)"),
            MandatedForm("支出总表", rf"(?<![收拨款])支出{_OF}(?:总表|总体情况表)"),
            MandatedForm("财政拨款收支总表", rf"财政拨款收支{_OF}(?:总表|总体情况表)"),
            MandatedForm("一般公共预算支出表", rf"(?:一般公共预算(?:拨款)?|财政拨款)支出{_OF}表"),
            MandatedForm("一般公共预算基本支出表", rf"一般公共预算(?:拨款)?基本支出{_OF}表|财政拨款基本支出{_OF}表"),
            MandatedForm("“三公”经费支出表", r"三公\W{0,2}经费[^。；，,\n]{0,14}表", subject="三公"),
            MandatedForm("政府性基金预算支出表", r"政府性基金[^。；，,\n]{0,10}表", subject="政府性基金"),
        ),
    }
)

_TITLE_MAX = 90
_LOOKAHEAD = 6
_BODY_LINES = 12
_TOC = re.compile(r"\.{4,}|…{2,}")
_COLUMN_NUMBER = Decimal(30)
_TITLE_LIKE = re.compile(r"^(?:表\s*[0-9一二三四五六七八九十]+|公开\s*\d+\s*表)|表\s*(?:[(（][^)）]{0,20}[)）])?$")
"""A line that heads the next table (表5, 公开06表, …支出表(预算表9)): a form's body ends there."""
_EMPTY_NOTE = re.compile(r"空表|无数据|无发生额|不涉及|无该项|无此项|无数字")
_KIND_ZH = {"department_budget": "部门预算", "department_final_accounts": "部门决算"}


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _is_title(line: str, pattern: re.Pattern[str]) -> bool:
    head = line.split("\t", 1)[0].strip()
    return bool(head) and len(head) <= _TITLE_MAX and not _TOC.search(head) and bool(pattern.search(head))


def _tabled(lines: Sequence[tuple[int, str]], i: int) -> bool:
    """A table follows line ``i`` (or the title is the first row of one) before another
    title does: a table of contents is a run of titles."""
    if "\t" in lines[i][1].strip("\t ").strip() or lines[i][1].rstrip().endswith("\t"):
        return True
    for _, line in lines[i + 1 : i + 1 + _LOOKAHEAD]:
        if "\t" in line.strip():
            return True
        if _TITLE_LIKE.search(line.strip()):
            return False
    return False


def _body(lines: Sequence[tuple[int, str]], i: int) -> list[str]:
    """The lines below title ``i`` up to the next table's title (at most a dozen)."""
    out = []
    for _, line in lines[i + 1 : i + 1 + _BODY_LINES]:
        if _TITLE_LIKE.search(line.split("\t", 1)[0].strip()):
            break
        out.append(line)
    return out


def _amounts(body: Sequence[str]) -> bool:
    """Does any table row below the title hold an amount other than 0?"""
    for line in body:
        if "\t" not in line or "单位" in line or "注" in line:
            continue
        for cell in line.split("\t"):
            nums = find_numbers(cell.strip())
            if len(nums) != 1 or nums[0].text != cell.strip().replace(" ", ""):
                continue
            n = nums[0]
            if n.value != 0 and not (n.decimals == 0 and abs(n.value) <= _COLUMN_NUMBER):
                return True
    return False


def _occurrences(lines: Sequence[tuple[int, str]], forms: Sequence[MandatedForm]) -> Iterator[tuple[int, int]]:
    """(form index, line index) of every title followed by a table."""
    patterns = [re.compile(f.title) for f in forms]
    for i, (_, line) in enumerate(lines):
        for k, p in enumerate(patterns):
            if _is_title(line, p) and _tabled(lines, i):
                yield k, i


def _absence_stated(text: str, form: MandatedForm) -> bool:
    subject = re.escape(form.subject or form.name)
    return re.search(rf"(?:无|没有|未)[^。；\n]{{0,16}}{subject}", text) is not None


def _id(kind: str, form: str) -> str:
    return hashlib.sha1(f"completeness|{kind}|{form}".encode()).hexdigest()[:12]


def completeness(result: Result, document: Document) -> tuple[list[Finding], list[CheckRecord]]:
    """The completeness findings of ``result`` read from ``document`` (none for a kind
    without mandated forms), and one check record per form."""
    forms = MANDATED.get(result.report_kind, ())
    if not forms:
        return [], []
    lines = _lines(document.text)
    seen: dict[int, list[int]] = {}
    for k, i in _occurrences(lines, forms):
        seen.setdefault(k, []).append(i)
    kind_zh = _KIND_ZH.get(result.report_kind, result.report_kind)
    findings: list[Finding] = []
    records: list[CheckRecord] = []
    for k, form in enumerate(forms):
        rule = f"completeness:{form.name}"
        at = seen.get(k, [])
        stated = _absence_stated(document.text, form)
        if not at:
            if stated:
                records.append(
                    CheckRecord(
                        rule=rule,
                        kind="completeness",
                        status="passed",
                        reason="not published; the report says it has none",
                    )
                )
                continue
            fid = _id("missing", form.name)
            findings.append(
                Finding(
                    id=fid,
                    kind="completeness",
                    rule="completeness.missing",
                    severity="material",
                    facts=(),
                    table=form.name,
                    message=f"{kind_zh}应公开的{form.name}未见于报告",
                    message_en=f"{form.name} is missing: a {result.report_kind} must publish it",
                )
            )
            records.append(CheckRecord(rule=rule, kind="completeness", status="failed", finding_id=fid))
            continue
        bodies = [_body(lines, i) for i in at]
        if any(_amounts(b) for b in bodies):
            records.append(CheckRecord(rule=rule, kind="completeness", status="passed"))
            continue
        if stated or any(_EMPTY_NOTE.search("\n".join(b)) for b in bodies):
            records.append(
                CheckRecord(rule=rule, kind="completeness", status="passed", reason="empty, and the report says why")
            )
            continue
        start, line = lines[at[0]]
        quote = line.split("\t", 1)[0].strip()
        start += line.index(quote)
        ev = evidence_for(document, start, start + len(quote))
        fid = _id("empty", form.name)
        findings.append(
            Finding(
                id=fid,
                kind="completeness",
                rule="completeness.empty",
                severity="material",
                facts=(),
                table=form.name,
                evidence=ev,
                message=f"{form.name}为空表，报告未说明原因（如“本部门无…”）",
                message_en=f"{form.name} is empty and the report does not say why (本部门无…)",
            )
        )
        records.append(CheckRecord(rule=rule, kind="completeness", status="failed", finding_id=fid))
    return findings, records
