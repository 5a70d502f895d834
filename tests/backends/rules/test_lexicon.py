"""The term finder's shortcuts (first-character gates, marker checks, cache) change no answer."""

from __future__ import annotations

import re
from pathlib import Path

from extractor.backends.rules import lexicon
from extractor.backends.rules.lexicon import TERMS, TermMatch, find_terms
from extractor.backends.rules.scopes import scope_in

SAMPLES = sorted((Path(__file__).resolve().parents[3] / "eval").glob("**/samples/*.txt"))


def _brute(text: str) -> list[tuple[str, int, int, str | None, str | None]]:
    """find_terms without any shortcut: every pattern on every text."""
    candidates = lexicon._function_matches(text)
    for term in TERMS:
        for m in term.pattern.finditer(text):
            if m.end() > m.start():
                candidates.append(TermMatch(term, m.start(), m.end(), scope=term.scope or scope_in(m.group())))
    candidates.sort(
        key=lambda c: (c.term.concept.startswith("expenditure.function") is False, -(c.end - c.start), c.start)
    )
    used = bytearray(len(text))
    taken = []
    for c in candidates:
        if c.end > c.start and not any(used[c.start : c.end]):
            taken.append(c)
            used[c.start : c.end] = b"\x01" * (c.end - c.start)
    return [(t.term.name, t.start, t.end, t.label, t.scope) for t in sorted(taken, key=lambda t: t.start)]


def test_every_term_has_a_first_character_gate() -> None:
    assert all(first for _, first in lexicon._GATED), [t.name for t, first in lexicon._GATED if not first]


def test_a_gate_holds_every_character_a_match_starts_with() -> None:
    for term, first in lexicon._GATED:
        assert first is not None
        for path in SAMPLES[:8]:
            for m in term.pattern.finditer(path.read_text(encoding="utf-8")):
                assert not m.group() or m.group()[0] in first, (term.name, m.group())


def test_shortcuts_give_the_answer_of_every_pattern_on_every_line() -> None:
    lines = {line for path in SAMPLES for line in re.split(r"[\n。；]", path.read_text(encoding="utf-8"))}
    assert len(lines) > 500
    find_terms.cache_clear()
    for line in sorted(lines):
        expected = _brute(line)
        for _ in range(2):  # first computed, then from the cache
            got = [(t.term.name, t.start, t.end, t.label, t.scope) for t in find_terms(line)]
            assert got == expected, line


def test_a_class_name_written_around_its_marker_is_the_class() -> None:
    (m,) = [t for t in lexicon.find_terms("社会保障和就业(类)支出 796.52 万元") if t.concept == "expenditure.function"]
    assert m.label == "社会保障和就业支出"
    (m,) = [t for t in lexicon.find_terms("用于一般公共服务支出(类)") if t.concept == "expenditure.function"]
    assert m.label == "一般公共服务支出"
    assert m.start == 2


def test_a_name_with_its_code_is_the_classified_row() -> None:
    got = {
        (t.concept, t.label)
        for t in lexicon.find_terms(
            "(1)行政运行(2010401)2740.23万元；商品和服务支出(302)3092.07万元；机关资本性支出(一)(503)90.95万元；"
            "其他社会保障和就业支出(2089999)1.42万元；某单位(123)"
        )
    }
    assert ("expenditure.function_item", "行政运行") in got
    assert ("expenditure.economic", "商品和服务支出") in got
    assert ("expenditure.economic", "机关资本性支出(一)") in got
    assert ("expenditure.function_item", "其他社会保障和就业支出") in got
    assert not any(c in ("expenditure.public", "expenditure.function") for c, _ in got)
    assert lexicon.concept_of_code("123") is None


def test_a_public_institution_s_operating_income_and_spending_are_one_term() -> None:
    for text, concept in (
        ("事业单位经营收入", "income.operating"),
        ("事业单位经营服务收入", "income.operating"),
        ("事业单位经营支出", "expenditure.operating"),
    ):
        (term,) = find_terms(text)
        assert (term.term.concept, term.start, term.end) == (concept, 0, len(text))


def test_a_part_s_budget_word_names_the_part_not_the_department_s_spending() -> None:
    assert [t.concept for t in find_terms("本单位基本支出预算数")] == ["expenditure.basic"]
    assert [t.concept for t in find_terms("项目支出预算")] == ["expenditure.project"]
    assert [t.concept for t in find_terms("本单位支出预算")] == ["expenditure.total"]
