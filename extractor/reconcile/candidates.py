"""The stated values of one slot: each :class:`Candidate` with the interval it stands for, and
the :class:`Slot` that holds them, grouped by equal value (see :mod:`.slots`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from extractor.reconcile.intervals import Interval
from extractor.result import Evaluation, Evidence, Fact, FindingFact, Indicator, Project, ref_fields

__all__ = ["Candidate", "Slot", "SlotKey"]

SlotKey = tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    """One stated value of a slot, with the interval it stands for and where it was read."""

    value: Decimal
    decimals: int
    interval: Interval
    position: int
    evidence: Evidence | None
    source: Fact | Project | Indicator | Evaluation | None = None
    """What the value was read from (``None``: a constant of a relation)."""
    cell: str | None = None
    """The field of a project or indicator row the value is (``score`` of the evaluation)."""

    @property
    def span(self) -> tuple[int, int] | None:
        ev = self.evidence
        return (ev.start, ev.end) if ev is not None else None

    @cached_property
    def fact(self) -> FindingFact:
        """The figure as a finding names it (built when a finding needs it: most never do)."""
        src, ev = self.source, self.evidence
        if isinstance(src, Fact):  # built from a validated fact's own parts: not validated again
            return FindingFact.model_construct(**ref_fields(src), value=self.value, evidence=ev)
        if isinstance(src, Project):
            return FindingFact.model_construct(project=src.name, field=self.cell, value=self.value, evidence=ev)
        if isinstance(src, Indicator):
            return FindingFact.model_construct(indicator=src.name, field=self.cell, value=self.value, evidence=ev)
        if isinstance(src, Evaluation):
            return FindingFact(concept="evaluation.score", field="score", value=self.value, evidence=ev)
        return FindingFact(value=self.value)


@dataclass
class Slot:
    key: SlotKey
    kind: str
    """``percent`` | ``change`` | ``money`` | ``count`` | ``score`` | ``const`` (sets culprit priors)."""
    candidates: list[Candidate] = field(default_factory=list)
    signed: bool = False
    """Changes may be negative; every other figure is ≥ 0 (a culprit's fix must be too)."""

    _grouped: tuple[tuple[tuple[Candidate, ...], ...], tuple[Candidate, ...]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    """The groups and their representatives, kept until the next :meth:`add` (the checks ask many times)."""

    def add(self, cand: Candidate) -> None:
        self.candidates.append(cand)
        self._grouped = None  # grouped anew when next asked

    def _group(self) -> tuple[tuple[tuple[Candidate, ...], ...], tuple[Candidate, ...]]:
        if self._grouped is None and len(self.candidates) == 1:  # most slots: one statement
            self._grouped = ((tuple(self.candidates),), tuple(self.candidates))
        if self._grouped is None:
            out: list[list[Candidate]] = []
            for c in sorted(self.candidates, key=lambda c: c.position):
                for g in out:
                    if g[0].value == c.value:
                        g.append(c)
                        break
                else:
                    out.append([c])
            groups = tuple(tuple(g) for g in out)
            reps = tuple(min(g, key=lambda c: (c.interval.hi - c.interval.lo, c.position)) for g in groups)
            self._grouped = (groups, reps)
        return self._grouped

    @property
    def groups(self) -> tuple[tuple[Candidate, ...], ...]:
        """Candidates grouped by equal value, in order of first appearance."""
        return self._group()[0]

    @property
    def is_const(self) -> bool:
        return self.kind == "const"

    def representative(self, group: int) -> Candidate:
        """The most precisely written candidate of a value group."""
        return self._group()[1][group]

    def agreeing_duplicate(self, group: int) -> bool:
        spans = {c.span for c in self.groups[group]}
        return len(spans) >= 2
