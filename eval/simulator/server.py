"""The simulator's OpenAI-compatible server: ``POST /v1/chat/completions`` answered from gold.

It reads a request the way instructor sends it in each mode — the response schema from
``tools`` (tools mode), from ``response_format.json_schema`` (JSON-schema / structured
outputs mode) or from the system message (json and md_json modes) — finds the excerpt
(``<excerpt>…</excerpt>`` in the last user message that has one, else that message), finds the
gold items whose quotes lie in it (:mod:`eval.simulator.corpus`), injects errors
(:mod:`eval.simulator.inject`) and answers in the same mode: a tool call, a JSON message,
or a fenced ```json block. A later user message, or text after the excerpt in its own
message (instructor's json modes merge consecutive user messages), is a follow-up: one that
names a value the simulator injected (the extractor's arithmetic feedback) gets that item
answered right.

Usage is reported the way providers do it: ``prompt_tokens`` (estimated: one token per CJK
character, one per four other characters) with ``prompt_tokens_details.cached_tokens``
emulating automatic prefix caching — the longest prefix (tools, then messages, in order)
shared with an earlier request, counted in 128-token blocks once it reaches 1,024 tokens.

Every injection is appended to a JSON-lines log (one object per line: ``event`` injected or
fixed, the item, document, error type, the key and field, the gold value and the value a
result would hold if the extractor believed the model); ``extractor eval --injections LOG``
compares it with the results.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from eval.simulator.corpus import Corpus, Item
from eval.simulator.http import ThreadedServer, json_body, text_of, tokens
from eval.simulator.inject import DEFAULT_RATE, ERRORS, Injection, decide
from extractor.backends.llm.schema import ALL_GROUPS, group_of
from extractor.chunk import OMITTED
from extractor.numbers import find_numbers

__all__ = ["Simulator", "tokens"]

_EXCERPT = re.compile(r"<excerpt>\n?(.*?)\n?</excerpt>", re.S)
_OMITTED = re.compile(rf"(?:^|\n){re.escape(OMITTED)}(?:\n|$)")
CACHE_MIN_TOKENS = 1024
CACHE_BLOCK = 128


def _schema(body: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The response schema and the mode it came in."""
    if body.get("tools"):
        return body["tools"][0].get("function", {}).get("parameters", {}), "tools"
    rf = body.get("response_format") or {}
    if rf.get("type") == "json_schema":
        return rf.get("json_schema", {}).get("schema", {}), "json_schema"
    for m in body.get("messages", []):
        t = text_of(m)
        at = t.find("json_schema:")
        if at >= 0 and "{" in t[at:]:
            start = t.index("{", at)
            try:
                return json.JSONDecoder().raw_decode(t[start:])[0], "json" if rf else "md_json"
            except json.JSONDecodeError:
                pass
    return {}, "json" if rf else "md_json"


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref``/``anyOf``/``items`` to the object schema of one item."""
    for _ in range(6):
        if "$ref" in node:
            node = schema.get("$defs", {}).get(node["$ref"].rsplit("/", 1)[-1], {})
        elif "items" in node:
            node = node["items"]
        elif "anyOf" in node:
            node = next((n for n in node["anyOf"] if n.get("type") != "null"), {})
        else:
            break
    return node


class Simulator:
    """A gold-answering, error-injecting model endpoint on 127.0.0.1 (``start()``/``stop()``)."""

    def __init__(
        self,
        corpus: Corpus,
        *,
        seed: int = 0,
        rates: dict[str, float] | None = None,
        log_path: str | Path | None = None,
        latency: float = 0.0,
        fix_on_feedback: bool = True,
    ) -> None:
        self.corpus = corpus
        self.seed = seed
        self.rates = dict.fromkeys(ERRORS, DEFAULT_RATE) if rates is None else dict(rates)
        self.latency = latency
        self.fix_on_feedback = fix_on_feedback
        self.log_path = Path(log_path) if log_path else None
        self.requests: list[dict[str, Any]] = []
        self.usage: list[tuple[int, int]] = []
        """(prompt tokens, cached tokens) of every answered request, in order."""
        self.events: list[dict[str, Any]] = []
        self._seen: set[str] = set()
        self._prompts: list[str] = []
        self._lock = threading.Lock()
        self._known = {
            d.name: {tuple(i.key.values()): i.numbers["value"].value for i in d.items if i.kind == "fact"}
            for d in corpus.docs
        }
        self.port = 0
        self._http: ThreadedServer | None = None
        self.app = Starlette(routes=[Route("/v1/chat/completions", self._chat, methods=["POST"])])
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self.log_path.write_text("", encoding="utf-8")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # ------------------------------------------------------------------ answering

    def answer(self, body: dict[str, Any]) -> tuple[dict[str, Any], str]:
        """The answer object for one request, and the mode to render it in."""
        schema, mode = _schema(body)
        messages = body.get("messages", [])
        users = [text_of(m) for m in messages if m.get("role") == "user"]
        with_excerpt = [u for u in users if _EXCERPT.search(u)]
        user = with_excerpt[-1] if with_excerpt else (users[0] if users else "")
        found = list(_EXCERPT.finditer(user))
        excerpt = found[-1].group(1) if found else user
        cut = found[-1].end() if found else len(user)
        instruction = _EXCERPT.sub("", user[:cut])
        # a follow-up is any later user message, or what follows the excerpt in its own message
        # (instructor merges consecutive user messages in the json modes)
        followups = "\n".join([*(u for u in users if u != user), user[cut:]]).strip()
        reask = any(m.get("role") in ("assistant", "tool") for m in messages)
        props = schema.get("properties", {})
        asked = [g for g in ALL_GROUPS if re.search(rf"\b{g}\b", instruction)] or list(ALL_GROUPS)
        enum = _resolve(schema, props.get("facts", {})).get("properties", {}).get("concept", {}).get("enum")
        out: dict[str, list[dict[str, Any]]] = {}
        fresh = self._first_time(excerpt, schema, instruction, reask)
        for piece in (p for p in _OMITTED.split(excerpt) if p.strip()):  # windows of a narrowed excerpt
            self._answer_piece(piece, props, asked, enum, out, fresh, reask, followups, schema)
        answer: dict[str, Any] = {}
        for group, values in out.items():
            single = props.get(group, {}).get("type") != "array" and "items" not in props.get(group, {})
            answer[group] = values[0] if single else values
        return answer, mode

    def _answer_piece(
        self,
        piece: str,
        props: dict[str, Any],
        asked: list[str],
        enum: list[str] | None,
        out: dict[str, list[dict[str, Any]]],
        fresh: bool,
        reask: bool,
        followups: str,
        schema: dict[str, Any],
    ) -> None:
        doc, lo, items = self.corpus.items_in(piece)
        for item in items:
            if item.group not in props:
                continue
            group = group_of(str(item.answer.get("concept"))) if item.kind == "fact" else item.group
            if group not in asked or (item.kind == "fact" and enum is not None and item.answer["concept"] not in enum):
                continue
            sent = self._inject(item, items, doc, lo, len(piece), fresh, reask, followups)
            if sent is None:
                continue
            allowed = set(_resolve(schema, props[item.group]).get("properties", {})) | {"confidence"}
            keep = {k: v for k, v in sent.items() if v is not None and k in allowed}
            out.setdefault(item.group, []).append(keep)

    def _first_time(self, excerpt: str, schema: dict[str, Any], instruction: str, reask: bool) -> bool:
        h = hashlib.sha256(json.dumps([excerpt, schema, instruction], sort_keys=True).encode()).hexdigest()
        with self._lock:
            new = h not in self._seen and not reask
            self._seen.add(h)
        return new

    def _inject(
        self, item: Item, items: list[Item], doc: Any, lo: int, n: int, fresh: bool, reask: bool, followups: str
    ) -> dict[str, Any] | None:
        if doc is None or lo < 0:
            return dict(item.answer)
        inj = decide(
            item, items, doc.text, lo, lo + n, seed=self.seed, rates=self.rates, known=self._known.get(doc.name, {})
        )
        if inj is None:
            return dict(item.answer)
        ident = f"{item.id}@{lo}"
        if fresh:
            self._log("injected", ident, item, inj, lo, n)
        if reask and inj.error == "malformed_item":
            self._log("fixed", ident, item, inj, lo, n, why="reask")
            return dict(item.answer)
        if self.fix_on_feedback and inj.wrong is not None and followups and _mentions(followups, inj):
            self._log("fixed", ident, item, inj, lo, n, why="feedback")
            return dict(item.answer)
        return inj.answer

    def _log(self, event: str, ident: str, item: Item, inj: Injection, lo: int, n: int, **extra: Any) -> None:
        rec = {
            "event": event,
            "id": ident,
            "item": item.id,
            "document": item.document,
            "kind": item.kind,
            "error": inj.error,
            "variant": inj.variant,
            "field": inj.field,
            "key": inj.key,
            "gold": _s(inj.gold),
            "wrong": _s(inj.wrong),
            "chunk": [lo, lo + n],
            "span": [item.start, item.end],
            "sent": inj.answer,
            **extra,
        }
        with self._lock:
            self.events.append(rec)
            if self.log_path is not None:
                with self.log_path.open("a", encoding="utf-8") as fh:
                    fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")

    # ------------------------------------------------------------------ HTTP

    def completion(self, body: dict[str, Any]) -> dict[str, Any]:
        answer, mode = self.answer(body)
        raw = json.dumps(answer, ensure_ascii=False)
        if mode == "tools":
            name = body["tools"][0].get("function", {}).get("name", "answer")
            message: dict[str, Any] = {
                "role": "assistant",
                "content": None,
                "tool_calls": [{"id": "call_0", "type": "function", "function": {"name": name, "arguments": raw}}],
            }
            finish = "tool_calls"
        else:
            message = {"role": "assistant", "content": f"```json\n{raw}\n```" if mode == "md_json" else raw}
            finish = "stop"
        prompt, cached = self._usage(body)
        done = tokens(raw)
        return {
            "id": "chatcmpl-sim",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "simulator"),
            "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
            "usage": {
                "prompt_tokens": prompt,
                "completion_tokens": done,
                "total_tokens": prompt + done,
                "prompt_tokens_details": {"cached_tokens": cached},
            },
        }

    def _usage(self, body: dict[str, Any]) -> tuple[int, int]:
        head = json.dumps(body.get("tools") or body.get("response_format") or "", ensure_ascii=False)
        prompt = head + "".join(f"\x1e{m.get('role')}\x1f{text_of(m)}" for m in body.get("messages", []))
        with self._lock:
            shared = max((_common(prompt, p) for p in self._prompts), default=0)
            self._prompts.append(prompt)
        t = tokens(prompt[:shared])
        cached = (t // CACHE_BLOCK) * CACHE_BLOCK if t >= CACHE_MIN_TOKENS else 0
        with self._lock:
            self.usage.append((tokens(prompt), cached))
        return tokens(prompt), cached

    async def _chat(self, request: Request) -> Response:
        body = await json_body(request)
        if not isinstance(body, Response):
            self.requests.append(body)  # list.append is atomic; the answer takes the lock it needs
            await asyncio.sleep(self.latency)
            body = JSONResponse(self.completion(body))
        return body

    def start(self) -> Simulator:
        self._http = ThreadedServer(self.app, self.port).start()
        self.port = self._http.port
        return self

    def stop(self) -> None:
        if self._http is not None:
            self._http.stop()

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _common(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    step = 256
    while i + step <= n and a[i : i + step] == b[i : i + step]:
        i += step
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _mentions(followups: str, inj: Injection) -> bool:
    """Does a follow-up message (one without the excerpt: the extractor's arithmetic feedback)
    name the wrong value this injection would put in a result (result units)? The number as
    sent is not enough: a unit the extractor converted right leaves it in the result as the
    right value, and a finding quoting that value blames nothing the model got wrong."""
    if inj.answer is None or inj.wrong is None:
        return False
    return inj.wrong in {n.value for n in find_numbers(followups)}


def _s(v: Decimal | None) -> str | None:
    return None if v is None else format(v.normalize(), "f")
