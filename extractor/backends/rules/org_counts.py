"""How a department is made up, counted number first: ``共设置N个内设机构``, ``包括N个机关行政
科室及M个下属单位``, ``内设N个处（室）``, ``所属N个预算单位``, ``下属N个二级预算单位``.

The sentence scanner binds a number to the subject before it (``内设机构N个``); these wordings
put the count before its noun. Each match is one ``org.internal_units`` or
``org.subordinate_units`` count (measure ``actual``: units counted, not budgeted), read from the
paragraphs as :mod:`.prose` joins them, its evidence the count with its noun. A count after a
word of change (``新增N个下属单位``) is what changed, not how many there are. A count written
in Chinese numerals (``内设十个机构``) is left out: grounding checks a value by its digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from extractor.backends.rules.firstchars import gated
from extractor.backends.rules.prose import Prose, join_paragraphs
from extractor.concepts import unit_for
from extractor.document import Document
from extractor.ground import evidence_for
from extractor.result import Fact

__all__ = ["scan_counts"]

_ROOM = r"(?:处|科|股)(?:[(（][\u4e00-\u9fff、]{1,8}[)）]室?|室)"
"""处室, 科室, 股室, 处（室）, 处（科、股）室."""
_INTERNAL = re.compile(
    r"(?:内设|设置|设有|包括|下设)\s*(?:有\s*)?(?P<n>\d{1,4})\s*个\s*(?:内设)?(?:职能)?"
    rf"(?:机构|部门|(?:机关)?(?:行政)?{_ROOM})"
)
_SUBORDINATE = gated(
    r"(?P<n>\d{1,4})\s*个\s*(?:下属|直属|所属)(?:二级|基层)?(?:预算)?(?:事业)?单位"
    r"|(?:下属|直属|所属|下设)\s*(?:有\s*)?(?P<m>\d{1,4})\s*个\s*(?:二级|基层)?(?:预算)?(?:事业)?单位"
)
_CHANGED = re.compile(r"(?:新增|增加|减少|撤销|撤并|合并|新设|新成立)\s*$")


def _fact(doc: Document, concept: str, value: int, start: int, end: int) -> Fact:
    return Fact(
        concept=concept,
        measure="actual",
        period="current",
        scope="all",
        value=Decimal(value),
        unit=unit_for(concept, "actual"),
        decimals=0,
        evidence=evidence_for(doc, start, end),
        backend="rules",
    )


def scan_counts(doc: Document, prose: Prose | None = None) -> Iterator[Fact]:
    """Every number-first count of the department's internal and subordinate units; ``prose``: the
    document's :func:`join_paragraphs` (page breaks not given), when the caller has it already."""
    prose = prose or join_paragraphs(doc.text)
    text = prose.text
    for pattern, concept in ((_INTERNAL, "org.internal_units"), (_SUBORDINATE, "org.subordinate_units")):
        for m in pattern.finditer(text):
            group = "n" if m.group("n") is not None else "m"
            if _CHANGED.search(text, max(0, m.start() - 6), m.start(group)):
                continue
            start, end = prose.doc_span(m.start(group), m.end())
            yield _fact(doc, concept, int(m.group(group)), start, end)
