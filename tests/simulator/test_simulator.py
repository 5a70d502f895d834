"""The model simulator (eval/simulator): gold answers over real HTTP in every mode instructor
speaks, errors injected at set rates and logged, and the eval side's audit of them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import instructor
import openai
import pytest

from eval.simulator.corpus import Corpus, load_corpus
from eval.simulator.inject import ERRORS, decide, paraphrase, result_value
from eval.simulator.server import Simulator
from extractor.backends.llm import LLMBackend
from extractor.backends.llm.prompts import load_prompts
from extractor.backends.llm.schema import ALL_GROUPS, response_model_for
from extractor.chunk import OMITTED, chunk_document
from extractor.evaluate.gold import load_gold
from extractor.ground import align
from extractor.harness import evaluate
from extractor.ingest import read
from extractor.pipeline import run
from extractor.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
STEM = "003_96b1011f3b853c52"
"""The smallest sample (2.5 k characters, one or two chunks): keeps every test to a second or two."""


@pytest.fixture(scope="module")
def one_doc(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("sim")
    (root / "gold").mkdir()
    (root / "docs").mkdir()
    (root / "gold" / f"{STEM}.json").write_bytes((ROOT / "eval" / "gold" / f"{STEM}.json").read_bytes())
    (root / "docs" / f"{STEM}.txt").write_bytes((ROOT / "eval" / "samples" / f"{STEM}.txt").read_bytes())
    return root / "gold", root / "docs"


@pytest.fixture(scope="module")
def corpus(one_doc: tuple[Path, Path]) -> Corpus:
    return load_corpus([one_doc])


@pytest.fixture
def clean(corpus: Corpus) -> Iterator[Simulator]:
    with Simulator(corpus, rates={}) as sim:
        yield sim


def _settings(sim: Simulator, **kw: object) -> Settings:
    return Settings.isolated(
        EXTRACTOR_BASE_URL=sim.url, EXTRACTOR_API_KEY="sim", model="simulator", max_retries=0, timeout_s=10, **kw
    )


def test_every_item_is_located_at_its_quote(corpus: Corpus) -> None:
    (doc,) = corpus.docs
    assert doc.items and not [u for u in corpus.unanswerable if "fact" in u]
    for item in doc.items:
        assert doc.text[item.start : item.end] == item.quote
        for w in item.numbers.values():
            assert item.start <= w.start < item.end and doc.text[w.start : w.start + len(w.text)] == w.text


@pytest.mark.parametrize("mode", ["tools", "json", "md_json", "json_schema"])
def test_a_clean_run_returns_gold_in_each_mode(clean: Simulator, one_doc: tuple[Path, Path], mode: str) -> None:
    gold = load_gold(one_doc[0] / f"{STEM}.json")
    settings = _settings(clean, instructor_mode=mode)
    result = run(read(one_doc[1] / f"{STEM}.txt", settings), LLMBackend(settings), settings)
    got = {(f.concept, f.measure, f.period, f.scope, f.value) for f in result.facts}
    want = {(f.concept, f.measure, f.period, f.scope, f.value) for f in gold.facts}
    assert want <= got and result.provenance.counters["dropped_ungrounded"] == 0
    assert result.org_name == gold.org_name
    sent = clean.requests[-1]
    assert ("tools" in sent) == (mode == "tools")
    assert (sent.get("response_format") is not None) == (mode in ("json", "json_schema"))


def test_a_narrowed_excerpt_is_answered_window_by_window(clean: Simulator, one_doc: tuple[Path, Path]) -> None:
    doc = read(one_doc[1] / f"{STEM}.txt", Settings.isolated())
    chunk = chunk_document(doc)[0]
    items = sorted(
        (i for i in clean.corpus.docs[0].items if i.kind == "fact" and i.end <= chunk.end), key=lambda i: i.start
    )
    first, last = items[0], items[-1]
    narrowed = replace(chunk, windows=((first.start, first.end), (last.start, last.end)))
    tools = [
        {
            "type": "function",
            "function": {"name": "answer", "parameters": response_model_for(ALL_GROUPS).model_json_schema()},
        }
    ]
    answer, _ = clean.answer({"tools": tools, "messages": load_prompts().messages(narrowed, ALL_GROUPS)})
    quotes = {x["quote"] for group in answer.values() for x in (group if isinstance(group, list) else [group])}
    assert OMITTED in narrowed.excerpt() and {first.quote, last.quote} <= quotes
    assert all(q in first.quote or q in last.quote for q in quotes), "nothing from the text left out"


def test_json_schema_mode_as_instructor_sends_it(clean: Simulator, one_doc: tuple[Path, Path]) -> None:
    doc = read(one_doc[1] / f"{STEM}.txt", Settings.isolated())
    chunk = chunk_document(doc)[0]
    client = instructor.from_openai(
        openai.OpenAI(base_url=clean.url, api_key="sim", max_retries=0), mode=instructor.Mode.JSON_SCHEMA
    )
    model = response_model_for(ALL_GROUPS)
    answer = client.chat.completions.create(
        model="simulator", response_model=model, max_retries=0, messages=load_prompts().messages(chunk, ALL_GROUPS)
    )  # type: ignore[arg-type]
    assert clean.requests[-1]["response_format"]["type"] == "json_schema"
    assert answer.facts and all(f.quote in chunk.text for f in answer.facts)  # type: ignore[attr-defined]


def test_usage_reports_a_cached_prefix_only_past_the_provider_minimum(clean: Simulator) -> None:
    long = "规则" * 1200
    first = clean.completion({"messages": [{"role": "system", "content": long}, {"role": "user", "content": "甲"}]})
    again = clean.completion({"messages": [{"role": "system", "content": long}, {"role": "user", "content": "乙"}]})
    short = clean.completion({"messages": [{"role": "system", "content": "短"}, {"role": "user", "content": "乙"}]})
    assert first["usage"]["prompt_tokens_details"]["cached_tokens"] == 0
    cached = again["usage"]["prompt_tokens_details"]["cached_tokens"]
    assert cached % 128 == 0 and 2048 <= cached <= again["usage"]["prompt_tokens"]
    assert short["usage"]["prompt_tokens_details"]["cached_tokens"] == 0


def test_injection_is_seeded_and_each_error_does_what_it_says(corpus: Corpus) -> None:
    (doc,) = corpus.docs
    known = {tuple(i.key.values()): i.numbers["value"].value for i in doc.items if i.kind == "fact"}
    facts = [i for i in doc.items if i.kind == "fact"]
    for error in ERRORS:
        for item in facts:
            a = decide(item, facts, doc.text, 0, len(doc.text), seed=1, rates={error: 1.0}, known=known)
            b = decide(item, facts, doc.text, 0, len(doc.text), seed=1, rates={error: 1.0}, known=known)
            assert a == b
            if a is None:
                continue
            assert a.error == error
            if error == "missed_item":
                assert a.answer is None
            elif error == "paraphrased_quote":
                assert a.answer is not None and align(a.answer["quote"], doc.text) is None
            elif error in ("invented_number", "transposed_digit"):
                assert a.wrong is not None and a.wrong != a.gold
            elif error == "wrong_unit":
                assert (
                    a.wrong is not None
                    and a.gold is not None
                    and abs(a.wrong) in (abs(a.gold) * 10000, abs(a.gold) / 10000)
                )


def test_helpers() -> None:
    assert result_value("3112000", "元") == Decimal("311.2000")
    assert result_value("1.5", "亿元") == Decimal("15000")
    text = "基本支出311.20万元，占86.80%。"
    assert align(paraphrase("基本支出311.20万元", text), text) is None


def test_eval_reports_what_became_of_every_injected_error(
    corpus: Corpus, one_doc: tuple[Path, Path], tmp_path: Path
) -> None:
    log = tmp_path / "log.jsonl"
    with Simulator(corpus, seed=3, rates=dict.fromkeys(ERRORS, 0.1), log_path=log) as sim:
        ev = evaluate(one_doc[0], one_doc[1], settings=_settings(sim), backend="llm", injections=log)
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    injected = {r["id"] for r in records if r["event"] == "injected"}
    section = ev.injected
    assert section is not None and injected and section["injected"] == len(injected)
    for row in section["by_error"].values():
        assert row["injected"] == sum(v for k, v in row.items() if k != "injected")
    for item in section["items"]:
        if item["error"] in ("invented_number", "paraphrased_quote", "transposed_digit"):
            assert item["outcome"] == "dropped", item


def test_a_followup_naming_an_injected_value_gets_the_item_right(corpus: Corpus, one_doc: tuple[Path, Path]) -> None:
    doc = read(one_doc[1] / f"{STEM}.txt", Settings.isolated())
    chunk = chunk_document(doc)[0]
    tools = [
        {
            "type": "function",
            "function": {"name": "answer", "parameters": response_model_for(ALL_GROUPS).model_json_schema()},
        }
    ]
    messages = load_prompts().messages(chunk, ALL_GROUPS)
    with Simulator(corpus, rates={"transposed_digit": 1.0}) as sim:
        first, _ = sim.answer({"tools": tools, "messages": messages})
        injected = [e for e in sim.events if e["event"] == "injected"]
        facts = [e for e in injected if e["kind"] == "fact"]
        assert len(facts) > 1, "every item with two different digits is transposed"
        target, other = facts[0], facts[-1]
        assert target["wrong"] != other["wrong"]
        follow = {"role": "user", "content": f"Your answer gave {target['wrong']} 万元; the others imply more."}
        again, _ = sim.answer({"tools": tools, "messages": [*messages, follow]})
        unrelated, _ = sim.answer({"tools": tools, "messages": [*messages, {"role": "user", "content": "Again."}]})
        merged = {"role": "user", "content": messages[-1]["content"] + "\n\n" + follow["content"]}
        joined, _ = sim.answer({"tools": tools, "messages": [*messages[:-1], merged]})  # as the json modes send it
    quoted = {x["quote"]: x for x in again.get("facts", [])}
    assert quoted[target["sent"]["quote"]]["value"] != target["sent"]["value"], "named: answered right"
    assert {x["quote"]: x for x in first.get("facts", [])}[other["sent"]["quote"]] == quoted[other["sent"]["quote"]]
    assert unrelated == first, "a follow-up naming no injected value changes nothing"
    assert joined == again, "a follow-up merged into the excerpt's message is a follow-up too"
    fixed = [e for e in sim.events if e["event"] == "fixed"]
    assert {e["id"] for e in fixed} == {target["id"]} and {e["why"] for e in fixed} == {"feedback"}
    assert len([e for e in sim.events if e["event"] == "injected"]) == len(injected), "re-asks are not re-logged"
