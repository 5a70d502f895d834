"""The errors real models make, injected into a correct answer at set rates (seeded).

Each answerable item of an excerpt gets at most one error, drawn with a random generator
seeded by ``(seed, item, excerpt position)``: the same request always gets the same answer,
a re-sent request too, and two overlapping excerpts decide independently (as a model does).

==================  ==================================================================
error               what the model returns
==================  ==================================================================
wrong_unit          the number as written with the wrong unit: 元 read as 万元 (and
                    万元 given as 元, 亿元 as 万元) — a 10⁴ error once converted
transposed_digit    two adjacent different digits swapped (311.20 → 312.10)
neighbour_value     the neighbouring column's number in the same row, else the number
                    in the same column of the neighbouring row (quoting that row)
budget_as_actual    a budget figure (预算数) returned as the actual (决算数)
dropped_sign        a 减少/下降 change returned without its minus sign
invented_number     a plausible number the excerpt does not contain, under a real quote
paraphrased_quote   the right number under a reworded quote that is not in the text
missed_item         the item left out
malformed_item      an item the schema refuses: "311.20万元", full-width digits,
                    "(0.40)", a JSON number, an unknown concept, an extra key, no quote
==================  ==================================================================

A schema re-ask (the validation error sent back) gets the malformed items corrected, as
models mostly do; a request that names a value the simulator injected (the extractor's
arithmetic feedback) gets that item answered right. Both are logged as ``fixed`` events.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from eval.simulator.corpus import Item, Written
from extractor.ground import align
from extractor.numbers import find_numbers, parse_number

__all__ = ["DEFAULT_RATE", "ERRORS", "Injection", "decide", "result_value"]

ERRORS: tuple[str, ...] = (
    "wrong_unit",
    "transposed_digit",
    "neighbour_value",
    "budget_as_actual",
    "dropped_sign",
    "invented_number",
    "paraphrased_quote",
    "missed_item",
    "malformed_item",
)
DEFAULT_RATE = 0.03
"""Per error type and item: nine types at 3 % put an error on about a quarter of the items."""

_SHIFT = {"元": -4, "亿元": 4}
_FULL = str.maketrans("0123456789.-", "０１２３４５６７８９．－")
_SYNONYMS = (
    ("支出", "开支"),
    ("收入", "进账"),
    ("预算", "计划"),
    ("合计", "总计"),
    ("决算", "实际"),
    ("财政拨款", "财政资金"),
    ("基本", "日常"),
    ("项目", "专项"),
    ("人员", "职工"),
    ("本年", "当年"),
    ("上年", "去年"),
    ("年初", "年度开始"),
    ("经费", "费用"),
    ("资金", "款项"),
    ("得分", "分数"),
    ("完成", "达成"),
    ("执行率", "执行比例"),
    ("增加", "增长"),
    ("减少", "下降"),
    ("其中", "包括"),
)
_PUNCT = re.compile(r"[，,、：:；;\s]")


@dataclass(frozen=True)
class Injection:
    """What was done to one item in one excerpt (``answer`` None: the item is left out)."""

    error: str
    variant: str
    field: str | None
    answer: dict[str, Any] | None
    key: dict[str, Any]
    gold: Decimal | None
    wrong: Decimal | None
    """The value a result would hold if the extractor took the model's word (result units)."""


def result_value(text: str, unit: str | None) -> Decimal:
    """A number as a model writes it, in result units (money in 万元)."""
    return parse_number(text).scaleb(_SHIFT.get(unit or "", 0))


def _rng(seed: int, item: Item, where: int) -> random.Random:
    h = hashlib.sha256(f"{seed}\0{item.id}\0{where}".encode()).digest()
    return random.Random(int.from_bytes(h[:8], "big"))


def _transpose(text: str, rng: random.Random) -> str | None:
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    pairs = [(a, b) for a, b in itertools.pairwise(digits) if text[a] != text[b]]
    if not pairs:
        return None
    a, b = rng.choice(pairs)
    chars = list(text)
    chars[a], chars[b] = chars[b], chars[a]
    out = "".join(chars)
    return None if out.lstrip("-").startswith("0") and not out.lstrip("-").startswith("0.") else out


