"""What the reconciler checks, as data: one relation among concrete slots (:class:`Instance`),
and the small helpers that name slots and the checks that could not run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.concepts import BY_ID
from extractor.reconcile.equations import Equation
from extractor.reconcile.profiles import Ref
from extractor.reconcile.slots import SlotKey
from extractor.result import CheckRecord

__all__ = ["Instance", "KeyShape", "Out", "key_shape", "not_run", "qual", "show", "slot_key"]


@dataclass(frozen=True)
class Instance:
    rule: str
    kind: str
    name: str
    slots: tuple[SlotKey, ...]
    eq: Equation
    group: str | None = None
    """Instances sharing a group are alternative readings: one passing is enough."""

    slot_set: frozenset[SlotKey] = field(init=False, repr=False, compare=False)
    """``slots`` as a set: the culprit search asks of many keys whether a check holds them."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "slot_set", frozenset(self.slots))


Out = tuple[list[Instance], list[CheckRecord]]


@dataclass(frozen=True, slots=True)
class KeyShape:
    """A ref's slot key for one binding (concept, label): what is left to fill is the scope, measure
    and period, so a relation over many of them builds its keys' shapes once."""

    concept: str
    scope: str | None
    measure: str | None
    period: str | None
    scoped: bool
    label: str

    def key(self, scope: str, measure: str, period: str) -> SlotKey:
        s = self.scope or (scope if self.scoped else "all")
        return ("fact", self.concept, self.measure or measure, self.period or period, s, self.label)


@lru_cache(maxsize=4096)
def key_shape(ref: Ref, concept: str, label: str) -> KeyShape:
    """Cached: the same refs and bindings come back for every rule and result."""
    c = ref.concept or concept
    concept_def = BY_ID.get(c)
    lab = label if concept_def is not None and concept_def.labelled else ""
    return KeyShape(c, ref.scope, ref.measure, ref.period, concept_def is None or concept_def.scoped, lab)


def slot_key(ref: Ref, concept: str, scope: str, measure: str, period: str, label: str) -> SlotKey:
    return key_shape(ref, concept, label).key(scope, measure, period)


def qual(scope: str, measure: str, period: str, label: str = "") -> str:
    q = f"@{scope}:{measure}" + ("~prior" if period == "prior" else "")
    return q + (f"[{label}]" if label else "")


def not_run(name: str, kind: str, missing: Sequence[SlotKey]) -> CheckRecord:
    what = ", ".join(show(k) for k in missing)
    return CheckRecord(rule=name, kind=kind, status="not_run", reason=f"not stated: {what}")


def show(key: SlotKey) -> str:
    if key[0] == "fact":
        _, c, m, p, s, lab = key
        return f"{c}{f'[{lab}]' if lab else ''}@{s}:{m}{'~prior' if p == 'prior' else ''}"
    return ".".join(key)
