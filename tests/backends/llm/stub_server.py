"""A scripted OpenAI-compatible server on 127.0.0.1, run by uvicorn in a background thread.

Used by the model-backend tests (fixtures in ``conftest.py``) and by ``scripts/bench_llm.py``.
It implements ``POST /v1/chat/completions`` and answers each request from a queue of
:class:`Reply` objects (status, headers such as ``Retry-After``, a delay, and an answer),
falling back to a ``responder`` function when the queue is empty. Every request body and
its headers are recorded, so tests can assert what a client really sent (attempt counts,
the re-ask message with the validation error).

An answer is rendered the way the request asks for it: a tool call named after the request's
function in tools mode, message content otherwise (fenced in ```json for md_json requests).
Usage is estimated (one token per CJK character, one per four others): good enough to
compare requests, not a real tokenizer.
No pytest import here: the benchmark loads this file directly.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from eval.simulator.http import ThreadedServer, json_body, tokens
from eval.simulator.http import text_of as _text_of


@dataclass
class Reply:
    """One scripted reply. ``answer``: a dict (sent as JSON) or a raw string (sent as is)."""

    answer: Any = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    finish_reason: str | None = None
    body: Any = None
    """A raw response body (dict or text) used instead of a rendered completion."""
    usage: dict[str, Any] = field(default_factory=dict)
    """Extra usage fields (``prompt_tokens_details`` …) merged into the computed usage."""


def prompt_tokens(body: dict[str, Any]) -> int:
    text = "".join(_text_of(m) for m in body.get("messages", []))
    if body.get("tools"):
        text += json.dumps(body["tools"], ensure_ascii=False)
    return tokens(text)


def completion(body: dict[str, Any], reply: Reply) -> dict[str, Any]:
    """A chat.completion answering ``body`` with ``reply.answer`` in the shape the request uses."""
    raw = reply.answer if isinstance(reply.answer, str) else json.dumps(reply.answer or {}, ensure_ascii=False)
    tools = body.get("tools") or []
    if tools:
        name = tools[0].get("function", {}).get("name", "answer")
        message: dict[str, Any] = {
            "role": "assistant",
            "content": None,
            "tool_calls": [{"id": "call_0", "type": "function", "function": {"name": name, "arguments": raw}}],
        }
        finish = reply.finish_reason or "tool_calls"
    else:
        fenced = body.get("response_format") is None and not isinstance(reply.answer, str)
        message = {"role": "assistant", "content": f"```json\n{raw}\n```" if fenced else raw}
        finish = reply.finish_reason or "stop"
    p, c = prompt_tokens(body), tokens(raw)
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "stub"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c, **reply.usage},
    }


class StubServer:
    """The server; ``start()`` it once, ``reset()`` between tests, ``stop()`` at the end."""

    def __init__(
        self, responder: Callable[[dict[str, Any]], Reply] | None = None, latency: float = 0.0, per_token_s: float = 0.0
    ) -> None:
        self.responder = responder
        self.latency = latency
        self.per_token_s = per_token_s
        """Extra delay per completion token: generation time grows with the answer's length."""
        self.script: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        self.request_headers: list[dict[str, str]] = []
        self.inflight = 0
        self.max_inflight = 0
        self.port = 0
        self._lock = threading.Lock()
        self._http: ThreadedServer | None = None
        self.app = Starlette(routes=[Route("/v1/chat/completions", self._chat, methods=["POST"])])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def queue(self, *replies: Reply) -> None:
        with self._lock:
            self.script.extend(replies)

    def reset(self) -> None:
        with self._lock:
            self.script.clear()
            self.requests.clear()
            self.request_headers.clear()
            self.max_inflight = 0
        self.responder = None
        self.latency = 0.0
        self.per_token_s = 0.0

    async def _chat(self, request: Request) -> Response:
        body = await json_body(request)
        if isinstance(body, Response):
            return body
        with self._lock:
            self.requests.append(body)
            self.request_headers.append(dict(request.headers))
            reply = self.script.popleft() if self.script else None
            self.inflight += 1
            self.max_inflight = max(self.max_inflight, self.inflight)
        try:
            return await self._reply(body, reply)
        finally:
            with self._lock:
                self.inflight -= 1

    async def _reply(self, body: dict[str, Any], reply: Reply | None) -> Response:
        if reply is None:
            reply = (
                self.responder(body)
                if self.responder
                else Reply(status=500, body={"error": {"message": "stub script exhausted"}})
            )
        response: Response
        generated = 0
        if reply.body is not None:
            if isinstance(reply.body, str):
                response = Response(
                    reply.body, status_code=reply.status, headers=reply.headers, media_type="application/json"
                )
            else:
                response = JSONResponse(reply.body, status_code=reply.status, headers=reply.headers)
        elif reply.status != 200:
            response = JSONResponse(
                {"error": {"message": f"stub status {reply.status}", "type": "stub"}},
                status_code=reply.status,
                headers=reply.headers,
            )
        else:
            payload = completion(body, reply)
            generated = payload["usage"]["completion_tokens"]
            response = JSONResponse(payload, headers=reply.headers)
        wait = self.latency + reply.delay + self.per_token_s * generated
        if wait:
            await asyncio.sleep(wait)
        return response

    def start(self) -> StubServer:
        self._http = ThreadedServer(self.app).start()
        self.port = self._http.port
        return self

    def stop(self) -> None:
        if self._http is not None:
            self._http.stop()


# --------------------------------------------------------------------------- plausible answers

_EXCERPT = re.compile(r"<excerpt>\n(.*?)\n</excerpt>", re.S)
_MONEY = re.compile(r"([\u4e00-\u9fff“”]{2,12})(\d+(?:\.\d+)?)万元")


def plausible_responder(body: dict[str, Any], max_facts: int = 40) -> Reply:
    """An answer of the right shape for any chunk: money figures of the excerpt as facts of
    the first allowed concept (quotes and numbers taken from the excerpt, so they ground).
    For load tests, not accuracy: the concepts are not meant to be right."""
    user = next((_text_of(m) for m in reversed(body.get("messages", [])) if m.get("role") == "user"), "")
    found = _EXCERPT.findall(user)
    excerpt = found[-1] if found else ""
    schema = (body.get("tools") or [{}])[0].get("function", {}).get("parameters", {})
    defs = schema.get("$defs", {})
    concept_enum = defs.get("Fact", {}).get("properties", {}).get("concept", {}).get("enum")
    answer: dict[str, Any] = {}
    if concept_enum and "facts" in schema.get("properties", {}):
        answer["facts"] = [
            {"concept": concept_enum[0], "value": m.group(2), "unit": "万元", "quote": m.group(0)}
            for m in list(_MONEY.finditer(excerpt))[:max_facts]
        ]
    return Reply(answer=answer)
