"""One settings object, read from the environment once and passed in explicitly.

Variables use the ``EXTRACTOR_`` prefix; the model endpoint also honours the standard
``OPENAI_API_KEY`` and ``OPENAI_BASE_URL``. ``Settings(...)`` takes its values from the keywords,
then those variables, then the defaults; tests use ``Settings.isolated(...)``, which never
touches the environment.

pydantic-settings reads the variables. It costs a fifth of a one-file ``extractor extract``
to import, so it is imported only when one of those variables is set: without any, the
environment gives nothing and the settings are the keywords and defaults alone.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr, create_model

BackendName = Literal["auto", "rules", "llm", "hybrid"]
InstructorMode = Literal["tools", "json", "md_json", "json_schema"]
OcrMode = Literal["auto", "always", "never"]


ENV_PREFIX = "EXTRACTOR_"
_ENV_PREFIXES = ("extractor_", "openai_")
"""The variables settings are read from (case-insensitively): the prefix, and the aliases'."""


class Settings(BaseModel):
    """Everything configurable, with safe offline defaults."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True, protected_namespaces=())

    def __init__(self, **values: Any) -> None:
        """The keywords, then the ``EXTRACTOR_*``/``OPENAI_*`` variables, then the defaults."""
        super().__init__(**_with_environment(values))

    # --- pipeline -------------------------------------------------------------------------
    backend: BackendName = "auto"
    max_file_mb: float = Field(50.0, gt=0, description="Refuse input files larger than this.")
    max_pages: int = Field(500, gt=0, description="Refuse PDFs with more pages than this.")
    # What one document may expand to once read: with these defaults a document costs at most
    # a few hundred MB of memory and a few minutes (scripts/bench_long_lines.py measures it).
    max_text_chars: int = Field(5_000_000, gt=0, description="Refuse documents whose text, decoded, is longer.")
    max_unpacked_mb: float = Field(
        100.0, gt=0, description="Refuse DOCX packages whose parts read (document, styles) unpack to more than this."
    )
    max_xml_depth: int = Field(100, gt=0, le=250, description="Refuse XML nested deeper than this (DOCX parts).")
    ocr: OcrMode = Field(
        "auto",
        description=(
            "auto: OCR the pages without a usable text layer, and images; always: OCR every page; never: no OCR."
        ),
    )
    ocr_workers: int = Field(
        1, ge=1, le=64, description="Processes OCR'ing the pages of one document (one engine thread each)."
    )

    # --- model endpoint (any OpenAI-compatible server) -------------------------------------
    # The aliases are the variables' full names: pydantic-settings reads a field's aliases as
    # variable names without the prefix, so an alias "base_url" would let an ambient BASE_URL
    # (a name many tools export) switch `auto` to the model path. Python code passes the field
    # names (populate_by_name).
    base_url: str | None = Field(
        None,
        validation_alias="EXTRACTOR_BASE_URL",
        description="The extractor's own endpoint; setting it opts in to the model path under `auto`.",
    )
    openai_base_url: str | None = Field(
        None,
        validation_alias="OPENAI_BASE_URL",
        description=(
            "The standard OpenAI variable: used as the endpoint once the model path is chosen, never to choose it."
        ),
    )
    api_key: SecretStr | None = Field(
        None, validation_alias=AliasChoices("EXTRACTOR_API_KEY", "OPENAI_API_KEY"), repr=False
    )
    model: str = "gpt-4o-mini"
    timeout_s: float = Field(60.0, gt=0)
    concurrency: int = Field(4, ge=1, le=256)
    max_retries: int = Field(4, ge=0, le=20, description="Transport retries (429, 5xx, timeouts).")
    max_reasks: int = Field(2, ge=0, le=10, description="Schema re-asks with the validation error fed back.")
    retry_max_wait_s: float = Field(30.0, ge=0)
    breaker_failures: int = Field(
        8,
        ge=0,
        description="Consecutive transport failures (across documents) after "
        "which the endpoint is taken as down and documents fail fast; 0 turns it off.",
    )
    breaker_cooldown_s: float = Field(
        60.0, ge=0, description="How long an open breaker fails fast before one request may try again."
    )
    document_deadline_s: float = Field(
        900.0, gt=0, description="Total time one document may spend on the model endpoint, retries included."
    )
    instructor_mode: InstructorMode = "tools"
    cache_path: Path | None = Field(None, description="SQLite response cache / replay store; off when unset.")
    max_tokens: int = Field(4096, ge=256, description="Answer budget per request.")
    temperature: float = Field(0.0, ge=0, le=2, description="Sampling temperature sent with every request.")
    extra_body: dict[str, Any] | None = Field(
        None,
        description="JSON object merged into every request body, for server options: "
        '{"chat_template_kwargs": {"enable_thinking": false}} (Qwen on vLLM), {"options": {"num_ctx": 16384}} '
        '(Ollama), {"guided_decoding_backend": "xgrammar"} (vLLM).',
    )
    context_tokens: int | None = Field(
        None,
        ge=1024,
        description="The model's context length: chunks are sized so that prompt, chunk and "
        "answer budget fit in it (Ollama's small default silently truncates).",
    )
    retry_base_wait_s: float = Field(
        1.0, ge=0, description="First transport backoff step; doubles per retry, full jitter."
    )
    feedback: bool = Field(
        True,
        description="Re-ask the model once about the figures a material finding "
        "blames (llm, hybrid); off: no re-asks, the findings stand as found.",
    )
    llm_route_groups: bool = Field(True, description="Send each chunk only the field groups its terms mention.")
    prompts_dir: Path | None = Field(None, description="Prompt templates; default: the project's prompts/.")
    replay_only: bool = Field(False, description="Answer only from cache_path (offline replay); a miss is an error.")

    # --- chunking ----------------------------------------------------------------------------
    chunk_chars: int = Field(3000, ge=200)
    chunk_overlap: int = Field(200, ge=0)

    @classmethod
    def isolated(cls, **values: object) -> Settings:
        """Settings from the given values and defaults only, ignoring the environment (tests)."""
        return _Isolated(**values)

    @property
    def endpoint(self) -> str | None:
        """The model endpoint the model path talks to: the extractor's own, else OPENAI_BASE_URL."""
        return self.base_url or self.openai_base_url

    @property
    def llm_configured(self) -> bool:
        """True when a model path could run: an endpoint or an API key is known."""
        return bool(self.endpoint) or self.api_key is not None

    def resolved_backend(self, requested: str | None = None) -> str:
        """``auto`` is the offline rules backend unless the user configured the extractor's own
        endpoint (``EXTRACTOR_BASE_URL``). An ambient ``OPENAI_API_KEY``/``OPENAI_BASE_URL``
        never sends a document anywhere: documents leave the machine only when asked to."""
        name = requested or self.backend
        if name == "auto":
            return "llm" if self.base_url else "rules"
        return name


