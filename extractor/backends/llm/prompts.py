"""Prompts are data: template files under ``prompts/``, checked when they are loaded.

``prompts/prompts.toml`` names each template and the variables it may use. Loading fails
(:class:`~extractor.errors.ConfigError`) when a template uses a variable it does not declare
or declares one it never uses, so a renamed variable cannot silently render as nothing
(templates render in a Jinja sandbox with ``StrictUndefined``). The few-shot example
(``prompts/example.json``, an invented department written for the purpose) is checked
against itself: its text is already in normalised form (what the model will be shown), every
quote occurs in its text, every number occurs in its quote, and the answer validates against
the full response model — an example that teaches the model to invent is refused.

The prompt version recorded in every result is ``<declared version>+<hash of the files>``:
an edit to any prompt file changes it, and with it the response-cache key.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment
from pydantic import ValidationError

from extractor.backends.llm.schema import ALL_GROUPS, concepts_in, group_of, response_model_for
from extractor.chunk import OMITTED, Chunk
from extractor.concepts import BY_ID
from extractor.document import normalise
from extractor.errors import ConfigError
from extractor.numbers import number_in_quote, parse_number
from extractor.result import INDICATOR_NUMBERS, PROJECT_NUMBERS

__all__ = ["PromptSet", "default_prompts_dir", "load_prompts"]


def default_prompts_dir() -> Path:
    """``extractor/prompts`` when packaged inside the wheel, else the repository's ``prompts/``."""
    here = Path(__file__).resolve()
    inside = here.parents[2] / "prompts"
    return inside if (inside / "prompts.toml").exists() else here.parents[3] / "prompts"


@dataclass(frozen=True, eq=False)
class PromptSet:
    """The loaded, checked templates and example; renders the messages for one chunk."""

    version: str
    system_template: Template = field(repr=False)
    chunk_template: Template = field(repr=False)
    example: dict[str, Any] = field(repr=False)
    feedback_template: Template = field(repr=False)

    def messages(self, chunk: Chunk, groups: tuple[str, ...]) -> list[dict[str, str]]:
        """The stable system message (the same for every chunk and document, so providers can
        cache it as a prefix), then the variable part: which groups to return, and the chunk."""
        groups = tuple(g for g in ALL_GROUPS if g in groups)
        user = self.chunk_template.render(
            heading=chunk.heading,
            context=chunk.context,
            text=chunk.excerpt(),
            groups=list(groups),
            omitted=OMITTED if chunk.windows else "",
        )
        return [{"role": "system", "content": self.system()}, {"role": "user", "content": user}]

    def system(self) -> str:
        return _render_system(self)

    def feedback(
        self,
        chunk: Chunk,
        groups: tuple[str, ...],
        *,
        figure: str,
        value: str,
        quote: str | None,
        relation: str,
        expected: str | None,
        group: str,
    ) -> list[dict[str, str]]:
        """The chunk's own messages (the same prefix, so a cache serves it), then one
        follow-up that states the finding blaming ``figure`` and asks for that item again."""
        follow = self.feedback_template.render(
            figure=figure, value=value, quote=quote or "", relation=relation, expected=expected or "", group=group
        )
        return [*self.messages(chunk, groups), {"role": "user", "content": follow}]


@cache
def _render_system(prompts: PromptSet) -> str:
    catalogue = [
        {"id": c, "zh": BY_ID[c].zh, "kind": BY_ID[c].kind, "scoped": BY_ID[c].scoped, "labelled": BY_ID[c].labelled}
        for c in concepts_in(ALL_GROUPS)
    ]
    return prompts.system_template.render(
        catalogue=catalogue,
        groups=list(ALL_GROUPS),
        example_text=prompts.example["text"],
        example_heading=prompts.example.get("heading", ""),
        example_answer=_example_answer(prompts.example["answer"], ALL_GROUPS),
    )


def _example_answer(answer: dict[str, Any], groups: tuple[str, ...]) -> str:
    """The example's answer restricted to ``groups``, one item per line."""
    parts: list[str] = []
    facts = [f for f in answer.get("facts", []) if group_of(f["concept"]) in groups]
    if facts:
        parts.append('"facts":[\n' + ",\n".join(_dump(f) for f in facts) + "]")
    for key in ("projects", "indicators"):
        if key in groups and answer.get(key):
            parts.append(f'"{key}":[\n' + ",\n".join(_dump(x) for x in answer[key]) + "]")
    for key in ("evaluation", "metadata"):
        if key in groups and answer.get(key):
            parts.append(f'"{key}":' + _dump(answer[key]))
    return "{" + ",\n".join(parts) + "}"


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- loading


