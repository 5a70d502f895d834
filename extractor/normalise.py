"""Normalisation of a reader's raw text, and the map from each normalised character back to
its source.

Normalisation keeps meaning and never changes or drops a digit:

* full-width ASCII forms (U+FF01–U+FF5E) to ASCII: ``３５８．５２`` → ``358.52``, ``（`` → ``(``,
  except the full-width comma, which would turn two numbers into one — unless it sits
  between digit groups that run into an amount (``126，350.00元`` → ``126,350.00元``)
* ideographic space, NBSP and other space separators to a plain space
* CRLF and lone CR to LF; zero-width characters and soft hyphens dropped
* minus-like signs (U+2212, U+FE63) to ``-``
"""

from __future__ import annotations

import re
from array import array
from typing import TypeAlias

from extractor.concepts import MONEY_UNIT_RE

__all__ = ["OffsetMap", "normalise"]

_TRANSLATE: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F) if cp != 0xFF0C}
# The full-width comma (U+FF0C) stays a clause separator ("6，800人" is two numbers), except
# where it can only be a thousands separator typed with a Chinese input method: between
# digit groups of three that run into an amount ("126，350.00元").
_WIDE_THOUSANDS = re.compile(r"(?<![\d.])[1-9]\d{0,2}(?:[，,]\d{3})+(?:\.\d+)?\s*(?:" + MONEY_UNIT_RE + ")")
"""An amount whose digit groups a Chinese input method separated with ``，``: it starts with a
group of 1–3 digits (not 0, not after a decimal point: ``-5.5，358.52万元`` is two numbers)."""


_WIDE_GROUP = re.compile(r"，\d{3}")
"""Where such an amount can be: a ``，`` before three digits (a literal opening: the engine skips
to each ``，``, where the amount's pattern is tried at every digit of the text)."""


def _wide_thousands(text: str) -> str:
    if not any(text[m.start() - 1 : m.start()].isdigit() for m in _WIDE_GROUP.finditer(text)):
        return text  # no ``，`` between digit groups: nothing to join (most reports)
    return _WIDE_THOUSANDS.sub(lambda m: m.group().replace("，", ","), text)


_TRANSLATE.update(
    {
        0x3000: " ",  # ideographic space
        0x00A0: " ",  # NBSP
        0x2002: " ",
        0x2003: " ",
        0x2009: " ",
        0x202F: " ",
        0x2212: "-",  # minus sign
        0xFE63: "-",  # small hyphen-minus
        0x0D: "\n",  # CR, alone or as the head of a CRLF whose LF is dropped
    }
)
_TO_PLAIN = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_TRANSLATE)) + "]")
_PLAIN = {chr(cp): out for cp, out in _TRANSLATE.items()}


def _plain(text: str) -> str:
    """``text.translate(_TRANSLATE)``, replacing only the characters found: a report holds a few
    per cent of them, and ``str.translate`` with a dict looks up every character (10x slower)."""
    return _TO_PLAIN.sub(lambda m: _PLAIN[m.group()], text)


# Dropped characters attach to the kept character before them: of a CRLF the LF goes and the
# CR becomes LF, so any slice of the raw text normalises to the matching slice of the text.
_DROP = re.compile("(?<=\r)\n|[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


OffsetMap: TypeAlias = "array[int] | range"
"""Normalised offset → raw offset: an ``array('l')``, or a ``range`` where normalising dropped
no character (most text: the map is then the identity and costs nothing to keep)."""


def normalise(raw: str) -> tuple[str, OffsetMap]:
    """Return the normalised text and its offset map.

    The map has ``len(text) + 1`` entries: ``map[i]`` is the raw offset of the source of
    ``text[i]`` and ``map[len(text)] == len(raw)``. So the source of ``text[s:e]`` is
    ``raw[map[s]:map[e]]``.
    """
    dropped = [m.start() for m in _DROP.finditer(raw)]
    if not dropped:
        text = _wide_thousands(_plain(raw))
        return text, range(len(raw) + 1)
    kept: list[str] = []
    offsets: array[int] = array("l")
    prev = 0
    for pos in dropped:
        if pos > prev:
            kept.append(raw[prev:pos])
            offsets.extend(range(prev, pos))
        prev = pos + 1
    kept.append(raw[prev:])
    offsets.extend(range(prev, len(raw)))
    offsets.append(len(raw))
    return _wide_thousands(_plain("".join(kept))), offsets
