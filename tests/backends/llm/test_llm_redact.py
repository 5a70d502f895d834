"""Secrets never echoed: a server that repeats the Authorization header in its error body
does not get the key into stderr, the batch manifest, a log or an error."""

from __future__ import annotations

import pytest

from extractor.errors import REDACTED, ModelError, redact, register_secret

from .conftest import KEY
from .stub_server import Reply
from .test_llm_cli import SAMPLE, run_cli

CASES = [
    ("bearer", "Invalid credentials: Authorization: Bearer sk-live-abc123def456", "Bearer [redacted]"),
    ("header as JSON", '{"authorization": "tok_98765432zz"}', '"authorization": "[redacted]'),
    ("api key header", "x-api-key=AbCdEf123456 rejected", "x-api-key=[redacted]"),
    ("bare sk- key", "key sk-proj-ABCDEFGH12345678 is revoked", "key [redacted] is revoked"),
    ("nothing secret", "HTTP 401: invalid model name", "HTTP 401: invalid model name"),
]


@pytest.mark.parametrize(("case", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_redact(case, text, expected):
    assert expected in redact(text), case
    assert "abc123def456" not in redact(text) and "98765432zz" not in redact(text)


def test_the_configured_key_is_redacted_anywhere():
    register_secret("plain-configured-secret-42")
    assert redact("echo: plain-configured-secret-42!") == f"echo: {REDACTED}!"
    err = ModelError("server said plain-configured-secret-42", detail="Bearer plain-configured-secret-42")
    assert "plain-configured-secret-42" not in str(err) + str(err.to_dict())


def test_a_server_echoing_the_authorization_header_leaks_nothing(server, tmp_path):
    def echo(body):  # what some gateways do on 401: repeat the request's header
        auth = server.request_headers[-1].get("authorization", "")
        return Reply(status=401, body={"error": {"message": f"Invalid credentials (Authorization: {auth})"}})

    server.responder = echo
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    proc = run_cli(
        "batch",
        str(tmp_path / "in"),
        "-o",
        str(tmp_path / "out"),
        "--backend",
        "llm",
        "-vv",
        EXTRACTOR_BASE_URL=server.url,
        OPENAI_API_KEY=KEY,
        EXTRACTOR_MODEL="stub-model",
    )
    assert server.request_headers and server.request_headers[0]["authorization"] == f"Bearer {KEY}"
    manifest = (tmp_path / "out" / "manifest.jsonl").read_text(encoding="utf-8")
    assert '"failed"' in manifest and "HTTP 401" in manifest and REDACTED in manifest
    assert KEY not in proc.stderr and KEY not in proc.stdout and KEY not in manifest
    assert "4f1c9e" not in manifest  # not even a part of it