def _line_numbers(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, len(text) if b < 0 else b


def _neighbour(text: str, w: Written, lo: int, hi: int, rng: random.Random) -> tuple[str, int, int, int] | None:
    """(number text, its offset, row start, row end): the same row's nearest other number,
    else the number in the same column of the row above or below."""
    a, b = _line_numbers(text, w.start)
    own = parse_number(w.text)
    row = [n for n in find_numbers(text[a:b], offset=a) if n.value != own]
    if row:
        n = min(row, key=lambda n: abs(n.start - w.start))
        return n.text, n.start, a, b
    mine = [n.start for n in find_numbers(text[a:b], offset=a)]
    col = mine.index(w.start) if w.start in mine else 0
    for c in sorted((a - 2, b + 1), key=lambda _: rng.random()):
        if not lo <= c < hi:
            continue
        la, lb = _line_numbers(text, c)
        nums = [n for n in find_numbers(text[la:lb], offset=la) if n.value != own]
        if nums and lo <= la and lb <= hi:
            n = nums[min(col, len(nums) - 1)]
            return n.text, n.start, la, lb
    return None


def _invent(w: Written, excerpt_numbers: set[Decimal], rng: random.Random) -> str:
    written = parse_number(w.text)
    decimals = len(w.text.split(".", 1)[1]) if "." in w.text else 0
    for _ in range(50):
        v = (abs(written) or Decimal(7)) * Decimal(str(round(rng.uniform(0.3, 3.0), 3)))
        text = f"{v:.{decimals}f}"
        if parse_number(text) not in excerpt_numbers and parse_number(text) != written:
            return text
    return f"{abs(written) + 1379:.{decimals}f}"


def paraphrase(quote: str, text: str) -> str:
    """A rewording a model might give — synonyms, a connective, the clauses turned round —
    reworded beyond what alignment tolerates (a light edit the aligner re-finds in ``text``
    is not a paraphrase)."""
    out = quote
    for a, b in _SYNONYMS:
        out = out.replace(a, b)
    out = _PUNCT.sub("", out)
    out = re.sub(r"(?<=[\u4e00-\u9fff])(?=-?\d)", "共计", out, count=1)
    candidates = [
        out,
        "据报告" + out + "左右",
        "据报告所述" + "，".join(reversed(re.split(r"[，,；;()（）]", out))) + "这一项",
    ]
    for c in candidates:
        if c != quote and align(c, text) is None:
            return c
    return candidates[-1]


def _malform(answer: dict[str, Any], field: str, w: Written, rng: random.Random) -> tuple[str, dict[str, Any]]:
    bad = dict(answer)
    choices = ["fullwidth", "json_number", "extra_key", "missing_quote"]
    if w.unit in ("元", "万元", "亿元"):
        choices.append("unit_in_value")
    if str(answer[field]).startswith("-"):
        choices.append("parentheses")
    if "concept" in answer:
        choices.append("unknown_concept")
    variant = rng.choice(sorted(choices))
    v = str(answer[field])
    if variant == "fullwidth":
        bad[field] = v.translate(_FULL)
    elif variant == "json_number":
        bad[field] = float(parse_number(v))
    elif variant == "extra_key":
        bad["confidence"] = 0.9
    elif variant == "missing_quote":
        bad.pop("quote", None)
    elif variant == "unit_in_value":
        bad[field] = f"{v}{w.unit}"
    elif variant == "parentheses":
        bad[field] = f"({v.lstrip('-')})"
    else:
        bad["concept"] = f"{answer['concept']}_amount"
    return variant, bad


def decide(
    item: Item,
    siblings: list[Item],
    text: str,
    lo: int,
    hi: int,
    *,
    seed: int,
    rates: dict[str, float],
    known: dict[tuple[Any, ...], Decimal],
) -> Injection | None:
    """The error (if any) item gets in the excerpt ``text[lo:hi]``; ``known`` maps every
    gold fact key of the document to its value (a wrong value equal to gold is no error)."""
    rng = _rng(seed, item, lo)
    roll = rng.random()
    fields = sorted(item.numbers)
    if not fields:
        return None
    field = rng.choice(fields)
    w = item.numbers[field]
    answer = dict(item.answer)
    key = dict(item.key)
    acc = 0.0
    for error in ERRORS:
        rate = rates.get(error, 0.0)
        if rate <= 0:
            continue
        if not acc <= roll < acc + rate:
            acc += rate
            continue
        got = _apply(error, item, siblings, text, lo, hi, answer, key, field, w, rng, known)
        if got is None:
            return None  # this error does not apply to this item: it stays right
        return got
    return None


def _apply(
    error: str,
    item: Item,
    siblings: list[Item],
    text: str,
    lo: int,
    hi: int,
    answer: dict[str, Any],
    key: dict[str, Any],
    field: str,
    w: Written,
    rng: random.Random,
    known: dict[tuple[Any, ...], Decimal],
) -> Injection | None:
    sent_unit = answer.get("unit") if item.kind == "fact" else w.unit
    money = w.unit in ("元", "万元", "亿元")

    def wrong(new_text: str, unit: str | None = sent_unit) -> Injection | None:
        answer[field] = new_text
        v = result_value(new_text, unit if money else None)
        return None if v == w.value else Injection(error, "", field, answer, key, w.value, v)

    if error == "wrong_unit":
        if not money or item.kind == "indicator":
            return None
        flipped = {"元": "万元", "万元": "元", "亿元": "万元"}[w.unit or "万元"]
        answer["unit"] = flipped
        v = result_value(str(answer[field]), flipped)
        return None if v == w.value else Injection(error, f"{w.unit}→{flipped}", field, answer, key, w.value, v)
    if error == "transposed_digit":
        t = _transpose(str(answer[field]), rng)
        return wrong(t) if t else None
    if error == "neighbour_value":
        got = _neighbour(text, w, lo, hi, rng)
        if got is None:
            return None
        n_text, at, qa, qb = got
        if not item.start <= at < item.end:  # the model quotes the row it read the number from
            answer["quote"] = text[qa:qb].strip()[:600]
        return wrong(("-" if str(answer[field]).startswith("-") else "") + n_text)
    if error == "budget_as_actual":
        return _budget_as_actual(item, siblings, answer, key, field, known)
    if error == "dropped_sign":
        v = str(answer[field])
        return wrong(v[1:]) if v.startswith("-") else None
    if error == "invented_number":
        nums = {n.value for n in find_numbers(text[lo:hi])}
        return wrong(_invent(w, nums, rng))
    if error == "paraphrased_quote":
        answer["quote"] = paraphrase(item.quote, text)
        return Injection(error, "", field, answer, key, w.value, None)
    if error == "missed_item":
        return Injection(error, "", field, None, key, w.value, None)
    variant, bad = _malform(answer, field, w, rng)
    return Injection(error, variant, field, bad, key, w.value, None)


def _budget_as_actual(
    item: Item,
    siblings: list[Item],
    answer: dict[str, Any],
    key: dict[str, Any],
    field: str,
    known: dict[tuple[Any, ...], Decimal],
) -> Injection | None:
    if item.kind == "project":
        if "budget" not in item.numbers or "actual" not in item.numbers:
            return None
        b, a = item.numbers["budget"], item.numbers["actual"]
        if b.value == a.value:
            return None
        answer["actual"] = answer["budget"]
        return Injection("budget_as_actual", "row", "actual", answer, key, a.value, b.value)
    if item.kind != "fact" or answer.get("measure") != "budget":
        return None
    sent = {**key, "measure": "actual"}
    gold_actual = known.get(tuple(sent.values()))
    w = item.numbers["value"]
    if gold_actual == w.value:
        return None
    answer["measure"] = "actual"
    return Injection("budget_as_actual", "relabelled", "value", answer, sent, gold_actual, w.value)
