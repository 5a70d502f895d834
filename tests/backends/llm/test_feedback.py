"""Arithmetic feedback over real HTTP: a figure a material finding blames on the model is
re-asked once in its chunk, with the finding stated; the new value is kept only if it grounds."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.hybrid import HybridBackend
from extractor.backends.llm import LLMBackend
from extractor.document import build_document
from extractor.ground import evidence_for
from extractor.pipeline import run
from extractor.result import Extraction, Fact

from .conftest import fact
from .stub_server import Reply

TEXT = "一、支出情况\n本年支出合计405.35万元，其中项目支出87.15万元，基本支出占78.50%。\n基本支出\t318.20\t381.20\n"
DOC = build_document("f.txt", TEXT)
TOTAL = fact("expenditure.total", "405.35", "本年支出合计405.35万元", unit="万元")
SHARE = fact("expenditure.basic", "78.50", "基本支出占78.50%", measure="share", unit="%")
PROJECT = fact("expenditure.project", "87.15", "项目支出87.15万元", unit="万元")
BASIC_RIGHT = fact("expenditure.basic", "318.20", "基本支出\t318.20", unit="万元")
BASIC_WRONG = fact("expenditure.basic", "381.20", "基本支出\t318.20\t381.20", unit="万元")


FIRST = Reply(answer={"facts": [TOTAL, PROJECT, SHARE, BASIC_WRONG]})


def _basic(result) -> list[Decimal]:
    return sorted(f.value for f in result.facts if f.concept == "expenditure.basic" and f.measure == "actual")


def _material(result) -> list[str]:
    return [f.rule for f in result.findings if f.severity == "material"]


def test_a_planted_wrong_value_is_corrected_by_one_reask(server, make_settings):
    server.queue(FIRST, Reply(answer={"facts": [BASIC_RIGHT]}))
    settings = make_settings()
    result = run(DOC, LLMBackend(settings), settings)

    assert _basic(result) == [Decimal("318.20")] and not _material(result)
    fixed = next(f for f in result.facts if f.concept == "expenditure.basic" and f.measure == "actual")
    assert (
        DOC.text[fixed.evidence.start : fixed.evidence.end] == fixed.evidence.quote and "318.20" in fixed.evidence.quote
    )
    first, again = server.requests
    assert again["messages"][:-1] == first["messages"], "the chunk's own messages, then the feedback"
    follow = again["messages"][-1]["content"]
    assert again["messages"][-1]["role"] == "user" and "<excerpt>" not in follow
    assert "381.2" in follow and "318.2" in follow, "the value given and the value the others imply"
    ledger = result.provenance.ledger
    assert (ledger.requests, ledger.feedback_asked, ledger.feedback_corrected) == (2, 1, 1)
    assert "feedback" in result.provenance.timings


def test_a_reask_whose_answer_does_not_ground_is_not_kept(server, make_settings):
    invented = fact("expenditure.basic", "318.30", "基本支出\t318.30", unit="万元")
    server.queue(FIRST, Reply(answer={"facts": [invented]}))
    settings = make_settings()
    result = run(DOC, LLMBackend(settings), settings)

    assert _basic(result) == [Decimal("381.20")] and _material(result)
    ledger = result.provenance.ledger
    assert (ledger.requests, ledger.feedback_asked, ledger.feedback_corrected) == (2, 1, 0)


def test_a_value_the_model_repeats_stands_and_is_asked_about_once(server, make_settings):
    server.queue(FIRST, Reply(answer={"facts": [BASIC_WRONG]}), Reply(answer={"facts": [BASIC_RIGHT]}))
    settings = make_settings()
    result = run(DOC, LLMBackend(settings), settings)

    assert len(server.requests) == 2, "one re-ask per finding, not a loop until it passes"
    assert _basic(result) == [Decimal("381.20")] and _material(result)
    assert (result.provenance.ledger.feedback_asked, result.provenance.ledger.feedback_corrected) == (1, 0)


def test_no_finding_no_reask(server, make_settings):
    server.queue(Reply(answer={"facts": [TOTAL, PROJECT, SHARE, BASIC_RIGHT]}))
    settings = make_settings()
    result = run(DOC, LLMBackend(settings), settings)

    assert len(server.requests) == 1 and not _material(result)
    assert result.provenance.ledger.feedback_asked == 0 and "feedback" not in result.provenance.timings


def _at(document, quote: str, concept: str, value: str, **kw) -> Fact:
    s = TEXT.index(quote)
    return Fact(
        concept=concept,
        value=Decimal(value),
        decimals=len(value.partition(".")[2]),
        evidence=evidence_for(document, s, s + len(quote)),
        backend="rules",
        **kw,
    )


class Rules:
    """A rules backend that read the facts it is given."""

    name = "rules"

    def __init__(self, *facts: tuple[str, str, str, dict]) -> None:
        self.facts = facts

    def extract(self, document):
        return Extraction(
            org_name="某单位", fiscal_year=2023, facts=tuple(_at(document, q, c, v, **kw) for q, c, v, kw in self.facts)
        )


RULES_TOTAL = ("本年支出合计405.35万元", "expenditure.total", "405.35", {})
RULES_PROJECT = ("项目支出87.15万元", "expenditure.project", "87.15", {})
RULES_SHARE = ("基本支出占78.50%", "expenditure.basic", "78.50", {"measure": "share", "unit": "%"})


def test_hybrid_reasks_a_model_culprit(server, make_settings):
    settings = make_settings()
    hybrid = HybridBackend(settings, rules=Rules(RULES_TOTAL, RULES_PROJECT, RULES_SHARE), llm=LLMBackend(settings))
    server.queue(Reply(answer={"facts": [BASIC_WRONG]}), Reply(answer={"facts": [BASIC_RIGHT]}))
    result = run(DOC, hybrid, settings)

    assert _basic(result) == [Decimal("318.20")] and not _material(result)
    assert server.requests[1]["messages"][:-1] == server.requests[0]["messages"], "the narrowed chunk again"
    assert (result.provenance.ledger.feedback_asked, result.provenance.ledger.feedback_corrected) == (1, 1)


def test_a_culprit_the_rules_read_is_not_reasked(server, make_settings):
    settings = make_settings()
    wrong = ("基本支出\t318.20\t381.20", "expenditure.basic", "381.20", {})
    hybrid = HybridBackend(settings, rules=Rules(wrong, RULES_PROJECT, RULES_SHARE), llm=LLMBackend(settings))
    server.queue(Reply(answer={"facts": [TOTAL]}))
    result = run(DOC, hybrid, settings)

    culprits = [f.culprit for f in result.findings if f.severity == "material" and f.culprit]
    assert culprits and culprits[0].concept == "expenditure.basic", "the rules' figure is blamed"
    assert len(server.requests) == 1 and result.provenance.ledger.feedback_asked == 0
    assert _basic(result) == [Decimal("381.20")]


def test_feedback_off_asks_nothing_more(server, make_settings):
    server.queue(FIRST, Reply(answer={"facts": [BASIC_RIGHT]}))
    settings = make_settings(feedback=False)
    result = run(DOC, LLMBackend(settings), settings)

    assert _basic(result) == [Decimal("381.20")] and _material(result), "the finding stands"
    assert len(server.requests) == 1
    ledger = result.provenance.ledger
    assert (ledger.requests, ledger.feedback_asked, ledger.feedback_corrected) == (1, 0, 0)
