"""Projects stated in running text.

"重点任务项目X，年初预算为9.67万元，年度预算执行数为9.67万元，预算执行率为100%。" and
"“X”项目绩效自评综述：…项目全年预算数为6.08万元，执行数为4.28万元，完成预算的90%。"
name a project and then give its budget, actual and rate. A project is kept when at
least two of its numbers are found; the measure of each comes from the same cue patterns
as facts (``patterns.classify``). A self-evaluation score stated for the project
("绩效自评得分为95分") is its score.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.backends.rules import patterns
from extractor.backends.rules.lexicon import find_terms
from extractor.document import Document
from extractor.ground import evidence_for
from extractor.numbers import decimals_of, parse_number, to_wan
from extractor.result import Evidence, Project

__all__ = ["scan_projects"]

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
_ENUMERATOR = re.compile(r"^(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.])")
_SCORE = re.compile(r"(?:自评)?得分(?:为|是)?\s*(?P<n>\d{1,3}(?:\.\d{1,2})?)\s*分")
_PARAGRAPH_END = re.compile(r"\n")
_SKIP_NAME = re.compile(r"^(?:本|该|各|所有|部门|整体|全部|重点|[\d一二三四五六七八九十]+个)")
"""Not a project's name: a pronoun, the whole, or a count (“项目3个，预算资金…”)."""


def scan_projects(doc: Document) -> list[Project]:
    text = doc.text
    found: dict[str, Project] = {}
    for m in PROJECT_SUBJECT.finditer(text):
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
