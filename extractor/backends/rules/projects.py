"""Projects stated in running text.

"重点任务项目X，年初预算为9.67万元，年度预算执行数为9.67万元，预算执行率为100%。" and
"“X”项目绩效自评综述：…项目全年预算数为6.08万元，执行数为4.28万元，完成预算的90%。"
name a project and then give its budget, actual and rate. A project is kept when at
least two of its numbers are found; the measure of each comes from the same cue patterns
as facts (``patterns.classify``). A self-evaluation score stated for the project
("绩效自评得分为95分") is its score.

A list of what project spending went to — "项目支出120万元，主要用于A项目40万元、B专项经费80万元" —
names projects with one figure each (:func:`listed_projects`), in the head's measure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from extractor.backends.rules import patterns
from extractor.backends.rules.firstchars import gated
from extractor.backends.rules.lexicon import find_terms
from extractor.backends.rules.prose import Prose, join_paragraphs
from extractor.document import Document
from extractor.ground import evidence_for
from extractor.numbers import decimals_of, parse_number, to_wan
from extractor.result import Evidence, Project

__all__ = ["listed_projects", "scan_projects"]

_NAME = r"[\u4e00-\u9fff（）()\w“”]{2,40}?"
PROJECT_SUBJECT = re.compile(
    rf"[“\"](?P<q>[^”\"]{{2,40}})[”\"]\s*项目"
    rf"|(?:重点任务)?项目\s*[:：]?\s*(?P<a>{_NAME})\s*[，,](?=\s*(?:项目)?(?:全年|年初|年度)?预算)"
    rf"|(?P<b>{_NAME}项目)(?:绩效自评综述|绩效自评|支出)?\s*[:：。]"
    # an enumerated line naming what the money was for: "（一）城乡低保资金。全年预算…"
    rf"|^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d+[.、])\s*(?P<c>[\u4e00-\u9fff（）()“”]{{2,30}}?)[。:：]"
    r"(?=\s*(?:项目)?(?:全年|年初|年度|调整后的?)?预算)",
    re.M,
)
_CAN_START = re.compile(r"“|\"|重点任务(?=项目)|项目|\n\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d+[.、])")
"""Where a branch of PROJECT_SUBJECT other than the bare name (``b``) can start: a quote, 项目, an
enumerated line (after its newline). Each alternative opens with a literal, which the scan looks for."""
_NAME_ENDS = re.compile(r"项目(?:绩效自评综述|绩效自评|支出)?\s*[:：。]")
"""Where the bare name of branch ``b`` can end: before a 项目 the rest of the branch follows."""
_NAME_CHAR = re.compile(r"[\u4e00-\u9fff（）()\w“”]")


def _subjects(text: str) -> Iterator[re.Match[str]]:
    """``PROJECT_SUBJECT.finditer(text)``, tried only where a match can start.

    The bare-name branch can start at almost any character, so the plain scan tries every
    branch at every position of the document; a match starts at a quote, at 项目, at a line, or
    within the run of name characters up to 40 before a 项目 that the branch's ending follows."""
    starts = {0, *(m.start() + (m.group()[0] == "\n") for m in _CAN_START.finditer(text))}
    for m in _NAME_ENDS.finditer(text):
        first = m.start()
        while first > max(0, m.start() - 40) and _NAME_CHAR.match(text, first - 1):
            first -= 1
        starts.update(range(first, m.start() - 1))
    pos = 0
    for start in sorted(starts):
        if start >= pos and (found := PROJECT_SUBJECT.match(text, start)):
            yield found
            pos = found.end()


_ENUMERATOR = re.compile(r"^(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.])")
_SCORE = re.compile(r"(?:自评)?得分(?:为|是)?\s*(?P<n>\d{1,3}(?:\.\d{1,2})?)\s*分")
_PARAGRAPH_END = re.compile(r"\n")
_SKIP_NAME = re.compile(r"^(?:本|该|各|所有|部门|整体|全部|重点|[\d一二三四五六七八九十]+个)")
"""Not a project's name: a pronoun, the whole, or a count (“项目3个，预算资金…”)."""


def scan_projects(doc: Document, *, budget: bool = False, prose: Prose | None = None) -> list[Project]:
    """Projects named in sentences with their figures, then those listed under project spending
    (``budget``: the document is a budget, whose prose states budgets)."""
    stated = _stated_projects(doc)
    named = {p.name.removesuffix("项目") for p in stated}
    listed = listed_projects(doc, budget=budget, prose=prose)
    return stated + [p for p in listed if p.name.removesuffix("项目") not in named]


def _stated_projects(doc: Document) -> list[Project]:
    text = doc.text
    found: dict[str, Project] = {}
    for m in _subjects(text):
        group = next(g for g in ("q", "a", "b", "c") if m.group(g))
        name = _ENUMERATOR.sub("", m.group(group).strip('“”" '))
        if _SKIP_NAME.match(name) or len(name) < 2 or name == "项目":
            continue
        if group == "c" and find_terms(name):
            continue  # "教育支出（类）…（项）。年初预算…" is a function line, not a project
        end_m = _PARAGRAPH_END.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        project = _read(doc, name, m.start(group), m.end(), end)
        if project is None:
            continue
        key = name.removesuffix("项目")  # "“X”项目" and "X项目：" are one project
        old = found.get(key)
        if old is None or _count(project) > _count(old) or (group == "q" and _count(project) == _count(old)):
            found[key] = project
    return list(found.values())