def _template(env: SandboxedEnvironment, path: Path, declared: list[str]) -> Template:
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"prompt template missing: {path}") from exc
    try:
        used = meta.find_undeclared_variables(env.parse(source))
    except TemplateSyntaxError as exc:
        raise ConfigError(f"prompt template {path.name}: line {exc.lineno}: {exc.message}") from exc
    if used - set(declared):
        raise ConfigError(f"prompt template {path.name} uses undeclared variables: {sorted(used - set(declared))}")
    if set(declared) - used:
        raise ConfigError(f"prompt template {path.name} declares unused variables: {sorted(set(declared) - used)}")
    return env.from_string(source)


def check_example(example: dict[str, Any]) -> None:
    """Refuse an example whose quotes are not in its text or whose numbers are not in its quotes."""
    text = example.get("text")
    answer = example.get("answer")
    if not isinstance(text, str) or not isinstance(answer, dict):
        raise ConfigError("prompt example needs `text` (string) and `answer` (object)")
    if normalise(text)[0] != text:
        raise ConfigError("prompt example text is not in normalised form (full-width forms, odd spaces)")
    try:
        validated = response_model_for(ALL_GROUPS).model_validate(answer)
    except ValidationError as exc:
        raise ConfigError(f"prompt example answer does not fit the response model: {exc}") from exc
    if validated.rejected:
        bad = "; ".join(f"{r.field}: {r.reason}" for r in validated.rejected)
        raise ConfigError(f"prompt example answer has items the response model rejects: {bad}")

    def quoted(item: dict[str, Any], where: str) -> str:
        q = item.get("quote", "")
        if not q or q not in text:
            raise ConfigError(f"prompt example: quote of {where} is not in the example text: {q!r}")
        return str(q)

    def number(value: Any, quote: str, where: str) -> None:
        if value is not None and not number_in_quote(Decimal(parse_number(str(value).rstrip("%"))), quote):
            raise ConfigError(f"prompt example: {where} value {value!r} is not in its quote {quote!r}")

    for f in answer.get("facts", []):
        number(f["value"], quoted(f, f["concept"]), f["concept"])
    for p in answer.get("projects", []):
        q = quoted(p, p["name"])
        for k in PROJECT_NUMBERS:
            number(p.get(k), q, f"{p['name']}.{k}")
    for ind in answer.get("indicators", []):
        q = quoted(ind, ind["name"])
        for k in INDICATOR_NUMBERS:
            number(ind.get(k), q, f"{ind['name']}.{k}")
        for k in ("target", "actual"):
            if ind.get(k) and ind[k] not in q:
                raise ConfigError(f"prompt example: {ind['name']}.{k} {ind[k]!r} is not in its quote")
    if answer.get("evaluation"):
        number(answer["evaluation"].get("score"), quoted(answer["evaluation"], "evaluation"), "evaluation.score")
    md = answer.get("metadata")
    if md:
        q = quoted(md, "metadata")
        if md.get("org_name") and md["org_name"] not in q:
            raise ConfigError("prompt example: metadata org_name is not in its quote")
        if md.get("fiscal_year") and str(md["fiscal_year"]) not in q:
            raise ConfigError("prompt example: metadata fiscal_year is not in its quote")


@cache
def load_prompts(directory: Path | None = None) -> PromptSet:
    """Load and check the prompt files (memoised per directory)."""
    root = directory or default_prompts_dir()
    manifest_path = root / "prompts.toml"
    try:
        manifest = tomllib.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the prompt manifest {manifest_path}: {exc}") from exc
    env = SandboxedEnvironment(undefined=StrictUndefined, keep_trailing_newline=False, autoescape=False)
    templates = manifest.get("templates", {})
    if set(templates) != {"system", "chunk", "feedback"}:
        raise ConfigError(f"prompt manifest must define templates system, chunk and feedback, not {sorted(templates)}")
    built = {
        name: _template(env, root / spec["file"], list(spec.get("variables", []))) for name, spec in templates.items()
    }
    example_path = root / manifest["example"]["file"]
    try:
        example = json.loads(example_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read the prompt example {example_path}: {exc}") from exc
    check_example(example)
    digest = hashlib.sha256()
    for p in [manifest_path, example_path, *sorted(root / s["file"] for s in templates.values())]:
        digest.update(p.name.encode() + b"\0" + p.read_bytes())
    version = f"{manifest.get('version', '0')}+{digest.hexdigest()[:8]}"
    return PromptSet(
        version=version,
        system_template=built["system"],
        chunk_template=built["chunk"],
        example=example,
        feedback_template=built["feedback"],
    )
