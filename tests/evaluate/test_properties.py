"""Property tests of the scorer: conservation of outcomes, tolerance, order invariance."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.concepts import normalise_name
from extractor.evaluate.outcome import NAME_FLOOR, name_similarity, pair_rows
from extractor.evaluate.score import score_document
from extractor.result import Evidence, Fact
from tests.evaluate.synth import gold, result_from_gold

G = gold()
PERFECT = result_from_gold(G)
EV = Evidence(quote="?", start=0, end=1)
EXTRA_KEYS = [
    ("three_public.total", "actual"),
    ("assets.total", "actual"),
    ("income.other", "budget"),
    ("procurement.total", "actual"),
]

choice = st.sampled_from(["omit", "exact", "wrong", "alternative"])


@settings(max_examples=150, deadline=None)
@given(
    choices=st.lists(choice, min_size=len(G.facts), max_size=len(G.facts)),
    extras=st.lists(st.sampled_from(EXTRA_KEYS), max_size=4, unique=True),
)
def test_every_key_gets_exactly_one_outcome(choices: list[str], extras: list[tuple[str, str]]) -> None:
    facts: list[Fact] = []
    expected = {"correct": 0, "wrong": 0, "missed": 0, "correctly_absent": 0}
    for g, c in zip(G.facts, choices, strict=True):
        base = Fact(
            concept=g.concept,
            measure=g.measure,
            period=g.period,
            scope=g.scope,
            label=g.label,
            value=g.value,
            evidence=EV,
        )
        if c == "omit":
            expected["correctly_absent" if g.optional else "missed"] += 1
        elif c == "wrong":
            facts.append(base.model_copy(update={"value": g.value + 1}))
            expected["wrong"] += 1
        elif c == "alternative" and g.alternatives:
            facts.append(base.model_copy(update={"value": g.alternatives[0]}))
            expected["correct"] += 1
        else:
            facts.append(base)
            expected["correct"] += 1
    facts += [Fact(concept=c, measure=m, value=Decimal(7), evidence=EV) for c, m in extras]  # type: ignore[arg-type]
    s = score_document(G, PERFECT.model_copy(update={"facts": facts}))
    got = s.facts
    assert {k: getattr(got, k) for k in expected} == expected
    assert got.invented == len(extras)
    assert got.correct + got.wrong + got.missed + got.correctly_absent == len(G.facts)
    assert got.correct + got.wrong + got.invented == len({f.key for f in facts})
    for v in (got.precision, got.recall, got.f1):
        assert v is None or 0.0 <= v <= 1.0
    assert sum((c for c in s.families.values()), type(got)()) == got


@settings(max_examples=200, deadline=None)
@given(delta=st.decimals(min_value=Decimal("-0.02"), max_value=Decimal("0.02"), places=4))
def test_money_and_percent_match_within_half_a_hundredth(delta: Decimal) -> None:
    facts = [
        f.model_copy(update={"value": f.value + delta})
        if (f.concept == "expenditure.total" and f.scope == "all") or f.measure == "share"
        else f
        for f in PERFECT.facts
    ]
    s = score_document(G, PERFECT.model_copy(update={"facts": facts}))
    assert s.facts.wrong == (0 if abs(delta) <= Decimal("0.005") else 2)


@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_scores_do_not_depend_on_order(data: st.DataObject) -> None:
    shuffled = PERFECT.model_copy(
        update={
            "facts": data.draw(st.permutations(PERFECT.facts)),
            "projects": data.draw(st.permutations(PERFECT.projects)),
            "indicators": data.draw(st.permutations(PERFECT.indicators)),
            "findings": data.draw(st.permutations(PERFECT.findings)),
        }
    )
    a, b = score_document(G, PERFECT), score_document(G, shuffled)
    assert (a.facts, a.projects, a.indicators, a.findings, a.metadata) == (
        b.facts,
        b.projects,
        b.indicators,
        b.findings,
        b.metadata,
    )
    assert sorted(o.id for o in a.outcomes) == sorted(o.id for o in b.outcomes)


HAN = st.text(alphabet="支出项目一般公共服务财政拨款社会保障和就业其他（）类款项 、，。“”", min_size=1, max_size=20)


@given(HAN)
def test_normalise_name_is_idempotent_and_space_blind(s: str) -> None:
    n = normalise_name(s)
    assert normalise_name(n) == n
    assert normalise_name(" ".join(s)) == n


@settings(max_examples=100, deadline=None)
@given(gold_names=st.lists(HAN, max_size=6), result_names=st.lists(HAN, max_size=6))
def test_pairing_is_one_to_one_above_the_floor(gold_names: list[str], result_names: list[str]) -> None:
    pairs = pair_rows(gold_names, result_names)
    assert len({i for i, _, _ in pairs}) == len(pairs) == len({j for _, j, _ in pairs})
    assert all(sim >= NAME_FLOOR and sim == name_similarity(gold_names[i], result_names[j]) for i, j, sim in pairs)


@given(names=st.lists(HAN, max_size=6, unique_by=normalise_name).filter(lambda xs: all(normalise_name(x) for x in xs)))
def test_identical_lists_pair_fully(names: list[str]) -> None:
    pairs = pair_rows(names, list(reversed(names)))
    assert len(pairs) == len(names)
    assert all(sim == 1.0 for _, _, sim in pairs)
