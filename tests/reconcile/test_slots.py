"""The book of slots: one slot per figure of the result."""

from __future__ import annotations

from extractor.reconcile import reconcile
from extractor.reconcile.slots import build_book
from tests.reconcile.build import Doc


def test_two_projects_of_one_name_are_two_slots_and_no_conflict() -> None:
    doc = Doc()
    doc.project("合计", is_total=True, budget="30")
    doc.project("日常运行", budget="10")
    doc.project("日常运行", budget="20")
    book = build_book(doc.result())
    assert book.projects == ["日常运行", "日常运行#2"]
    r = reconcile(doc.result())
    assert not [f for f in r.findings if f.severity == "material"]
    assert {c.status for c in r.checks if c.rule.startswith("projects.sum")} == {"passed"}
