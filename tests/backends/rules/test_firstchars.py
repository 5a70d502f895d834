"""The characters a pattern's matches start with, and the words they hold: a text without them cannot match."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import extractor.backends.rules  # noqa: F401  (the modules whose patterns are checked)
from extractor.backends.rules.firstchars import first_chars, gated, needed_words, start_index
from extractor.backends.rules.lexicon import TERMS

SAMPLES = sorted((Path(__file__).resolve().parents[3] / "eval").glob("**/samples/*.txt"))


@pytest.mark.parametrize(
    ("pattern", "first"),
    [
        (r"基本支出", {"基"}),
        (r"(?:一般|政府)性?支出", {"一", "政"}),
        (r"[收支]入", {"收", "支"}),
        (r"(?<!非)财政拨款", {"财"}),
        (r"(?:其中)?经费", {"其", "经"}),
    ],
)
def test_the_first_characters_of_a_pattern(pattern: str, first: set[str]) -> None:
    assert first_chars(re.compile(pattern)) == frozenset(first)


@pytest.mark.parametrize("pattern", [r"\d+万元", r"(?:其中)?", r"a|\w", r"ab"])
def test_no_small_set_is_none(pattern: str) -> None:
    flags = re.IGNORECASE if pattern == "ab" else 0
    assert first_chars(re.compile(pattern, flags)) is None


@pytest.mark.parametrize("pattern", [r"(?:一般|政府)性?支出", r"[收支]入", r"(?:其中)?经费"])
def test_a_text_without_the_first_characters_does_not_match(pattern: str) -> None:
    compiled = re.compile(pattern)
    gate = first_chars(compiled)
    assert gate is not None
    for text in ("一般支出", "政府性支出", "收入", "其中经费", "经费", "合计", "支出"):
        if not gate & set(text):
            assert compiled.search(text) is None


def test_start_index_names_the_patterns_each_character_can_start() -> None:
    index = start_index([frozenset("ab"), None, frozenset("b")])
    assert (index.by_char, index.always) == ({"a": 0b001, "b": 0b101}, 0b010)
    assert list(index.of("xb")) == [0, 1, 2]
    assert list(index.of("x")) == [1]


def test_start_index_takes_characters_that_are_special_in_a_pattern() -> None:
    index = start_index([frozenset("]"), frozenset("-^"), frozenset("\\")])
    assert [list(index.of(text)) for text in ("a]", "^", "x-y", "\\", "abc")] == [[0], [1], [1], [2], []]
    assert list(start_index([None]).of("abc")) == [0]


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?<![\u4e00-\u9fff])收入",
        r"(?:部门|单位)?(?:本年)?支出(?:合计)?",
        r"(?<!非)财政拨款|经费",
        r"支出(?=预算)",
        r"支",
    ],
)
def test_a_gated_pattern_matches_as_the_pattern(pattern: str) -> None:
    compiled = re.compile(pattern)
    fast = gated(pattern)
    texts = ("部门支出合计100，单位本年支出预算", "非财政拨款收入，收入经费", "支支出支出预算", "本年收入", "")
    for text in texts:
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == [
            (m.span(), m.groups()) for m in compiled.finditer(text)
        ], text
        for pos in range(len(text) + 1):
            assert bool(fast.search(text, pos)) == bool(compiled.search(text, pos))
    assert (fast.pattern, fast.flags, fast.groupindex) == (compiled.pattern, compiled.flags, compiled.groupindex)


def test_the_patterns_gated_in_the_rules_match_as_written() -> None:
    """Every gated pattern of the package gives the plain pattern's matches on the samples."""
    found = 0
    for module in list(sys.modules.values()):
        if not module.__name__.startswith("extractor.backends.rules"):
            continue
        patterns = [v for v in vars(module).values() if isinstance(v, re.Pattern)]
        patterns += [t.pattern for t in getattr(module, "TERMS", ())]
        for fast in patterns:
            plain = re.compile(fast.pattern, fast.flags)
            if fast == plain:
                continue
            found += 1
            for path in SAMPLES:
                text = path.read_text(encoding="utf-8")
                assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == [
                    (m.span(), m.groupdict()) for m in plain.finditer(text)
                ], fast.pattern
    assert found >= 30


def test_a_pattern_opening_with_a_class_is_gated_by_it() -> None:
    compiled = re.compile(r"(?<![\d.])[-+]?\d+\s*万元|\s+[(（]项[)）]")
    fast = gated(compiled.pattern)
    assert fast != compiled and first_chars(compiled) is None
    for text in ("共１２万元，-3万元", "x（项）", "1.5万元", "a 　(项)"):  # a full-width digit is a digit
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in compiled.finditer(text)], text


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [(r"合计|总计", 0), (r"支出(?P<n>\d+)", 0), (r"(?i)ab|支出", 0), (r"ab|支出", re.I), (r"\d*", 0)],
)
def test_a_pattern_with_no_gate_to_add_is_compiled_as_re_compiles_it(pattern: str, flags: int) -> None:
    """Where the engine knows the opening characters itself (a literal prefix, a class), or no
    small set is known (IGNORECASE, inline too), the pattern is the one ``re.compile`` gives."""
    fast, plain = gated(pattern, flags), re.compile(pattern, flags)
    assert fast == plain and (fast.pattern, fast.flags, fast.groupindex) == (
        plain.pattern,
        plain.flags,
        plain.groupindex,
    )


def test_first_chars_of_a_gated_pattern_are_those_of_its_source() -> None:
    source = r"(?:部门|单位)?(?:本年)?支出"
    assert first_chars(gated(source)) == first_chars(re.compile(source)) == frozenset("部单本支")


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"(?:本年)?支出(?:合计|总额)", {"支出"}),  # the longest run of literals every match holds
        (r"基本支出|项目支出", {"基本支出", "项目支出"}),  # an alternative: one of the branches' words
        (r"(?<!基本)(?:部门)?预算(?:数)?", {"预算"}),  # look-arounds and optional parts hold nothing
        (r"[收支]入", {"入"}),
        (r"(?:年末|年终)结转", {"结转"}),
        (r"\d+万元", {"万元"}),
        (r"(?:上年)?\d+", None),  # nothing every match holds
        (r"收入|\d+", None),  # a branch needing nothing
        (r"(?i)ab", None),
    ],
)
def test_the_words_every_match_holds(pattern: str, words: set[str] | None) -> None:
    assert needed_words(re.compile(pattern)) == (frozenset(words) if words is not None else None)


def test_a_term_matches_only_where_its_words_are() -> None:
    """Over every line of the samples: a term that matches a line finds one of its words there."""
    needs = [(t, needed_words(t.pattern)) for t in TERMS]
    matched = 0
    for path in SAMPLES:
        for line in path.read_text(encoding="utf-8").splitlines():
            for term, words in needs:
                if term.pattern.search(line):
                    matched += 1
                    assert words is None or any(w in line for w in words), (term.name, line)
    assert matched > 500


def test_a_start_index_with_words_skips_the_patterns_a_text_cannot_match() -> None:
    index = start_index([frozenset("支"), frozenset("支"), None], [frozenset(["支出"]), None, frozenset(["收入"])])
    assert list(index.of("支付")) == [1] and list(index.of("支出收入")) == [0, 1, 2]
