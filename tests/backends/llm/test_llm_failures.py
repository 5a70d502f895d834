"""Every exception class ``openai`` can raise maps to exactly one branch of our error tree,
and a corrupt or unwritable cache file is a typed error, not "a bug in us"."""

from __future__ import annotations

import inspect
import subprocess

import openai
import openai._exceptions as openai_exceptions
import pytest

from extractor.backends.llm import LLMBackend
from extractor.backends.llm.cache import ResponseCache
from extractor.backends.llm.failures import OPENAI_ERRORS, branch_of, model_error
from extractor.errors import (
    CacheError,
    ConfigError,
    ExtractorError,
    ModelError,
    ModelOutputError,
    RetryExhaustedError,
)

from .conftest import good_answer
from .test_llm_cli import SAMPLE, run_cli


def _openai_exception_classes() -> set[type[BaseException]]:
    found: set[type[BaseException]] = set()
    for module in (openai, openai_exceptions):
        for value in list(vars(module).values()):
            if inspect.isclass(value) and issubclass(value, BaseException) and value.__module__.startswith("openai"):
                found.add(value)
    return found


def _instance(cls: type[BaseException], status: int = 418) -> BaseException:
    exc = cls.__new__(cls)
    Exception.__init__(exc, "planted")
    if issubclass(cls, openai.APIStatusError):
        exc.status_code = status  # type: ignore[attr-defined]
        exc.body, exc.message = None, "planted"  # type: ignore[attr-defined]
    return exc


def test_every_openai_exception_has_exactly_one_branch():
    classes = _openai_exception_classes()
    assert len(classes) >= 15
    missing = sorted(c.__name__ for c in classes if c not in OPENAI_ERRORS)
    assert missing == [], f"place these openai exceptions in failures.OPENAI_ERRORS: {missing}"
    branches = {ModelError, RetryExhaustedError, ModelOutputError, ConfigError}
    for cls in classes:
        assert OPENAI_ERRORS[cls] in branches
        err = model_error(_instance(cls), attempts=1)
        assert type(err) is OPENAI_ERRORS[cls], cls.__name__
        assert isinstance(err, ExtractorError) and err.exit_code != 70


@pytest.mark.parametrize(
    ("status", "branch"), [(408, RetryExhaustedError), (502, RetryExhaustedError), (418, ModelError), (451, ModelError)]
)
def test_a_bare_status_error_branches_on_its_status(status, branch):
    assert branch_of(_instance(openai.APIStatusError, status)) is branch


def test_a_corrupt_cache_file_is_a_cache_error(tmp_path, server, make_settings, doc):
    bad = tmp_path / "cache.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CacheError, match="cannot open") as info:
        ResponseCache(bad)
    assert info.value.exit_code == 21 and isinstance(info.value, ConfigError)
    server.queue(good_answer())
    with pytest.raises(CacheError):
        LLMBackend(make_settings(cache_path=bad)).extract(doc)


def test_an_unwritable_cache_path_is_a_cache_error_in_the_cli(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    proc: subprocess.CompletedProcess[str] = run_cli(
        "extract",
        str(SAMPLE),
        "--backend",
        "llm",
        EXTRACTOR_BASE_URL="http://127.0.0.1:9/v1",
        EXTRACTOR_CACHE_PATH=str(blocker / "cache.sqlite"),
    )
    assert proc.returncode == 21, proc.stderr
    assert "response cache" in proc.stderr and "Traceback" not in proc.stderr
