"""Small named patterns for the words around a number: its unit, its measure, its sign.

Each pattern is a module-level constant with a docstring-sized comment and its own tests in
``tests/extract/rules/test_patterns.py``. :func:`classify` turns the words between a subject
and a number ("年初预算为", "，占", "比上年增加") into a measure, or ``None`` when unsure.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

from extractor.backends.rules.firstchars import gated
from extractor.concepts import MONEY_UNIT_RE, UNIT_ALIASES, WAN_SHIFT

__all__ = [
    "UNIT_NUMBER",
    "Comparison",
    "LineComparisons",
    "Measured",
    "classify",
    "is_bound",
    "is_target",
    "named_year",
    "names_other",
    "unit_kind",
]

# A number followed by its unit. 人次 is not a head count; 万人 is not money.
UNIT_NUMBER = gated(
    r"(?<![\d.\-])(?P<num>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*"
    rf"(?P<unit>{MONEY_UNIT_RE}|万(?![人个次家])|%|‰|人次|人|名|个|辆|家|台)"
)
# A target written with a comparison (">=90%", "≤980.00万") is a goal, not a stated value.
TARGET_PREFIX = gated(r"(?:[<>≤≥=＜＞]=?|不低于|不高于|不超过|不少于|大于|小于|达到|高于|低于)\s*$")

# A bound on a class of things ("单价 35 万元以上的设备"): an amount after a unit-price word, or one
# followed by 以上/以下, says what is counted and is no figure of the report.
UNIT_PRICE = re.compile(r"(?:单价|单位价值|价值)\s*(?:为|在)?\s*$")
BOUND_AFTER = re.compile(r"\s*(?:[(（]含[)）])?\s*(?:以上|以下)")

# The measure cues.
SHARE = re.compile(r"占")
RATE = re.compile(
    r"执行率|完成率|完成(?:了)?(?:年初|全年|调整)?预算(?:数)?的?|预算执行(?:进度|率)?|执行进度|为预算的|支付进度"
)
INCREASE = re.compile(r"增加|增长|上升|提高|增幅|多支|超支|增")
DECREASE = re.compile(r"减少|下降|降低|降幅|节约|少支|减")
CHANGE_VERB = re.compile(rf"{INCREASE.pattern}|{DECREASE.pattern}")
VS_PRIOR = re.compile(r"上年|上一年|去年|同期|相比|较|比\s*\d{4}|比")
# Against the budget ("较预算", "比年初预算"); not the 比 of 相比 ("和上年相比预算减少": the budget fell).
VS_BUDGET = gated(r"(?:较|(?<!相)比|与)(?:年初)?(?:全年)?(?:调整)?预算(?:数|支出|安排)?(?:相比)?")
FLAT = gated(r"(?:与|较|比)上年(?:度)?(?:相比)?(?:基本)?持平|同比持平")
PRIOR = gated(
    r"上年(?:度)?(?:决算数?|支出|收入|同期)?(?:为|是)|上年度?(?:决算)?数"
    r"|(?:较|比|与)\s*(?:上年|上一年|去年|\d{4}\s*年度?)(?:同期)?的\s*$"
)
PRIOR_BUDGET = re.compile(r"(?:上年|去年|上一年)度?(?:年初)?预算数?\s*(?:为|是)")
"""Last year's budget stated as a figure ("（上年预算数为0万元，无法计算增减比率）")."""
BUDGET_WORD = re.compile(r"预算")
ACTUAL_WORD = re.compile(r"决算|执行数|执行|实际|完成|支出(?!预算)|使用|到位|发生")
COMPARISON_FAMILY = gated(r"(?:比|较|与)\s*(?:上年|上一年|去年|同期|\d{4}\s*年)|同比")

