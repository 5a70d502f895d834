"""The TXT, DOCX and PDF forms of each sample give the same numbers.

Facts and projects are compared for every sample. Indicator rows are compared only where
the text marks every table row (tab-prefixed cells grouped by blank lines): elsewhere the
renderer (scripts/make_fixtures.py) has to guess the row structure of a one-cell-per-line
table, so its DOCX/PDF table is a different table, not the same one in another form.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from extractor.backends.rules import RulesBackend
from extractor.ingest import read
from extractor.numbers import find_numbers
from extractor.pipeline import run
from extractor.settings import Settings

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "eval" / "samples").glob("*.txt"))


def _numbers(path: Path, settings: Settings) -> Counter[str]:
    return Counter(n.text for n in find_numbers(read(path, settings).text))


def _rows_marked(sample: Path) -> bool:
    lines = [ln for ln in sample.read_text(encoding="utf-8").splitlines() if ln.strip()]
    cells = [ln for ln in lines if len(ln.strip()) <= 60]
    return sum(ln.startswith("\t") for ln in cells) >= 0.6 * len(cells)


def _facts(path: Path, settings: Settings, *, indicators: bool = True) -> set[tuple]:
    doc = read(path, settings)
    result = run(doc, RulesBackend(settings), settings)
    facts = {(f.concept, f.measure, f.period, f.scope, f.label, f.value) for f in result.facts}
    projects = {(p.name, p.budget, p.actual, p.rate, p.fiscal_budget, p.fiscal_actual) for p in result.projects}
    rows = {(i.name, i.weight, i.score) for i in result.indicators} if indicators else set()
    return facts | projects | rows


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem[:3])
@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_rendered_forms_hold_the_same_numbers(fixtures_dir: Path, settings: Settings, sample: Path, form: str) -> None:
    rendered = fixtures_dir / "samples" / f"{sample.stem}.{form}"
    assert _numbers(rendered, settings) == _numbers(sample, settings)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem[:3])
@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_rendered_forms_give_the_same_facts(fixtures_dir: Path, settings: Settings, sample: Path, form: str) -> None:
    rendered = fixtures_dir / "samples" / f"{sample.stem}.{form}"
    marked = _rows_marked(sample)
    assert _facts(rendered, settings, indicators=marked) == _facts(sample, settings, indicators=marked)
