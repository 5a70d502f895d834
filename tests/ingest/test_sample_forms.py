"""The TXT, DOCX and PDF forms of each sample give the same numbers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from extractor.extract.rules import RulesBackend
from extractor.ingest import read
from extractor.numbers import find_numbers
from extractor.pipeline import run
from extractor.settings import Settings

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "eval" / "samples").glob("*.txt"))


def _numbers(path: Path, settings: Settings) -> Counter[str]:
    return Counter(n.text for n in find_numbers(read(path, settings).text))


def _facts(path: Path, settings: Settings) -> set[tuple]:
    doc = read(path, settings)
    result = run(doc, RulesBackend(settings), settings)
    return {(f.concept, f.measure, f.period, f.scope, f.label, f.value) for f in result.facts}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem[:3])
@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_rendered_forms_hold_the_same_numbers(fixtures_dir: Path, settings: Settings, sample: Path, form: str) -> None:
    rendered = fixtures_dir / "samples" / f"{sample.stem}.{form}"
    assert _numbers(rendered, settings) == _numbers(sample, settings)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem[:3])
@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_rendered_forms_give_the_same_facts(fixtures_dir: Path, settings: Settings, sample: Path, form: str) -> None:
    rendered = fixtures_dir / "samples" / f"{sample.stem}.{form}"
    assert _facts(rendered, settings) == _facts(sample, settings)
