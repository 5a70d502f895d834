"""Normalisation: meaning kept, no digit changed or dropped, every character traced to its source."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.document import build_document
from extractor.normalise import _TRANSLATE, _WIDE_THOUSANDS, _plain, _wide_thousands, normalise

PIECES = [
    "３５８．５２万元",
    "（一）",
    "其中：",
    "占86.80%",
    "\u3000",
    "\u00a0",
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\u200b",
    "\ufeff",
    "−5.5",
    "，",
    "。",
    "abc",
    "ＡＢＣ",
    "12,345元",
    "１２３",
    "基本支出",
    " ",
]


@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=40))
@settings(max_examples=300, deadline=None)
def test_offset_map_traces_every_span_back_to_its_source(parts: list[str]) -> None:
    raw = "".join(parts)
    text, omap = normalise(raw)
    assert len(omap) == len(text) + 1
    assert omap[len(text)] == len(raw)
    assert list(omap) == sorted(omap)
    for start in range(0, len(text) + 1, max(1, len(text) // 7 or 1)):
        for end in range(start, len(text) + 1, max(1, len(text) // 5 or 1)):
            source = raw[omap[start] : omap[end]]
            # the one context-dependent rule: a full-width comma is a thousands separator only
            # when digit groups and a unit follow it, which a cut-off slice may not show
            assert normalise(source)[0].replace("，", ",") == text[start:end].replace("，", ",")


@given(st.text(alphabet="0123456789０１２３４５６７８９.．,万元%％ \u3000\r\n", max_size=60))
@settings(max_examples=300, deadline=None)
def test_no_digit_is_changed_or_dropped(raw: str) -> None:
    text, _ = normalise(raw)
    ascii_digits = [chr(ord(c) - 0xFEE0) if "０" <= c <= "９" else c for c in raw if c.isdigit()]
    assert [c for c in text if c.isdigit()] == ascii_digits


def test_a_full_width_comma_joins_digit_groups_only_inside_one_amount() -> None:
    assert normalise("126，350.00元")[0] == "126,350.00元"
    assert normalise("1，234，567.89万元")[0] == "1,234,567.89万元"
    # a decimal, a leading zero or a count before the comma: two figures, the comma stays
    assert normalise("-5.5，358.52万元")[0] == "-5.5，358.52万元"
    assert normalise("0，358.52万元")[0] == "0，358.52万元"
    assert normalise("6，800人")[0] == "6，800人"


def test_full_width_forms_become_ascii_but_the_chinese_comma_stays() -> None:
    text, _ = normalise("支出３５８．５２万元（类），占８６．８０％\u3000合计：6，800人\r\n")
    assert text == "支出358.52万元(类)，占86.80% 合计:6，800人\n"


def test_crlf_and_zero_width_are_dropped_with_offsets_kept() -> None:
    raw = "a\r\nb\u200bc"
    text, omap = normalise(raw)
    assert text == "a\nbc"
    assert raw[omap[2] : omap[4]] == "b\u200bc"
    assert raw[omap[0] : omap[2]] == "a\r\n"


def test_full_width_comma_is_a_thousands_separator_only_inside_an_amount() -> None:
    assert normalise("决算为126，350.00元，比上年")[0] == "决算为126,350.00元，比上年"
    assert normalise("共1，234，567.89元")[0] == "共1,234,567.89元"
    assert normalise("合计6，800人")[0] == "合计6，800人"
    assert normalise("2023年，12个单位")[0] == "2023年，12个单位"


def test_an_identity_offset_map_is_kept_as_a_range() -> None:
    raw = "一般公共预算财政拨款收入100.00万元\n" * 20_000
    text, omap = normalise(raw)
    assert isinstance(omap, range) and len(omap) == len(text) + 1
    assert sys.getsizeof(omap) < 100  # an array would hold 8 bytes per character
    doc = build_document("x.txt", raw)
    assert doc.raw_span(3, 9) == (3, 9) and doc.text[3:9] == raw[3:9]
    text, omap = normalise("收入\u200b合计")  # a dropped character: a real map
    assert not isinstance(omap, range) and text == "收入合计" and list(omap) == [0, 1, 3, 4, 5]


@given(
    st.text(
        alphabet=st.sampled_from(
            [chr(cp) for cp in range(0xFF00, 0xFF60)]
            + list("\u3000\u00a0\u2002\u2003\u2009\u202f\u2212\ufe63\r\n a1，,万元")
        )
    )
)
def test_only_the_characters_of_the_table_are_replaced_and_each_as_the_table_says(text: str) -> None:
    assert _plain(text) == text.translate(_TRANSLATE)


@given(st.text(alphabet=st.sampled_from(list("0123456789，,.-万元亿% ²٣x"))))
def test_the_joining_of_digit_groups_runs_only_where_it_can_join(text: str) -> None:
    """The pre-check skips a text only where the full pattern would change nothing."""
    assert _wide_thousands(text) == _WIDE_THOUSANDS.sub(lambda m: m.group().replace("，", ","), text)