def _count(p: Project) -> int:
    return sum(v is not None for v in (p.budget, p.actual, p.rate, p.score))


def _read(doc: Document, name: str, name_start: int, start: int, end: int) -> Project | None:
    text = doc.text
    values: dict[str, Decimal] = {}
    decimals: dict[str, int] = {}
    cells: dict[str, Evidence] = {}
    last = start
    comparisons = patterns.LineComparisons(text, start, end)
    for m in patterns.UNIT_NUMBER.finditer(text, start, end):
        unit = m.group("unit")
        kind = patterns.unit_kind(unit)
        if kind == "count":
            last = m.end()
            continue
        stop = text.rfind("。", last, m.start())
        if stop >= 0:
            last = stop + 1  # a new sentence about the same project
        if patterns.noisy(text[last : m.start()]):
            break
        measured = patterns.classify(text[last : m.start()], unit, comparison=comparisons.before(m.start()))
        last = m.end()
        if measured is None or measured.measure not in ("budget", "actual", "rate"):
            continue
        key = measured.measure
        if key in values:
            continue
        raw = m.group("num")
        value, dec = parse_number(raw), decimals_of(raw)
        if kind == "money":
            value, dec = to_wan(value, "万元" if unit == "万" else unit, dec)
        values[key], decimals[key] = value, dec
        cells[key] = evidence_for(doc, m.start(), m.end())
    score = _SCORE.search(text, start, end)
    if score and not values.get("score"):
        raw = score.group("n")
        values["score"], decimals["score"] = parse_number(raw), decimals_of(raw)
        cells["score"] = evidence_for(doc, score.start("n"), score.end())
    if len([k for k in values if k != "score"]) < 2:
        return None
    stop = max(ev.end for ev in cells.values())
    evidence = evidence_for(doc, name_start, stop)
    return Project(name=name, evidence=evidence, cells=cells, decimals=decimals, **values)


_LIST_HEAD = gated(
    r"项目支出[^。；;\n]{0,40}?(?:主要用于|主要包括|具体包括|包括|用于)[:：]?"
    r"|(?P<figure>项目支出(?:预算)?(?:为|是)?\s*\d[\d,]*(?:\.\d+)?\s*万元\s*[，,:：])"
)
_ITEM_NAME = re.compile(r"[\u4e00-\u9fff（）()“”\w]{2,40}(?:项目|专项|工程|经费|资金)")
"""A listed item is a project only when its name says so: what money 主要用于 may also be an
economic class (办公费) or an activity, which are not projects."""
_ITEM_FEE = re.compile(rf"{_ITEM_NAME.pattern}|[\u4e00-\u9fff（）()“”\w]{{5,40}}费")
"""Items listed right after the project total (项目支出预算X万元，A运行费a万元，B经费b万元): the
projects it is made of, a fee too where its name says more than an economic class's does
(档案馆库房运行费, not 办公费 or 物业管理费)."""
_LEAD = re.compile(r"^(?:[、，,；;：:\s]|其中|主要|用于|包括|是|为|以及|和|及)+")
_LIST_END = re.compile(r"[。；;\n]")


def listed_projects(doc: Document, *, budget: bool = False, prose: Prose | None = None) -> list[Project]:
    """Projects of a list under project spending: each item a project name and one amount.

    The list starts after 项目支出 … 主要用于 / 包括, or right after the project total's figure
    (项目支出预算X万元，A a万元，B b万元), in one sentence and runs to its end; a list is two items
    at least. Each item's measure is the head's: ``budget`` where the head names a budget
    (项目支出预算…) or the document is one (``budget``: a budget's prose states budgets), else ``actual``."""
    if prose is None:  # a list wrapped over lines is one sentence: read the joined paragraphs
        prose = join_paragraphs(doc.text, doc.page_starts)
    text = prose.text

    def evidence(start: int, end: int) -> Evidence:
        return evidence_for(doc, *prose.doc_span(start, end))

    out: list[Project] = []
    for head in _LIST_HEAD.finditer(text):
        end_m = _LIST_END.search(text, head.end())
        end = end_m.start() if end_m else len(text)
        sentence_start = max(text.rfind("。", 0, head.start()), text.rfind("\n", 0, head.start())) + 1
        measure = "budget" if budget or "预算" in text[sentence_start : head.end()] else "actual"
        items: list[Project] = []
        item_name = _ITEM_FEE if head.group("figure") else _ITEM_NAME
        last = head.end()
        for m in patterns.UNIT_NUMBER.finditer(text, head.end(), end):
            if patterns.unit_kind(m.group("unit")) != "money":
                break
            name = _LEAD.sub("", text[last : m.start()].strip())
            last = m.end()
            if not item_name.fullmatch(name) or _SKIP_NAME.match(name) or find_terms(name):
                break  # not a list of projects (or no longer one)
            unit = "万元" if m.group("unit") == "万" else m.group("unit")
            value, dec = to_wan(parse_number(m.group("num")), unit, decimals_of(m.group("num")))
            start = text.rfind(name, 0, m.start())
            items.append(
                Project(
                    name=name,
                    evidence=evidence(start, m.end()),
                    cells={measure: evidence(m.start(), m.end())},
                    decimals={measure: dec},
                    **{measure: value},
                )
            )
        if len(items) >= 2:
            out.extend(items)
    return out
