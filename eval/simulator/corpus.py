"""What the simulated model "knows": every gold item located in its document's text.

A gold set (``eval/gold``, ``eval/challenge/gold`` …) labels each fact, project and
indicator with the ``quote`` its labeller read it from. The simulator reads each document
the way the extractor does (the same reader, so the text it is sent is a substring of what
it indexed), finds every gold quote in that text, and the number inside the quote as it is
*written* there (``311.20``, ``3,112,000.00`` in 元, ``0.40`` under 减少). A request's excerpt
is then answered with the items whose quote lies inside it — what a careful model would
return for that excerpt.

An item whose quote is not in the text, or whose number is not in its quote (nor in the
line around it), is not answerable: the simulator leaves it out and counts it
(:attr:`Corpus.unanswerable`), so a gap in gold never shows up as an injected error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from extractor.concepts import BY_ID, unit_for
from extractor.evaluate.gold import Gold, load_gold_dir
from extractor.ground import align
from extractor.harness import find_document
from extractor.ingest import read
from extractor.numbers import WrittenNumber, find_numbers
from extractor.settings import Settings

__all__ = ["Corpus", "Item", "Written", "load_corpus"]

_UNIT_AFTER = re.compile(r"\s*(亿元|万元|元)")
_SCORE_CUE = re.compile(r"(自评得分|综合得分|总得分|总分|得分|评分)[^0-9\n]{0,12}$")


@dataclass(frozen=True, slots=True)
class Written:
    """One number as the document writes it, and what it means in result units."""

    text: str  # as written: "311.20", "3,112,000.00", "0.40"
    start: int  # offset in the document text
    unit: str | None  # 元 | 万元 | 亿元 for money; % ; count; None for plain numbers
    value: Decimal  # the gold value (万元 for money, signed)
    negative_in_words: bool = False  # written unsigned, negative by 减少/下降


@dataclass(frozen=True, slots=True)
class Item:
    """A gold item the simulator can answer: where its quote is and its answer as a model gives it."""

    id: str
    document: str
    kind: str  # fact | project | indicator | evaluation | metadata
    group: str  # the response field it goes in: facts, projects, …
    start: int
    end: int
    answer: dict[str, Any]  # the correct item, numbers as written (strings)
    numbers: dict[str, Written]  # answer field → the number behind it
    key: dict[str, Any]  # how the eval side finds it in a result

    @property
    def quote(self) -> str:
        return str(self.answer.get("quote", ""))


@dataclass
class Doc:
    name: str
    text: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Corpus:
    docs: list[Doc]
    unanswerable: list[str] = field(default_factory=list)

    def find(self, excerpt: str) -> tuple[Doc, int] | None:
        """The document an excerpt was cut from, and where (the first exact occurrence)."""
        for d in self.docs:
            pos = d.text.find(excerpt)
            if pos >= 0:
                return d, pos
        return None

    def items_in(self, excerpt: str) -> tuple[Doc | None, int, list[Item]]:
        """The gold items whose quotes lie in ``excerpt``."""
        hit = self.find(excerpt)
        if hit is not None:
            doc, pos = hit
            end = pos + len(excerpt)
            return doc, pos, [i for i in doc.items if pos <= i.start and i.end <= end]
        best: tuple[Doc | None, list[Item]] = (None, [])
        for d in self.docs:  # an excerpt rendered differently (a table re-laid out): quotes by text
            found = [i for i in d.items if i.quote and i.quote in excerpt]
            if len(found) > len(best[1]):
                best = (d, found)
        return best[0], -1, best[1]


# --------------------------------------------------------------------------- locating


def _money_unit(text: str, n: WrittenNumber, shift: int) -> str:
    if shift == 4:
        return "元"
    if shift == -4:
        return "亿元"
    m = _UNIT_AFTER.match(text, n.end)
    return m.group(1) if m and m.group(1) != "元" else "万元"


def _locate_number(text: str, start: int, end: int, value: Decimal, money: bool) -> tuple[WrittenNumber, int] | None:
    """The first number in ``text[start:end]`` that is ``value`` as written (exactly, in 元 or
    亿元 for money, or unsigned); preference in that order."""
    found = find_numbers(text[start:end], offset=start)
    shifts = (0, 4, -4) if money else (0,)
    for shift in shifts:
        for n in found:
            if n.value.scaleb(-shift) == value:
                return n, shift
    for shift in shifts:
        for n in found:
            if n.value.scaleb(-shift) == -value:
                return n, shift
    return None


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return a, len(text) if b < 0 else b


def _span(text: str, quote: str | None) -> tuple[int, int] | None:
    if not quote:
        return None
    pos = text.find(quote)
    if pos >= 0:
        return pos, pos + len(quote)
    a = align(quote, text)
    return (a.start, a.end) if a is not None else None


def _written(
    text: str,
    span: tuple[int, int],
    value: Decimal,
    unit: str | None,
) -> tuple[Written, tuple[int, int]] | None:
    """The number in the quote (else in the quote's line, which then becomes the quote)."""
    money = unit == "万元"
    for a, b in (span, _line(text, *span)):
        hit = _locate_number(text, a, b, value, money)
        if hit is not None:
            n, shift = hit
            u = _money_unit(text, n, shift) if money else unit
            return Written(n.text, n.start, u, value, negative_in_words=n.value == -value != 0), (a, b)
    return None


class _Builder:
    def __init__(self, gold: Gold, text: str) -> None:
        self.gold, self.text = gold, text
        self.items: list[Item] = []
        self.unanswerable: list[str] = []

    def _add(
        self,
        kind: str,
        group: str,
        n: int,
        span: tuple[int, int],
        answer: dict[str, Any],
        numbers: dict[str, Written],
        key: dict[str, Any],
    ) -> None:
        answer = {**answer, "quote": self.text[span[0] : span[1]]}
        self.items.append(
            Item(
                id=f"{self.gold.stem}#{kind}{n}",
                document=self.gold.document,
                kind=kind,
                group=group,
                start=span[0],
                end=span[1],
                answer=answer,
                numbers=numbers,
                key=key,
            )
        )

    def facts(self) -> None:
        for n, f in enumerate(self.gold.facts):
            unit = unit_for(f.concept, f.measure)
            span = _span(self.text, f.quote)
            got = _written(self.text, span, f.value, unit) if span else None
            if got is None:
                self.unanswerable.append(f"{self.gold.document}: fact {f.concept} {f.measure} {f.value}")
                continue
            w, span = got
            value = ("-" + w.text) if w.negative_in_words else w.text
            answer = {
                "concept": f.concept,
                "measure": f.measure,
                "period": f.period,
                "scope": f.scope,
                "label": f.label,
                "value": value,
                "unit": w.unit,
            }
            key = {"concept": f.concept, "measure": f.measure, "period": f.period, "scope": f.scope, "label": f.label}
            self._add("fact", "facts", n, span, answer, {"value": w}, key)

    def rows(self, kind: str, rows: Iterable[Any], fields: dict[str, str | None]) -> None:
        for n, r in enumerate(rows):
            span = _span(self.text, r.quote)
            if span is None or align(r.name, self.text, lo=span[0], hi=span[1]) is None:
                self.unanswerable.append(f"{self.gold.document}: {kind} {r.name}")
                continue
            answer: dict[str, Any] = {"name": r.name}
            numbers: dict[str, Written] = {}
            for f, unit in fields.items():
                v = getattr(r, f)
                if v is None:
                    continue
                got = _written(self.text, span, v, unit)
                if got is None or got[1] != span:  # a row's numbers must be in its own quote
                    continue
                numbers[f] = got[0]
                answer[f] = got[0].text
            for f in ("level1", "level2", "target", "actual", "note"):
                v = getattr(r, f, None)
                if isinstance(v, str) and v and f not in fields and v in self.text[span[0] : span[1]]:
                    answer[f] = v
            if kind == "project":
                units = {w.unit for w in numbers.values() if w.unit in ("元", "万元", "亿元")}
                answer["unit"] = units.pop() if len(units) == 1 else "万元"
            if not numbers and not (kind == "indicator" and ("target" in answer or "actual" in answer)):
                self.unanswerable.append(f"{self.gold.document}: {kind} {r.name} (no number in its quote)")
                continue
            self._add(kind, kind + "s", n, span, answer, numbers, {"name": r.name})

    def evaluation(self) -> None:
        ev = self.gold.evaluation
        if ev.score is None:
            return
        for n in find_numbers(self.text):
            if n.value == ev.score and _SCORE_CUE.search(self.text, max(0, n.start - 20), n.start):
                a, _ = _line(self.text, n.start, n.end)
                a = max(a, n.start - 30)
                span = (a, n.end)
                answer: dict[str, Any] = {"score": n.text}
                if ev.grade and ev.grade in self.text[span[0] : span[1] + 30]:
                    span = (a, self.text.find(ev.grade, a) + len(ev.grade))
                    answer["grade"] = ev.grade
                w = Written(n.text, n.start, None, ev.score)
                self._add("evaluation", "evaluation", 0, span, answer, {"score": w}, {})
                return
        self.unanswerable.append(f"{self.gold.document}: evaluation score {ev.score}")

    def metadata(self) -> None:
        g = self.gold
        if not g.org_name or g.org_name not in self.text:
            return
        pos = self.text.find(g.org_name)
        span = _line(self.text, pos, pos + len(g.org_name))
        answer: dict[str, Any] = {"org_name": g.org_name, "report_kind": g.report_kind}
        if g.fiscal_year and str(g.fiscal_year) in self.text[span[0] : span[1]]:
            answer["fiscal_year"] = g.fiscal_year
        self._add("metadata", "metadata", 0, span, answer, {}, {})


PROJECT_FIELDS = {
    "budget": "万元",
    "actual": "万元",
    "rate": "%",
    "fiscal_budget": "万元",
    "fiscal_actual": "万元",
    "score": None,
}
INDICATOR_FIELDS = {"weight": None, "score": None}


def load_corpus(pairs: Iterable[tuple[str | Path, str | Path]]) -> Corpus:
    """Index every (gold directory, documents directory) pair."""
    settings = Settings.isolated()
    corpus = Corpus(docs=[])
    for gold_dir, docs_dir in pairs:
        for gold in load_gold_dir(gold_dir):
            path = find_document(Path(docs_dir), gold)
            if path is None:
                corpus.unanswerable.append(f"{gold.document}: document not found in {docs_dir}")
                continue
            text = read(path, settings).text
            b = _Builder(gold, text)
            b.facts()
            b.rows("project", gold.projects, PROJECT_FIELDS)
            b.rows("indicator", gold.indicators, INDICATOR_FIELDS)
            b.evaluation()
            b.metadata()
            corpus.docs.append(Doc(name=gold.document, text=text, items=b.items))
            corpus.unanswerable.extend(b.unanswerable)
    return corpus


def is_money(item: Item, field_name: str) -> bool:
    w = item.numbers.get(field_name)
    return w is not None and w.unit in ("元", "万元", "亿元")


def concept_kind(item: Item) -> str | None:
    c = BY_ID.get(str(item.answer.get("concept", "")))
    return c.kind if c else None
