"""What the reconciler checks, as data: one relation among concrete slots (:class:`Instance`),
and the small helpers that name slots and the checks that could not run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extractor.concepts import BY_ID
from extractor.reconcile.equations import Equation
from extractor.reconcile.profiles import Ref
from extractor.reconcile.slots import SlotKey
from extractor.result import CheckRecord

__all__ = ["Instance", "Out", "not_run", "qual", "show", "slot_key"]


@dataclass(frozen=True)
class Instance:
    rule: str
    kind: str
    name: str
    slots: tuple[SlotKey, ...]
    eq: Equation
    group: str | None = None
    """Instances sharing a group are alternative readings: one passing is enough."""


Out = tuple[list[Instance], list[CheckRecord]]


def slot_key(ref: Ref, concept: str, scope: str, measure: str, period: str, label: str) -> SlotKey:
    c = ref.concept or concept
    concept_def = BY_ID.get(c)
    s = ref.scope or (scope if concept_def is None or concept_def.scoped else "all")
    lab = label if concept_def is not None and concept_def.labelled else ""
    return ("fact", c, ref.measure or measure, ref.period or period, s, lab)


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
