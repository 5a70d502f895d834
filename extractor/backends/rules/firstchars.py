"""The characters a regular expression's matches can start with, and words one of which each
match holds, read from CPython's parser.

A text holding none of them cannot match, so a table of many small patterns can skip most of
them on most fragments without running them. ``None`` means no small set is known (a class
like ``\\d``, a pattern that can match empty, ``re.IGNORECASE``), and the pattern simply runs.
"""

from __future__ import annotations

import _sre
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from re import _compiler, _parser  # type: ignore[attr-defined]
from re import _constants as _C  # type: ignore[attr-defined]
from typing import Any

__all__ = ["StartIndex", "first_chars", "gated", "needed_words", "start_index"]


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters every match of ``pattern`` starts with; ``None``: no such small set known."""
    first = _opening(pattern.pattern, pattern.flags)
    if first is None or any(op is not _C.LITERAL for op, _ in first):
        return None
    return frozenset(chr(av) for _, av in first)


@lru_cache(maxsize=1024)
def _parse(source: str, flags: int) -> Any:
    """CPython's parse of a pattern, with its flags as the compiled pattern has them: made once for
    all that is asked of the pattern (its gate, its first characters, its words) at start-up."""
    return _parser.parse(source, flags)


def _opening(source: str, flags: int) -> set[tuple[Any, Any]] | None:
    """What every match of the pattern ``source`` starts with, as the parser's set items (literals,
    ranges, classes such as ``\\d``); ``None`` when that is not known."""
    try:
        first, nullable = _first_chars(_parse(source, flags))
    except Exception:  # the parser is CPython's own: without it, every pattern simply runs
        return None
    return None if first is None or nullable or flags & re.IGNORECASE else first


def _first_chars(seq: Any) -> tuple[set[tuple[Any, Any]] | None, bool]:
    """(the set items a match of the parsed pattern ``seq`` can start with, or ``None`` when
    that is not a known set; whether it can match empty)."""
    out: set[tuple[Any, Any]] = set()
    for op, av in seq:
        first, nullable = _first_of(op, av)
        if first is None:
            return None, False
        out |= first
        if not nullable:
            return out, False
    return out, True


def _first_of(op: Any, av: Any) -> tuple[set[tuple[Any, Any]] | None, bool]:
    if op is _C.LITERAL:
        return {(op, av)}, False
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):  # zero-width
        return set(), True
    if op is _C.SUBPATTERN:
        return _first_chars(av[3])
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        first, nullable = _first_chars(av[2])
        return first, nullable or av[0] == 0
    if op is _C.BRANCH:
        out: set[tuple[Any, Any]] = set()
        any_empty = False
        for alternative in av[1]:
            first, nullable = _first_chars(alternative)
            if first is None:
                return None, False
            out |= first
            any_empty |= nullable
        return out, any_empty
    if op is _C.IN and all(o in (_C.LITERAL, _C.RANGE, _C.CATEGORY) for o, _ in av):
        return {(o, tuple(a) if isinstance(a, list) else a) for o, a in av}, False
    return None, False


def needed_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Words one of which every match of ``pattern`` holds (``(?:本年)?支出(?:合计|总额)`` → 支出);
    ``None``: none known. A text holding none of them cannot match."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        return _needed(_parse(pattern.pattern, pattern.flags))
    except Exception:  # the parser is CPython's own: without it, every pattern simply runs
        return None


def _needed(seq: Any) -> frozenset[str] | None:
    """Of a sequence: each run of literals is a word its matches hold, and so is what any of its
    items needs; the most telling of them (longest shortest word, then fewest words)."""
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in (*seq, (None, None)):  # a last item that ends the last run
        if op is _C.LITERAL:
            run.append(chr(av))
            continue
        for got in (frozenset(["".join(run)]) if run else None, _needed_by(op, av)):
            if got is not None and (
                best is None or (min(map(len, got)), -len(got)) > (min(map(len, best)), -len(best))
            ):
                best = got
        run = []
    return best


def _needed_by(op: Any, av: Any) -> frozenset[str] | None:
    if op is _C.SUBPATTERN:
        return _needed(av[3])
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        return _needed(av[2]) if av[0] >= 1 else None
    if op is _C.BRANCH:  # a match is one alternative's: each must need something
        words: set[str] = set()
        for alternative in av[1]:
            got = _needed(alternative)
            if got is None:
                return None
            words |= got
        return frozenset(words)
    if op is _C.IN and all(o is _C.LITERAL for o, _ in av) and len(av) <= 8:
        return frozenset(chr(a) for _, a in av)
    return None  # a class, a look-around, an anchor …: nothing known


@dataclass(frozen=True, slots=True)
class StartIndex:
    """For a table of patterns and their :func:`first_chars`: each character → the patterns whose
    matches can start with it (bit ``i`` for pattern ``i``), and the patterns with no gate, which
    always run."""

    by_char: dict[str, int]
    always: int
    indexed: re.Pattern[str]
    """A character any pattern can start with: the text's other characters are not looked up."""
    needs: tuple[frozenset[str] | None, ...]
    """Per pattern, its :func:`needed_words` (``None``: it runs wherever it can start)."""

    def of(self, text: str) -> Iterator[int]:
        """The patterns that can match in ``text`` (the union over its distinct characters, less
        those needing words the text does not hold), in table order."""
        run = self.always
        for ch in set(self.indexed.findall(text)):
            run |= self.by_char[ch]
        while run:
            low = run & -run
            run ^= low
            i = low.bit_length() - 1
            words = self.needs[i]
            if words is None or any(w in text for w in words):
                yield i


