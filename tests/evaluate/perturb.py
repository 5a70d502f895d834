"""The scorer's test bench: the synthetic document, its gold, the perfect result, and the planted
perturbations of it whose moved metrics the tests assert."""

from __future__ import annotations

from typing import Any

from extractor.document import normalise
from extractor.evaluate.report import doc_metrics
from extractor.evaluate.score import DocScore, score_document
from extractor.result import Evidence, Fact, Result
from tests.evaluate.synth import TEXT, gold, result_from_gold

G = gold()
DOC = normalise(TEXT)[0]
PERFECT = result_from_gold(G, DOC)
IGNORED = ("cost.", "grounding.checked")


def flat(node: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for k, v in node.items():
            out.update(flat(v, f"{prefix}{k}."))
        return out
    return {prefix[:-1]: node}


def score(result: Result) -> DocScore:
    return score_document(G, result, text=DOC)


def metrics(result: Result) -> dict[str, Any]:
    return {k: v for k, v in flat(doc_metrics(score(result))).items() if not k.startswith(IGNORED)}


BASE = metrics(PERFECT)


def moved(result: Result) -> set[str]:
    now = metrics(result)
    return {k for k in set(now) | set(BASE) if now.get(k) != BASE.get(k)}


def ev(quote: str, number: str | None = None) -> Evidence:
    """Evidence for a line of the synthetic document (narrowed to ``number`` when given)."""
    start = DOC.index(quote)
    if number is not None:
        start += quote.index(number)
        quote = number
    return Evidence(quote=quote, start=start, end=start + len(quote))


def with_facts(facts: list[Fact], **kw: Any) -> Result:
    return PERFECT.model_copy(update={"facts": facts, **kw})


def edit_fact(concept: str, measure: str = "actual", where_scope: str = "all", **update: Any) -> Result:
    facts = [
        f.model_copy(update=update) if (f.concept, f.measure, f.scope) == (concept, measure, where_scope) else f
        for f in PERFECT.facts
    ]
    assert facts != PERFECT.facts
    return with_facts(facts)


def fact_stats(family: str, *names: str) -> set[str]:
    return {f"facts.{n}" for n in names} | {f"facts_by_family.{family}.{n}" for n in names}