class _Isolated(Settings):
    def __init__(self, **values: Any) -> None:
        BaseModel.__init__(self, **values)  # not Settings.__init__: the environment is not read


def _with_environment(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` merged with what the environment sets, as pydantic-settings merges them
    (keywords first); ``values`` as they are (and pydantic-settings not imported) when no
    ``EXTRACTOR_*``/``OPENAI_*`` variable is set."""
    if not any(k.lower().startswith(_ENV_PREFIXES) for k in os.environ):
        return values
    read = _reader()(**values)
    return {name: getattr(read, name) for name in read.model_fields_set}


@functools.lru_cache(maxsize=1)
def _reader() -> type[BaseModel]:
    """A pydantic-settings model of the same fields, prefix and aliases: it reads the variables."""
    from pydantic_settings import BaseSettings, SettingsConfigDict

    class Base(BaseSettings):
        model_config = SettingsConfigDict(
            env_prefix=ENV_PREFIX, extra="ignore", populate_by_name=True, protected_namespaces=()
        )

    fields: dict[str, Any] = {name: (f.annotation, f) for name, f in Settings.model_fields.items()}
    model: type[BaseModel] = create_model("Settings", __base__=Base, **fields)
    return model


def from_env() -> Settings:
    """The settings the environment gives now, read once per distinct environment.

    Reading the environment (pydantic-settings) costs more than extracting a short document;
    a library caller that passes no settings gets the frozen object read for the same
    ``EXTRACTOR_*``/``OPENAI_*`` variables the last time, and a changed variable a new one.
    """
    snapshot = tuple(sorted((k, v) for k, v in os.environ.items() if k.lower().startswith(_ENV_PREFIXES)))
    return _read_env(snapshot)


@functools.lru_cache(maxsize=8)
def _read_env(snapshot: tuple[tuple[str, str], ...]) -> Settings:
    return Settings()


def load_settings(**overrides: object) -> Settings:
    """Read the environment once; keyword overrides win (used by the CLI flags)."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)
