"""The characters a regular expression's matches can start with, read from CPython's parser.

A text holding none of them cannot match, so a table of many small patterns can skip most of
them on most fragments without running them. ``None`` means no small set is known (a class
like ``\\d``, a pattern that can match empty, ``re.IGNORECASE``), and the pattern simply runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

__all__ = ["StartIndex", "finditer_at", "first_chars", "positions", "start_index"]


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters every match of ``pattern`` starts with; ``None``: no such small set known."""
    try:
        first, nullable = _first_chars(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # the parser is CPython's own: without it, every pattern simply runs
        return None
    return None if first is None or nullable or pattern.flags & re.IGNORECASE else frozenset(first)


def _first_chars(seq: Any) -> tuple[set[str] | None, bool]:
    """(the characters a match of the parsed pattern ``seq`` can start with, or ``None`` when
    that is not a small known set; whether it can match empty)."""
    out: set[str] = set()
    for op, av in seq:
        first, nullable = _first_of(op, av)
        if first is None:
            return None, False
        out |= first
        if not nullable:
            return out, False
    return out, True


def _first_of(op: Any, av: Any) -> tuple[set[str] | None, bool]:
    if op is _C.LITERAL:
        return {chr(av)}, False
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):  # zero-width
        return set(), True
    if op is _C.SUBPATTERN:
        return _first_chars(av[3])
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        first, nullable = _first_chars(av[2])
        return first, nullable or av[0] == 0
    if op is _C.BRANCH:
        out: set[str] = set()
        any_empty = False
        for alternative in av[1]:
            first, nullable = _first_chars(alternative)
            if first is None:
                return None, False
            out |= first
            any_empty |= nullable
        return out, any_empty
    if op is _C.IN and all(o is _C.LITERAL for o, _ in av):
        return {chr(a) for _, a in av}, False
    return None, False


@dataclass(frozen=True, slots=True)
class StartIndex:
    """For a table of patterns and their :func:`first_chars`: each character → the patterns whose
    matches can start with it (bit ``i`` for pattern ``i``), and the patterns with no gate, which
    always run."""

    by_char: dict[str, int]
    always: int

    def of(self, chars: Iterable[str]) -> Iterator[int]:
        """The patterns that can match in a text of ``chars`` (the union over its distinct ones), in table order."""
        run = self.always
        for ch in set(chars):
            run |= self.by_char.get(ch, 0)
        while run:
            low = run & -run
            run ^= low
            yield low.bit_length() - 1


def start_index(gates: Sequence[frozenset[str] | None]) -> StartIndex:
    index: dict[str, int] = {}
    always = 0
    for i, first in enumerate(gates):
        if first is None:
            always |= 1 << i
        for ch in first or ():
            index[ch] = index.get(ch, 0) | 1 << i
    return StartIndex(index, always)


def positions(text: str) -> dict[str, list[int]]:
    """Where each character of ``text`` occurs, in order."""
    at: dict[str, list[int]] = {}
    for i, ch in enumerate(text):
        if ch in at:
            at[ch].append(i)
        else:
            at[ch] = [i]
    return at


def finditer_at(
    pattern: re.Pattern[str], text: str, first: frozenset[str] | None, at: dict[str, list[int]]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, the pattern tried only at the characters of ``first`` (its
    :func:`first_chars`; ``at``: the text's :func:`positions`), where the search tries it at every one.

    The matches are the same: each starts at one of those characters, none is empty (a pattern
    that can match empty has no ``first``), and a match tried at a position sees the text before
    it as the search's does (look-behinds, ``^``)."""
    if first is None:
        yield from pattern.finditer(text)
        return
    found = [at[ch] for ch in at.keys() & first]
    pos = 0
    for start in found[0] if len(found) == 1 else sorted(chain.from_iterable(found)):
        if start >= pos and (m := pattern.match(text, start)):
            yield m
            pos = m.end()
