"""Settings: network off by default — an ambient OpenAI key never sends a document anywhere."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from extractor.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, "rules"),
        ({"api_key": "sk-test"}, "rules"),
        ({"api_key": "sk-test", "openai_base_url": "http://127.0.0.1:9/v1"}, "rules"),
        ({"base_url": "http://127.0.0.1:9/v1"}, "llm"),
        ({"backend": "hybrid", "api_key": "sk-test"}, "hybrid"),
    ],
)
def test_auto_uses_the_model_only_when_the_extractor_endpoint_is_configured(values, expected) -> None:
    assert Settings.isolated(**values).resolved_backend() == expected


def test_openai_base_url_still_serves_as_endpoint_once_the_model_path_is_chosen() -> None:
    s = Settings.isolated(openai_base_url="http://127.0.0.1:9/v1", backend="llm")
    assert s.endpoint == "http://127.0.0.1:9/v1" and s.llm_configured
    assert Settings.isolated(base_url="http://a/v1", openai_base_url="http://b/v1").endpoint == "http://a/v1"


class _Listener:
    """A TCP listener on loopback that counts the connections it accepts."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


def test_ambient_openai_variables_open_no_connection(sample_paths: list[Path]) -> None:
    listener = _Listener()
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("EXTRACTOR_", "OPENAI_"))}
        url = f"http://127.0.0.1:{listener.port}/v1"
        # the OpenAI variables, and generic names other tools export, none of them the extractor's own
        env.update(OPENAI_API_KEY="sk-ambient-key-for-another-tool", OPENAI_BASE_URL=url, BASE_URL=url, API_KEY="k")
        exe = Path(sys.executable).with_name("extractor")
        out = subprocess.run(
            [str(exe), "extract", str(sample_paths[0])], env=env, capture_output=True, text=True, timeout=120
        )
    finally:
        listener.close()
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["provenance"]["backend"] == "rules"
    assert listener.accepted == 0


@pytest.mark.parametrize("name", ["BASE_URL", "base_url", "API_KEY", "OPENAI_BASE_URL", "OPENAI_API_KEY"])
def test_a_variable_that_is_not_the_extractors_own_never_chooses_the_model(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    from extractor.settings import load_settings

    for k in list(os.environ):
        if k.upper().startswith(("EXTRACTOR_", "OPENAI_")) or k.upper() in ("BASE_URL", "API_KEY"):
            monkeypatch.delenv(k)
    monkeypatch.setenv(name, "http://127.0.0.1:9/v1")
    s = load_settings()
    assert s.base_url is None and s.resolved_backend() == "rules"
    monkeypatch.setenv("EXTRACTOR_BASE_URL", "http://127.0.0.1:8/v1")  # the extractor's own endpoint does
    assert load_settings().resolved_backend() == "llm"


def test_fields_are_passed_by_name_in_python() -> None:
    s = Settings.isolated(base_url="http://a/v1", openai_base_url="http://b/v1", api_key="sk")
    assert (s.base_url, s.openai_base_url, s.api_key and s.api_key.get_secret_value()) == (
        "http://a/v1",
        "http://b/v1",
        "sk",
    )


def test_from_env_reads_once_per_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.settings import from_env

    monkeypatch.setenv("EXTRACTOR_MAX_PAGES", "7")
    first = from_env()
    assert first.max_pages == 7 and from_env() is first
    monkeypatch.setenv("EXTRACTOR_MAX_PAGES", "9")
    assert from_env().max_pages == 9
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    assert from_env().openai_base_url == "http://127.0.0.1:9/v1"
    monkeypatch.delenv("OPENAI_BASE_URL")
    monkeypatch.setenv("EXTRACTOR_MAX_PAGES", "7")
    assert from_env() is first


def test_keywords_then_variables_then_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXTRACTOR_MAX_PAGES", "7")
    monkeypatch.setenv("extractor_chunk_chars", "900")  # names are read case-insensitively
    monkeypatch.setenv("EXTRACTOR_EXTRA_BODY", '{"options": {"num_ctx": 16384}}')  # a JSON value
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    s = Settings(max_pages=3, api_key="sk-given")
    assert (s.max_pages, s.chunk_chars, s.concurrency) == (3, 900, 4)
    assert s.extra_body == {"options": {"num_ctx": 16384}}
    assert s.api_key is not None and s.api_key.get_secret_value() == "sk-given"
    isolated = Settings.isolated(max_pages=3)
    assert (isolated.max_pages, isolated.chunk_chars, isolated.api_key) == (3, 3000, None)


def test_a_bad_variable_is_a_validation_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError

    monkeypatch.setenv("EXTRACTOR_MAX_PAGES", "many")
    with pytest.raises(ValidationError, match="max_pages"):
        Settings()


@pytest.mark.parametrize(("variables", "imported"), [({}, False), ({"EXTRACTOR_MAX_PAGES": "7"}, True)])
def test_the_environment_reader_is_imported_only_when_a_variable_is_set(variables: dict[str, str], imported: bool):
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(("EXTRACTOR_", "OPENAI_"))}
    code = "import sys; from extractor.settings import Settings; s = Settings()\n"
    code += "print(s.max_pages, 'pydantic_settings' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], env={**env, **variables}, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == [variables.get("EXTRACTOR_MAX_PAGES", "500"), str(imported)]