# Budget names that are scopes, not the budget measure ("一般公共预算财政拨款收入").
SCOPE_NAMES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算")
# Words that may stand between a subject and its number without changing the subject.
CUE_WORDS = re.compile(
    r"为|是|共计|共|合计|总计|总额|决算数?|预算数?|年初|全年|调整|执行数?|实际|支出|收入|完成|其中|占|比|较|"
    r"上年|上一年|同期|相比|与|年度|本年|当年|增加|减少|增长|下降|上升|降低|达到|约|累计|金额|资金|数|的|了|度|"
    r"元|万|总|额|经费|费用?|分别|全部|安排|规模|用于|主要|情况|如下|财政拨款|拨款|决算|预算|共有|现有|有|实有|"
    r"人|名|个|辆|持平|基本|同比|减低|增幅|降幅|\d{4}年"
)
NOISE_LIMIT = 6
# What money is for ("主要用于保障在职人员工资福利…"): the terms of such an aside are not new
# subjects. (A reason, "主要是基本支出增加120.50万元", does state figures: it is read.)
ASIDE = gated(r"(?:主要)?用于")
# A clause that compares again ends the aside ("…，主要用于A，较上年增加5万元"), and so does a
# colon that opens a breakdown ("主要用于以下方面：一般公共服务支出88.40万元").
ASIDE_END = gated(r"[，,](?=\s*(?:比|较|与|和|同比|增|减|下降|上升))|[:：]")
# A sentence that goes on listing uses ("二是…") stays in the aside.
ASIDE_GOES_ON = re.compile(r"^\s*(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]|另外|此外)")
# The date a stock is counted at ("截至2025年12月31日", "截止2021年底").
AS_OF = re.compile(r"截[至止]\s*(?P<year>\d{4})\s*年")
# A figure introduced by its year ("…为4.10万元，2025年预算数为5.25万元"), right before the number.
YEAR_FIGURE = gated(
    r"(?P<year>\d{4})\s*年度?\s*(?:年初|全年)?(?:预算|决算|执行|实际)?(?:数|支出|收入)?\s*(?:为|是)?\s*$"
)
_CLAUSE = re.compile(r"[，,、;；:：]")
_SCOPE_WORDS = re.compile(r"一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?|财政拨款|财政资金")

MONEY_UNITS = frozenset({*WAN_SHIFT, *UNIT_ALIASES})
PERCENT_UNITS = frozenset({"%", "‰"})


def unit_kind(unit: str) -> str:
    if unit in MONEY_UNITS:
        return "money"
    if unit in PERCENT_UNITS:
        return "percent"
    return "count"


def noisy(between: str, *, strict: bool = False) -> bool:
    """True when the words between a subject and a number name something else.

    ``strict`` is for a second count after the first ("内设科室8个，下辖社区11个"): any
    other noun there names something else.
    """
    rest = CUE_WORDS.sub("", between)
    return len(re.findall(r"[\u4e00-\u9fff]", rest)) > (1 if strict else NOISE_LIMIT)


def names_other(between: str) -> bool:
    """True when the clause right before a second figure names something else: after
    "公务用车运行维护费4.20万元", "，工会经费9.60万元" is another item, while "，比上年减少1万元"
    or "，其中一般公共预算5万元" still speaks of the subject."""
    clause = _CLAUSE.split(between)[-1]
    if "占" in clause:
        clause = clause[: clause.rfind("占")]  # "，占政府采购支出总额的": the whole of a share
    rest = CUE_WORDS.sub("", _SCOPE_WORDS.sub("", clause))
    return len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 2


def is_target(before: str) -> bool:
    """True when the text just before a number marks it as a target (">=", "不低于")."""
    return bool(TARGET_PREFIX.search(before[-6:]))


def named_year(lead: str) -> int | None:
    """The year a figure is introduced by ("2025年预算数为"), or ``None``."""
    m = YEAR_FIGURE.search(lead)
    return int(m.group("year")) if m else None


def is_bound(before: str, after: str) -> bool:
    """True when a number bounds a class of things instead of stating a figure: a unit price
    ("单价35万元", "单位价值80万元") or an amount followed by 以上/以下 ("80万元（含）以上的设备")."""
    return bool(UNIT_PRICE.search(before[-8:]) or BOUND_AFTER.match(after))


@dataclass(frozen=True, slots=True)
class Measured:
    measure: str
    negative: bool = False
    period: str = "current"


def _last(pattern: re.Pattern[str], text: str) -> int:
    last = -1
    for m in pattern.finditer(text):
        last = m.start()
    return last


@dataclass(frozen=True, slots=True)
class Comparison:
    """What the text before a number says about comparisons: whether one is named at all
    (比上年, 同比 …) and whether the last one named is against the budget (较预算 …)."""

    named: bool
    vs_budget: bool

    @classmethod
    def of(cls, before: str) -> Comparison:
        context = SCOPE_NAMES.sub("", before)
        return cls(
            named=bool(VS_PRIOR.search(context) or COMPARISON_FAMILY.search(context)),
            vs_budget=_last(VS_BUDGET, context) > _last(COMPARISON_FAMILY, context),
        )


