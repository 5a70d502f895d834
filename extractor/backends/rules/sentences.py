"""Facts from running text: subjects (concept terms), numbers with units, and the cue words
between them.

The text is read in *units*: a paragraph (the lines a PDF wrapped joined again, see
:mod:`.prose`), or each cell of a tab-separated line, split into
sentences at 。；; and "!?". Within a unit the current subject is the last concept term
seen; each number with a unit binds to it (:mod:`.binding`), its measure decided by :func:`patterns.classify`
from the words in between. A term right after 占 ("占本年支出合计的93%") names the whole of
a share, not a new subject; a bare 支出/收入 ("支出决算为…") continues the current subject.
A number whose subject changed to something outside the catalogue ("其中，副省级领导用车
0辆", "…4.20万元，工会经费9.60万元") is left out; the terms of what money is for ("主要用于…")
name no subject.

Scope comes from the term ("一般公共预算财政拨款支出"), else from the sentence's scope
words before the term, else from the head of a 其中 list ("一般公共预算支出X万元。其中：基本支出…"),
else from the nearest section heading that names one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from extractor.backends.rules import binding, clauses, patterns
from extractor.backends.rules.lexicon import TermMatch, find_terms
from extractor.backends.rules.prose import Prose, join_paragraphs
from extractor.backends.rules.scopes import SentenceScopes, scope_in
from extractor.concepts import BY_ID
from extractor.document import Document, heading_level
from extractor.result import Fact

__all__ = ["Unit", "scan", "units_of"]

_SENTENCE_END = re.compile(r"[。;；!?！？]")
_WHOLE_BEFORE = re.compile(r"占(?:[^\d，,。；;]{0,3})$")
_SUBITEM = re.compile(r"其中[:：，,]?\s*(?P<noun>[\u4e00-\u9fff]{2,})")
_LIST_HEAD = re.compile(r"其中")
_PARTS = frozenset({"expenditure.basic", "expenditure.project"})
"""Parts of spending a 其中 list may break down by function class (the part's share of each class)."""
_SUBITEM_OK = re.compile(r"^(?:为|是|共|合计|总计|总额|支出|收入|决算|预算)+$")
_RESPECTIVELY = re.compile(r"分别")
_LIST_JOINER = re.compile(r"\s*[、和及与,，]\s*")
_BARE = frozenset({"income.generic", "exp.generic"})
_CLAUSE_OPEN = re.compile(r"[，,；;]\s*$")
_BUDGET_WORDS = frozenset({"exp.budget", "exp.budget_word", "income.budget"})
_BREAKDOWN_OF_POSTS = frozenset({"staff.admin", "staff.inst"})


class Unit(NamedTuple):
    """A stretch of text read on its own (a line or a table cell), with its heading scope."""

    start: int
    end: int
    heading_scope: str | None
    cell: bool = False
    """A cell of a table row: what it says is about the row."""


_RUN_IN_TITLE = re.compile(
    r"^\s*[(（]\s*[一二三四五六七八九十]+\s*[)）][^。；;，,:：\d]{2,40}(?:说明|情况|概况)"
    r"(?:\s*[(（]\s*详见[^()（）]{0,12}[)）])?"
)
"""A numbered section title that its paragraph runs on from, on one line."""


def units_of(text: str) -> Iterator[Unit]:
    """Lines (cells for tab-separated lines) with the scope of their section heading."""
    heading_scopes: dict[int, str | None] = {}
    scope: str | None = None  # the innermost heading's scope that names one
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        level, title = heading_level(line), line
        run_in = _RUN_IN_TITLE.match(line) if level is None or patterns.UNIT_NUMBER.search(line) else None
        if run_in:  # "（四）财政拨款收支预算情况的总体说明（详见表N）2026年…": the paragraph runs on from its title
            level, title = 3, run_in.group()
        if level is not None and level <= 3 and not patterns.UNIT_NUMBER.search(title):
            heading_scopes = {k: v for k, v in heading_scopes.items() if k < level}
            heading_scopes[level] = scope_in(title)
            scope = next((heading_scopes[k] for k in sorted(heading_scopes, reverse=True) if heading_scopes[k]), None)
        if "\t" in line:
            cell_start = start
            for cell in line.split("\t"):
                if cell.strip():
                    yield Unit(cell_start, cell_start + len(cell), scope, cell=True)
                cell_start += len(cell) + 1
        else:
            yield Unit(start, end, scope)


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    s = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if m.end() > s:
            yield s, m.end()
        s = m.end()
    if s < end:
        yield s, end


def _same_family(a: str, b: str) -> bool:
    return a.split(".")[0] == b.split(".")[0]


# Income from sources other than the treasury is never fiscal: only its own words scope it.
_NON_FISCAL = frozenset(
    {
        "income.superior_subsidy",
        "income.business",
        "income.operating",
        "income.affiliated",
        "income.other",
        "income.fiscal_special_account",
        "income.unit_funds",
    }
)


_WHOLE_BUDGET = re.compile(
    r"(?:部门|单位)(?:本年|年度|全年)?(?:收入|支出)?预算|(?:部门|单位)(?:本年|年度|全年)?预算(?:收入|支出)"
)
"""The department's (unit's) own budget, 部门预算收入 / 本单位支出预算: all its money, whatever fund an
earlier clause of the sentence named ("其中一般公共预算拨款收入X万元、…，本部门预算收入较上年减少Y万元")."""


def _scope_for(term: TermMatch, prefix_scope: str | None, heading_scope: str | None, words: str = "") -> str:
    """The term's own scope, else the one named earlier in the sentence, else the heading's; a
    term naming the department's own budget (``words``, its text) is the whole budget's."""
    concept = BY_ID.get(term.concept)
    if concept is None or not concept.scoped:
        return "all"
    if term.concept in _NON_FISCAL:
        return term.scope or "all"
    if term.scope is None and _WHOLE_BUDGET.match(words):
        return "all"
    return term.scope or prefix_scope or heading_scope or "all"


def scan(doc: Document, year: int | None = None, prose: Prose | None = None) -> list[Fact]:
    """Every fact the running text states, with evidence. Offsets are into ``doc.text``.

    ``year`` is the report's fiscal year: a stock stated as of an earlier date ("截至2025年
    12月31日，本部门共有车辆5辆" in a 2026 budget) is the prior year's. ``prose``: the document's
    :func:`join_paragraphs`, when the caller has it already."""
    facts: list[Fact] = []
    view = binding.View(doc, prose or join_paragraphs(doc.text, doc.page_starts))
    text = view.text
    carried: patterns.Comparison | None = None  # the comparison a list of changes is under
    for unit in units_of(text):
        given, carried = clauses.list_comparison(text[unit.start : unit.end], carried)
        if not patterns.UNIT_NUMBER.search(text, unit.start, unit.end) and not patterns.FLAT.search(
            text, unit.start, unit.end
        ):
            continue  # facts come from its numbers and 持平 only: a unit with neither states none
        comparisons = patterns.LineComparisons(text, unit.start, unit.end, given)
        subject: TermMatch | None = None
        subject_scope = "all"
        aside = False  # inside what the money is for
        inherited: str | None = None  # the scope a 其中 list takes from its head clause
        list_at: int | None = None  # where the open 其中 list starts
        budget_list = False  # the 其中 list breaks down a budget: its items are budgets too
        for s, e in _sentences(text, unit.start, unit.end):
            sentence = text[s:e]
            first_fact = len(facts)
            aside = aside and bool(patterns.ASIDE_GOES_ON.match(sentence))
            if s > unit.start and text[s - 1] not in ";；":
                inherited = list_at = None  # a list runs over clauses split by ；, not past a full stop
                budget_list = False
            scopes = SentenceScopes(sentence)
            terms = [_shift(t, s) for t in find_terms(sentence)]
            numbers = list(patterns.UNIT_NUMBER.finditer(text, s, e))
            respectively = [m.start() + s for m in _RESPECTIVELY.finditer(sentence)]
            events = sorted(
                [(t.start, 0, t) for t in terms]
                + [(n.start(), 1, n) for n in numbers]
                + [(p, 2, p) for p in respectively]
                + [(a.start() + s, 3, True) for a in patterns.ASIDE.finditer(sentence)]
                + [(a.start() + s, 3, False) for a in patterns.ASIDE_END.finditer(sentence)]
                + [(a.start() + s, 4, None) for a in _LIST_HEAD.finditer(sentence)],
                key=lambda ev: (ev[0], ev[1]),
            )
            last_token_end = s
            last_bound_end = s
            said_again = s  # the end of a wording that named the subject again ("实际采购金额")
            listed: list[TermMatch] = []  # subjects in a row ("A、B和C")
            parallel: list[TermMatch] = []  # "分别": the k-th number belongs to the k-th subject
            parallel_all: list[TermMatch] = []
            parallel_from = s
            posts = False  # inside a breakdown of authorised posts
            kinds_of: str | None = None  # the count concept a 其中 list breaks down
            part_by_class = False  # a 其中 list under 基本支出/项目支出: that part by function class
            for pos, kind, obj in events:
                if kind == 4:
                    list_at = pos
                    if subject is not None and subject_scope != "all":
                        inherited = subject_scope  # "一般公共预算支出X万元，其中：基本支出Y万元"
                    # "“三公”经费预算为20万元，其中：公务接待费9万元": the head's measure
                    budget_list = subject is not None and bool(facts) and facts[-1].concept == subject.concept
                    budget_list = budget_list and facts[-1].measure == "budget"
                    if subject is not None and BY_ID.get(subject.concept) and BY_ID[subject.concept].kind == "count":
                        kinds_of = subject.concept  # "共有车辆46辆，其中…公务用车29辆": kinds, not the count
                    if facts[first_fact:] and facts[-1].concept in _PARTS:
                        part_by_class = True  # "项目支出X万元，其中：一般公共服务支出Y万元": no class figure
                    continue
                if kind == 3:
                    if aside and not obj:
                        last_bound_end = max(last_bound_end, pos)  # the words of the aside are no noise
                    aside = bool(obj)
                    continue
                if aside:
                    if isinstance(obj, re.Match):
                        last_token_end = obj.end()
                    continue
                if kind == 2:
                    if len(listed) >= 2:
                        parallel_all = list(listed)
                    # a second "分别" with no new list ("占比分别为52.2%和47.8%") means the same subjects
                    parallel = list(parallel_all)
                    parallel_from = last_token_end
                    continue
                if kind == 0:
                    term: TermMatch = obj  # type: ignore[assignment]
                    if text[max(s, term.start - 2) : term.start] == "涉及":
                        subject = None  # "项目均实行绩效目标管理，涉及一般公共预算当年拨款X万元": the projects' money
                        continue
                    if _WHOLE_BEFORE.search(text, max(s, term.start - 4), term.start):  # 占 + at most 3
                        continue  # the whole of a share, not a new subject
                    if term.concept == kinds_of:
                        continue
                    if unit.cell and term.term.name in _BARE:
                        continue  # "按月发放工资，支出12.30万元左右" in a row: the row's money
                    if part_by_class and term.concept.startswith("expenditure.function"):
                        subject = None
                        continue
                    if (
                        subject is not None
                        and term.term.name in _BUDGET_WORDS
                        and not text[subject.end : term.start].strip()
                    ):
                        continue  # "机关运行经费财政拨款预算310.25万元": the subject's budget, not the department's
                    opens = subject is not None and subject.start < s and not text[s : term.start].strip()
                    if (
                        term.term.name in _BARE
                        and list_at is not None
                        and subject is not None
                        and subject.start > list_at
                        and (not text[s : term.start].strip() or _CLAUSE_OPEN.search(text, s, term.start))
                    ):
                        # "其中：A 5万元，B 3万元，收入比上年增加2万元": a bare 收入 opening a clause after the
                        # list's items names the whole the list breaks down, not its last item
                        list_at, listed, subject = None, [term], term
                        subject_scope = _scope_for(term, inherited, unit.heading_scope)
                        continue
                    if (
                        term.term.generic
                        and subject is not None
                        and _spending(term.concept) == _spending(subject.concept)
                        and not opens  # "…支出80万元。支出较上年增加5万元": an opening 支出 is the department's
                    ) or term.term.continues_only:
                        said_again = term.end  # "支出决算为…" goes on about the current subject
                        continue
                    glossed = clauses.gloss_of(text, s, term.start, subject.end if subject else None)
                    if glossed == "subject":
                        continue  # "人员经费（含离退休费）…": a gloss on the subject, not a new one
                    if glossed == "name":
                        subject = None  # "行政运行（…基本支出）2678.58万元": the figure is the name's
                        continue
                    if term.term.within and (subject is None or not subject.concept.startswith(term.term.within)):
                        continue  # "货物类" names procurement of goods only inside procurement
                    if (
                        text[term.start : term.end].endswith("编制")
                        and term.term.name in _BREAKDOWN_OF_POSTS
                        and (posts or (subject is not None and subject.concept == "staff.authorized"))
                    ):
                        subject, posts = None, True  # "核定编制42名（行政编制17名…）": posts, not people
                        continue
                    posts = False
                    joined = bool(listed) and _LIST_JOINER.fullmatch(text[listed[-1].end : term.start]) is not None
                    listed = [*listed, term] if joined else [term]
                    subject = term
                    subject_scope = _scope_for(
                        term,
                        scopes.before(term.start - s) or inherited,
                        unit.heading_scope,
                        text[term.start : term.end],
                    )
                    continue
                m: re.Match[str] = obj  # type: ignore[assignment]
                listed = []
                if parallel:
                    subject = parallel.pop(0)
                    subject_scope = _scope_for(subject, scopes.before(subject.start - s), unit.heading_scope)
                    fact = binding.bind(
                        view,
                        s,
                        m,
                        subject,
                        subject_scope,
                        m.start(),
                        m.start(),
                        comparisons,
                        lead_from=max(parallel_from, subject.start),
                    )
                    last_token_end = m.end()
                    if fact is not None:
                        facts.append(fact)
                    if not parallel:
                        subject = None  # the list is used up; what follows needs its own subject
                    continue
                if subject is not None and _diverted(text[max(subject.end, last_token_end) : m.start()]):
                    subject = None  # "其中，X用车0辆": a sub-item outside the catalogue took over
                if (
                    subject is not None
                    and last_bound_end > max(subject.end, s)
                    and patterns.names_other(text[max(last_bound_end, said_again) : m.start()])
                ):
                    subject = None  # "A4.20万元，工会经费9.60万元": the second figure is another item's
                fact = binding.bind(view, s, m, subject, subject_scope, last_token_end, last_bound_end, comparisons)
                if fact is not None and budget_list:
                    (fact,) = binding.as_budget([fact])  # unless its own words say executed
                named = patterns.named_year(text[max(s, last_token_end) : m.start()])
                earlier = year is not None and named is not None and named < year
                if fact is not None and earlier and fact.measure in ("budget", "actual"):
                    fact = fact.model_copy(update={"period": "prior"})  # "2025年预算数为…" in a 2026 budget
                if (
                    fact is None
                    and facts[first_fact:]
                    and facts[-1].measure == "change"
                    and m.group("unit") == "%"
                    and _BRACKETED.fullmatch(text, last_bound_end, m.start())
                ):
                    fact = binding.rate_of(view, facts[-1], m)  # "较上年减少3.00万元（12.50%）"
                elif fact is None and facts[first_fact:] and text[last_bound_end : m.start()] == "的":
                    fact = binding.rate_after_budget(view, facts[-1], m)  # "完成预算100万元的80%"
                last_token_end = m.end()
                if fact is not None:
                    facts.append(fact)
                    last_bound_end = m.end()
            facts[first_fact:] = _without_unit_slips(facts[first_fact:], sentence)
            facts[first_fact:] = clauses.without_fund_parts(facts[first_fact:], sentence)
            facts[first_fact:] = clauses.counted_before(facts[first_fact:], sentence, year)
            flat = patterns.FLAT.search(sentence)
            if flat and subject is not None and BY_ID.get(subject.concept) and BY_ID[subject.concept].kind == "money":
                facts.append(
                    binding.fact(
                        view, subject, subject_scope, "change", Decimal(0), 0, s + flat.start(), s + flat.end(), None
                    )
                )
    return facts


_BRACKETED = re.compile(r"\s*[(（]\s*")


def _without_unit_slips(found: list[Fact], sentence: str) -> list[Fact]:
    """A whole in 元 that its own 其中 parts in 万元 exceed ("预算支出1,500.25元，其中基本支出预算1,100.10万元")
    has a misprinted unit: neither reading of it can be trusted, so it is left out."""
    if not _LIST_HEAD.search(sentence):
        return found

    def slip(f: Fact) -> bool:
        return f.source_unit == "元" and any(
            p.source_unit is None
            and p.unit == "万元"
            and p.evidence.start > f.evidence.end
            and p.value > f.value
            and _same_family(p.concept, f.concept)
            for p in found
        )

    return [f for f in found if not slip(f)]


def _spending(concept: str) -> bool:
    """A bare 支出 word goes on about spending, a bare 收入 word about income: after "收入X万元"
    "支出预算Y万元" names the spending total, not the income again."""
    return not concept.startswith("income.")


def _shift(t: TermMatch, offset: int) -> TermMatch:
    return TermMatch(t.term, t.start + offset, t.end + offset, label=t.label, scope=t.scope)


def _diverted(lead: str) -> bool:
    sub = _SUBITEM.search(lead)
    return bool(sub and not _SUBITEM_OK.match(sub.group("noun")) and not find_terms(sub.group("noun")))
