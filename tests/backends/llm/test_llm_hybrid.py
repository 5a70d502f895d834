"""The hybrid backend: the model only on what the rules left, disagreements reported."""

from __future__ import annotations

from dataclasses import replace
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
    "年末在职人员19人。" + "人员队伍保持稳定，各项工作有序开展。" * 2 + "全年支出合计400.35万元。\n"
)
DOC = build_document("h.txt", TEXT)


def _at(document, text: str, concept: str, value: str, **kw) -> Fact:
    s = TEXT.index(text)
    return Fact(
        concept=concept,
        value=Decimal(value),
        decimals=len(value.partition(".")[2]),
        evidence=evidence_for(document, s, s + len(text)),
        **kw,
    )


class FakeRules:
    """A rules backend that found every figure of the first section, and the metadata."""

    name = "rules"

    def extract(self, document):
        return Extraction(
            org_name="某单位",
            fiscal_year=2023,
            facts=(
                _at(document, "支出合计405.35万元", "expenditure.total", "405.35"),
                _at(document, "基本支出318.20万元", "expenditure.basic", "318.20"),
            ),
        )


def _hybrid(make_settings, rules=None, **kw):
    settings = make_settings(chunk_chars=200, chunk_overlap=0, **kw)
    return HybridBackend(settings, rules=rules or FakeRules(), llm=LLMBackend(settings))


def test_a_chunk_whose_every_figure_the_rules_placed_is_not_sent(server, make_settings):
    hybrid = _hybrid(make_settings)
    plan = hybrid.llm.plan(DOC)
    assert len(plan) == 2 and plan[0].groups == ("expenditure", "metadata")
    server.queue(Reply(answer={"facts": [fact("staff.in_service", "19", "年末在职人员19人", unit="count")]}))
    ex = hybrid.extract(DOC)

    assert len(server.requests) == 1, "every figure of the first chunk is placed by the rules"
    sent = server.requests[0]["messages"][-1]["content"]
    assert "年末在职人员19人" in sent and "405.35" not in sent
    asked = sent.splitlines()[0]
    assert "metadata" not in asked and "staff" in asked
    assert {(f.concept, f.value) for f in ex.facts} == {
        ("expenditure.total", Decimal("405.35")),
        ("expenditure.basic", Decimal("318.20")),
        ("staff.in_service", Decimal("19")),
    }
    assert ex.counters["chunks_to_model"] == 1 and ex.counters["llm_facts_added"] == 1
    assert ex.ledger.requests == 1 and ex.prompt_version


def test_the_model_is_shown_only_the_sentences_the_rules_left_open(server, make_settings):
    class StaffToo(FakeRules):
        def extract(self, document):
            base = super().extract(document)
            staff = _at(document, "年末在职人员19人", "staff.in_service", "19", unit="count")
            return replace(base, facts=(*base.facts, staff))

    hybrid = _hybrid(make_settings, StaffToo())
    plan = hybrid.plan(DOC, StaffToo().extract(DOC))
    assert [bool(c.groups) for c in plan] == [False, True]
    shown = plan[1].excerpt()
    assert shown.endswith("全年支出合计400.35万元。") and "19人" not in shown and shown.count("[…]") == 1
    assert "expenditure" in plan[1].groups and plan[1].groups == hybrid.llm.route(plan[1])
    server.queue(Reply(answer={"facts": [fact("expenditure.total", "400.35", "全年支出合计400.35万元")]}))
    hybrid.extract(DOC)
    sent = server.requests[0]["messages"][-1]["content"]
    assert "[…]" in sent and "19人" not in sent and "全年支出合计400.35万元" in sent


def test_without_the_metadata_the_first_chunk_shows_its_title(server, make_settings):
    class NoMeta(FakeRules):
        def extract(self, document):
            return replace(super().extract(document), org_name=None, fiscal_year=None)

    first = _hybrid(make_settings, NoMeta()).plan(DOC, NoMeta().extract(DOC))[0]
    assert first.groups == ("metadata",) and first.excerpt().startswith("一、收支情况\n[…]")


def test_disagreement_is_reported_and_the_rules_value_kept(server, make_settings):
    server.queue(Reply(answer={"facts": [fact("expenditure.total", "400.35", "全年支出合计400.35万元")]}))
    result = run(DOC, _hybrid(make_settings), make_settings())
    totals = [f.value for f in result.facts if f.concept == "expenditure.total"]
    assert totals == [Decimal("405.35")]
    (d,) = result.provenance.disagreements
    assert d["kind"] == "fact" and d["concept"] == "expenditure.total"
    assert list(d["rules"]) == [405.35] and d["llm"] == 400.35
    assert d["llm_evidence"]["quote"] == "全年支出合计400.35万元"
    assert result.provenance.backend == "hybrid" and result.provenance.counters["disagreements"] == 1


def test_nothing_left_means_no_request(server, make_settings):
    class AllRules(FakeRules):
        def extract(self, document):
            base = super().extract(document)
            staff = _at(document, "年末在职人员19人", "staff.in_service", "19", unit="count")
            spend = _at(document, "全年支出合计400.35万元", "expenditure.personnel", "400.35")
            return replace(base, facts=(*base.facts, staff, spend))

    ex = _hybrid(make_settings, AllRules()).extract(DOC)
    assert server.requests == [] and ex.ledger.requests == 0 and len(ex.facts) == 4


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
