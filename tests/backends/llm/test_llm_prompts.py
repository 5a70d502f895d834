"""Prompt files are data, checked on load: variables, the few-shot example, the version."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from extractor.backends.llm.prompts import default_prompts_dir, load_prompts
from extractor.chunk import Chunk
from extractor.errors import ConfigError

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def prompts_copy(tmp_path: Path) -> Path:
    target = tmp_path / "prompts"
    shutil.copytree(default_prompts_dir(), target)
    return target


def _load(path: Path):
    load_prompts.cache_clear()
    try:
        return load_prompts(path)
    finally:
        load_prompts.cache_clear()


def test_shipped_prompts_load_and_render():
    p = load_prompts()
    chunk = Chunk(index=0, start=0, end=10, text="在职人员19人", heading="一、概况")
    system, user = p.messages(chunk, ("staff",))
    assert system["role"] == "system" and user["role"] == "user"
    assert "staff.in_service" in system["content"] and "expenditure.total" in system["content"]
    assert system == p.messages(chunk, ("income", "projects"))[0], "one stable prefix for every chunk"
    assert user["content"].startswith("Return the staff stated")  # routing narrows the variable part
    assert "<excerpt>\n在职人员19人\n</excerpt>" in user["content"]
    assert "一、概况" in user["content"]


def test_version_changes_with_any_prompt_file(prompts_copy):
    before = _load(prompts_copy).version
    chunk = prompts_copy / "chunk.j2"
    chunk.write_text(chunk.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = _load(prompts_copy).version
    assert before.split("+")[0] == after.split("+")[0] and before != after


def test_undeclared_variable_is_refused(prompts_copy):
    chunk = prompts_copy / "chunk.j2"
    chunk.write_text(chunk.read_text(encoding="utf-8") + "{{ document_name }}", encoding="utf-8")
    with pytest.raises(ConfigError, match="undeclared variables: \\['document_name'\\]"):
        _load(prompts_copy)


def test_unused_declared_variable_is_refused(prompts_copy):
    manifest = prompts_copy / "prompts.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            'variables = ["heading", "context", "text", "groups", "omitted"]',
            'variables = ["heading", "context", "text", "groups", "omitted", "extra"]',
        ),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="unused variables"):
        _load(prompts_copy)


def _edit_example(path: Path, edit) -> None:
    ex_path = path / "example.json"
    example = json.loads(ex_path.read_text(encoding="utf-8"))
    edit(example)
    ex_path.write_text(json.dumps(example, ensure_ascii=False), encoding="utf-8")


def test_example_quote_must_be_in_its_text(prompts_copy):
    _edit_example(prompts_copy, lambda ex: ex["answer"]["facts"][0].update(quote="收入合计999.99万元"))
    with pytest.raises(ConfigError, match="not in the example text"):
        _load(prompts_copy)


def test_example_number_must_be_in_its_quote(prompts_copy):
    _edit_example(prompts_copy, lambda ex: ex["answer"]["facts"][0].update(value="413.60"))
    with pytest.raises(ConfigError, match="not in its quote"):
        _load(prompts_copy)


def test_example_must_fit_the_response_model(prompts_copy):
    _edit_example(prompts_copy, lambda ex: ex["answer"]["facts"][0].update(concept="income.everything"))
    with pytest.raises(ConfigError, match="response model"):
        _load(prompts_copy)


def test_example_is_not_taken_from_the_samples():
    example = json.loads((default_prompts_dir() / "example.json").read_text(encoding="utf-8"))
    quotes = [f["quote"] for f in example["answer"]["facts"]]
    quotes += [example["answer"]["metadata"]["org_name"]]
    for sample in sorted((ROOT / "eval" / "samples").glob("*.txt")):
        text = sample.read_text(encoding="utf-8")
        assert not [q for q in quotes if q in text], sample.name