class LineComparisons:
    """:meth:`Comparison.of` for every prefix of one line, in time linear in the line.

    The line is read once (as far as the queries reach, doubling the stretch read when a
    query goes past it): scope names are stripped and the cue patterns' matches recorded.
    A query for the text before ``pos`` takes the matches that end before it; only a match
    cut by ``pos`` is searched again, in the few characters it spans. This gives exactly what
    :meth:`Comparison.of` gives on the slice (the patterns have no look-aheads or anchors,
    so a prefix has the same matches up to the first one it cuts; a look-behind
    sees the same characters in both), without re-reading the
    line before every number of a long one.
    """

    _CUES = (VS_PRIOR, COMPARISON_FAMILY, VS_BUDGET)

    def __init__(self, text: str, start: int, end: int, given: Comparison | None = None) -> None:
        self._text, self._start, self._end = text, start, end
        self._given = given
        """A comparison the line inherits (a list item under "比上年减少X万元，其中："), used where the
        line itself names none before the number."""
        self._read_to = -1  # read when first asked: many lines ask nothing

    def _read(self, to: int) -> None:
        self._read_to = to
        line = self._text[self._start : to]
        self._scopes = [(m.start(), m.end()) for m in SCOPE_NAMES.finditer(line)]
        self._scope_starts = [a for a, _ in self._scopes]
        self._removed = list(accumulate((b - a for a, b in self._scopes), initial=0))
        self._stripped = SCOPE_NAMES.sub("", line)
        self._matches = {p: [(m.start(), m.end()) for m in p.finditer(self._stripped)] for p in self._CUES}
        self._starts = {p: [a for a, _ in spans] for p, spans in self._matches.items()}

    def before(self, pos: int) -> Comparison:
        """The comparison named in ``text[start:pos]`` (else the inherited one)."""
        found = self._before(pos)
        return found if found.named or self._given is None else self._given

    def _before(self, pos: int) -> Comparison:
        if not self._start <= pos <= self._end:
            return Comparison.of(self._text[self._start : pos])
        if self._read_to < 0:
            self._read(min(self._end, self._start + 4096))
        if pos > self._read_to:
            self._read(min(self._end, max(pos, 2 * self._read_to - self._start)))
        rel = pos - self._start
        k = bisect_left(self._scope_starts, rel)
        if k and self._scopes[k - 1][1] > rel:
            return Comparison.of(self._text[self._start : pos])  # a scope name cut in two: read the slice
        q = rel - self._removed[k]
        named = self._last(VS_PRIOR, q) >= 0 or self._last(COMPARISON_FAMILY, q) >= 0
        return Comparison(named=named, vs_budget=self._last(VS_BUDGET, q) > self._last(COMPARISON_FAMILY, q))

    def _last(self, pattern: re.Pattern[str], q: int) -> int:
        """Start of the last match of ``pattern`` in ``stripped[:q]``, or -1."""
        spans = self._matches[pattern]
        i = bisect_left(self._starts[pattern], q)
        if i and spans[i - 1][1] > q:  # the last match runs past q: search its stretch again
            cut = spans[i - 1][0]
            return _last_in(pattern, self._stripped, cut, q, spans[i - 2][0] if i >= 2 else -1)
        return spans[i - 1][0] if i else -1


def _last_in(pattern: re.Pattern[str], text: str, pos: int, endpos: int, default: int) -> int:
    last = default
    for m in pattern.finditer(text, pos, endpos):
        last = m.start()
    return last


def classify(
    lead: str, unit: str, *, sentence_before: str = "", comparison: Comparison | None = None
) -> Measured | None:
    """The measure of a number from the words before it.

    ``lead`` is the text between the subject (or the previous number) and the number;
    ``sentence_before`` is everything in the sentence before the number (for the
    comparison that a change refers to), or ``comparison`` what it says, when the caller
    has it from :class:`LineComparisons`. Returns ``None`` when the words do not say.
    """
    kind = unit_kind(unit)
    lead = SCOPE_NAMES.sub("", lead)
    if comparison is None:
        comparison = Comparison.of(sentence_before or lead)
    vs_budget = comparison.vs_budget
    negative = bool(DECREASE.search(lead)) and _last(DECREASE, lead) >= _last(INCREASE, lead)
    if kind == "percent":
        if SHARE.search(lead):
            return Measured("share")
        if CHANGE_VERB.search(lead) and comparison.named:
            if vs_budget:
                return None  # a percent against the budget is no catalogue measure
            return Measured("change_pct", negative)
        if RATE.search(lead):
            return Measured("rate")
        return None
    if kind == "money":
        if CHANGE_VERB.search(lead) and (VS_BUDGET.search(lead) or vs_budget):
            return Measured("vs_budget", negative)
        if CHANGE_VERB.search(lead) and comparison.named:
            return Measured("change", negative)
        if CHANGE_VERB.search(lead[-4:]):
            return None  # "增加1,874.36万元" with no comparison named: a change of what? unsure
        if PRIOR_BUDGET.search(lead):
            return Measured("budget", period="prior")
        if PRIOR.search(lead):
            return Measured("actual", period="prior")
        if _last(BUDGET_WORD, lead) > _last(ACTUAL_WORD, lead):
            return Measured("budget")
        return Measured("actual")
    return Measured("actual")
