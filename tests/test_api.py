"""The library API: one function for a path, bytes or a Document."""

from __future__ import annotations

import importlib
from pathlib import Path

import extractor
from extractor.settings import Settings


def test_extract_stays_the_function_after_every_stage_is_imported() -> None:
    for name in ("extractor.backends", "extractor.backends.rules", "extractor.pipeline", "extractor.ground"):
        importlib.import_module(name)
    assert callable(extractor.extract) and extractor.extract.__module__ == "extractor"
    from extractor import extract

    assert extract is extractor.extract


def test_extract_accepts_a_path_bytes_and_a_document(sample_paths: list[Path], settings: Settings) -> None:
    path = sample_paths[0]
    by_path = extractor.extract(path, settings=settings, backend="rules")
    by_bytes = extractor.extract(path.read_bytes(), filename=path.name, settings=settings, backend="rules")
    by_doc = extractor.extract(extractor.read(path, settings), settings=settings, backend="rules")
    key = [(f.key, f.value) for f in by_path.facts]
    assert key and key == [(f.key, f.value) for f in by_bytes.facts] == [(f.key, f.value) for f in by_doc.facts]
    assert by_path.provenance.source.path == str(path)
    assert by_bytes.provenance.source.path is None
