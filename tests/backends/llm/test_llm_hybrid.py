"""The hybrid backend: the model only on what the rules left, disagreements reported."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from extractor.backends.hybrid import HybridBackend
from extractor.backends.llm import LLMBackend
from extractor.document import build_document
from extractor.ground import evidence_for
from extractor.ingest import read
from extractor.pipeline import run
from extractor.result import Extraction, Fact

from .conftest import fact
from .stub_server import Reply, plausible_responder

TEXT = (
    "一、收支情况\n"
    "本年支出合计405.35万元，其中基本支出318.20万元。" + "资金使用规范，按规定履行审批程序。" * 7 + "\n"
    "二、人员情况\n"
    "年末在职人员19人，全年支出合计400.35万元。\n"
)
DOC = build_document("h.txt", TEXT)


class FakeRules:
    """A rules backend that found the first section's total and the metadata."""

    name = "rules"

    def extract(self, document):
        s = TEXT.index("支出合计405.35万元")
        return Extraction(
            org_name="某单位", fiscal_year=2023,
            facts=(Fact(concept="expenditure.total", value=Decimal("405.35"), decimals=2,
                        evidence=evidence_for(document, s, s + 13)),),
        )


def _hybrid(make_settings, **kw):
    settings = make_settings(chunk_chars=200, chunk_overlap=0, **kw)
    return HybridBackend(settings, rules=FakeRules(), llm=LLMBackend(settings))


def test_model_is_asked_only_about_uncovered_groups(server, make_settings):
    hybrid = _hybrid(make_settings)
    plan = hybrid.llm.plan(DOC)
    assert len(plan) == 2 and plan[0].groups == ("expenditure", "metadata")
    server.queue(Reply(answer={"facts": [fact("staff.in_service", "19", "年末在职人员19人", unit="count")]}))
    ex = hybrid.extract(DOC)

    assert len(server.requests) == 1, "the first chunk is fully covered by the rules"
    sent = server.requests[0]
    assert "年末在职人员19人" in sent["messages"][-1]["content"]
    assert "405.35" not in sent["messages"][-1]["content"]
    asked = sent["messages"][-1]["content"].splitlines()[0]
    assert "metadata" not in asked and "staff" in asked
    assert {(f.concept, f.value) for f in ex.facts} == {("expenditure.total", Decimal("405.35")),
                                                        ("staff.in_service", Decimal("19"))}
    assert ex.counters["chunks_to_model"] == 1 and ex.counters["llm_facts_added"] == 1
    assert ex.ledger.requests == 1 and ex.prompt_version


def test_disagreement_is_reported_and_the_rules_value_kept(server, make_settings):
    server.queue(Reply(answer={"facts": [fact("expenditure.total", "400.35", "全年支出合计400.35万元")]}))
    result = run(DOC, _hybrid(make_settings), make_settings())
    totals = [f.value for f in result.facts if f.concept == "expenditure.total"]
    assert totals == [Decimal("405.35")]
    (d,) = result.provenance.disagreements
    assert d["kind"] == "fact" and d["concept"] == "expenditure.total"
    assert d["rules"] == [405.35] and d["llm"] == 400.35
    assert d["llm_evidence"]["quote"] == "全年支出合计400.35万元"
    assert result.provenance.backend == "hybrid" and result.provenance.counters["disagreements"] == 1


def test_nothing_left_means_no_request(server, make_settings):
    class AllRules(FakeRules):
        def extract(self, document):
            base = super().extract(document)
            s = TEXT.index("年末在职人员19人")
            staff = Fact(concept="staff.in_service", value=Decimal(19), unit="count",
                         evidence=evidence_for(document, s, s + 9))
            p = TEXT.index("全年支出合计400.35万元")
            spend = Fact(concept="expenditure.personnel", value=Decimal("400.35"), decimals=2,
                         evidence=evidence_for(document, p, p + 15))
            return Extraction(org_name=base.org_name, fiscal_year=base.fiscal_year,
                              facts=(*base.facts, staff, spend))

    settings = make_settings(chunk_chars=200, chunk_overlap=0)
    ex = HybridBackend(settings, rules=AllRules(), llm=LLMBackend(settings)).extract(DOC)
    assert server.requests == [] and ex.ledger.requests == 0 and len(ex.facts) == 3


def test_with_the_real_rules_backend_every_rules_value_survives(server, make_settings):
    from extractor.backends.rules import RulesBackend

    path = sorted((Path(__file__).resolve().parents[3] / "eval" / "samples").glob("*.txt"))[0]
    settings = make_settings()
    doc = read(path, settings)
    server.responder = plausible_responder
    rules = RulesBackend(settings).extract(doc)
    ex = HybridBackend(settings).extract(doc)
    assert set(rules.facts) <= set(ex.facts)
    assert ex.ledger.requests == len(server.requests) <= len(LLMBackend(settings).plan(doc))