def start_index(gates: Sequence[frozenset[str] | None], needs: Sequence[frozenset[str] | None] = ()) -> StartIndex:
    index: dict[str, int] = {}
    always = 0
    for i, first in enumerate(gates):
        if first is None:
            always |= 1 << i
        for ch in first or ():
            index[ch] = index.get(ch, 0) | 1 << i
    chars = "".join(re.escape(ch) for ch in sorted(index))
    words = tuple(needs) or (None,) * len(gates)
    return StartIndex(index, always, re.compile(f"[{chars}]" if chars else "(?!)"), words)


def gated(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)`` with the characters its matches start with told to its search
    (:func:`first_chars`, classes such as ``\\d`` too).

    The engine finds such a set itself only where every branch opens with a literal or the
    pattern with a class; before an optional word or a look-behind its search tries the whole
    pattern at every position of the text, some hundred instructions each. The gated pattern
    skips to the positions holding one of the characters and matches exactly as the plain one
    does, since no match starts anywhere else. The plain pattern where no set is known, the
    engine has one, or the compiler is not CPython's. Parsed and compiled once, as
    ``re.compile`` does it (compiling a pattern with Chinese classes is most of start-up)."""
    flags |= re.UNICODE  # as re.compile sets it for a str pattern
    try:
        parsed = _parse(source, flags)
        code = _compiler._code(parsed, flags)
    except Exception:  # the compiler is CPython's own: without it, the pattern searches as it is
        return re.compile(source, flags)
    flags |= parsed.state.flags  # with those the pattern sets inline, as the compiled pattern has them
    first = _opening(source, flags)
    try:
        known = code[0] == _C.INFO and code[2] & (_C.SRE_INFO_PREFIX | _C.SRE_INFO_CHARSET)  # the engine has one
        if first is not None and code[0] == _C.INFO and not known and code[3] != 0:
            charset, _ = _compiler._optimize_charset(sorted(first, key=repr))
            info = [_C.INFO, 0, _C.SRE_INFO_CHARSET, code[3], code[4]]
            _compiler._compile_charset(charset, flags, info)
            info[1] = len(info) - 1
            code = info + code[code[1] + 1 :]
        groups = parsed.state.groupdict
        names = [None] * parsed.state.groups
        for name, i in groups.items():
            names[i] = name
        compiled: re.Pattern[str] = _sre.compile(source, flags, code, parsed.state.groups - 1, groups, tuple(names))
    except Exception:
        return re.compile(source, flags)
    return compiled
