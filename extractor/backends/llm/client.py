"""Model calls: instructor over ``openai.AsyncOpenAI``, with our own transport policy.

Two kinds of failure, two policies, neither hidden inside the other::

    ask(messages, response model)                          one chunk request
    └── instructor: parse + validate; on a schema error     re-ask (settings.max_reasks),
        the validation error is sent back to the model      error text fed back
        └── send(): one HTTP call, wrapped in tenacity      transport retries (settings.max_retries)
            429 (Retry-After honoured), 408/409, 5xx,       exponential backoff, full jitter,
            timeouts, connection errors                     capped at settings.retry_max_wait_s

The openai client's own retries are off (``max_retries=0``) so the policy is this one.
A truncated answer (``finish_reason == "length"``) is neither retried nor re-asked — the same
request would be truncated again — but raised as :class:`Truncated` for the caller to split
the chunk. Exhaustion raises :class:`~extractor.errors.RetryExhaustedError` with the attempt
count and the tokens spent; a refused request (400, 401, 404 …) a :class:`ModelError`.

A :class:`Meter` keeps the document's :class:`~extractor.result.Ledger` (the one cost type):
``requests`` (chunk requests sent), ``attempts`` (HTTP calls, re-asks and transport retries
included), ``reasks``, prompt/completion tokens of every answer received (failed ones
included) with the cached and reasoning shares the server reports, ``cache_hits``. The API key lives in a ``SecretStr``
and goes only to the openai client; it is never logged, stored or put in an error.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    wait_random_exponential,
)
from tenacity.wait import wait_base

from extractor.backends.llm.breaker import Breaker
from extractor.backends.llm.failures import describe, is_transient, model_error
from extractor.errors import ConfigError, ExtractorError, RetryExhaustedError, register_secret
from extractor.result import Ledger
from extractor.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["Meter", "ModelClient", "Truncated", "is_transient", "retry_after_s", "usage_of"]

MODES = {
    "tools": instructor.Mode.TOOLS,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
    "json_schema": instructor.Mode.JSON_SCHEMA,
}
_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.S)
_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.S)
NO_KEY = "no-key"
"""Sent as the key to servers that need none (local vLLM/Ollama); the openai client wants one."""


class Truncated(Exception):
    """The model's answer hit max_tokens (``finish_reason == "length"``)."""


@dataclass
class Meter:
    """The running :class:`~extractor.result.Ledger` of one document (single event loop: no
    locking needed); the counters are the ledger's, added to with :meth:`add`."""

    spent: Ledger = field(default_factory=Ledger)
    waits: list[float] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    def add(self, ledger: Ledger | None = None, **counts: int) -> None:
        self.spent = self.spent + (ledger or Ledger(**counts))

    def usage(self) -> dict[str, int]:
        return {"prompt_tokens": self.spent.prompt_tokens, "completion_tokens": self.spent.completion_tokens}

    def ledger(self) -> Ledger:
        return self.spent.model_copy(update={"wall_s": round(time.perf_counter() - self.started, 3)})


def usage_of(response: Any) -> Ledger:
    """The tokens a response reports, with the prefix-cached and reasoning shares where the
    server gives them (OpenAI ``*_tokens_details``, DeepSeek ``prompt_cache_hit_tokens``)."""
    usage = getattr(response, "usage", None)
    if usage is None:
        return Ledger()
    prompt = getattr(usage, "prompt_tokens_details", None)
    completion = getattr(usage, "completion_tokens_details", None)
    cached = getattr(prompt, "cached_tokens", None) or getattr(usage, "prompt_cache_hit_tokens", None)
    return Ledger(
        prompt_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
        completion_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
        cached_tokens=int(cached or 0),
        reasoning_tokens=int(getattr(completion, "reasoning_tokens", None) or 0),
    )


# --------------------------------------------------------------------------- transport policy


def retry_after_s(exc: BaseException | None) -> float | None:
    """Seconds the server asked us to wait (``retry-after-ms``, ``Retry-After`` seconds or date)."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    ra = headers.get("retry-after")
    if not ra:
        return None
    try:
        return max(0.0, float(ra))
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(ra)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - time.time())


class TransportWait(wait_base):
    """Retry-After when the server gives one, else exponential backoff with full jitter;
    both capped at ``cap`` seconds."""

    def __init__(self, base: float, cap: float, meter: Meter | None = None) -> None:
        self.cap = cap
        self.backoff = wait_random_exponential(multiplier=base, max=cap)
        self.meter = meter

    def __call__(self, retry_state: RetryCallState) -> float:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        asked = retry_after_s(exc)
        wait = min(asked, self.cap) if asked is not None else float(self.backoff(retry_state))
        if self.meter is not None:
            self.meter.waits.append(wait)
        log.info(
            "model endpoint: %s; retry %d in %.2fs%s",
            describe(exc),
            retry_state.attempt_number,
            wait,
            " (Retry-After)" if asked is not None else "",
        )
        return wait


# --------------------------------------------------------------------------- client


class ModelClient:
    """One AsyncOpenAI client and one concurrency limit for a document's requests.

    Use as ``async with ModelClient(settings) as client`` inside the event loop that runs
    the requests (the underlying HTTP pool belongs to that loop).
    """

    def __init__(self, settings: Settings) -> None:
        if not settings.llm_configured:
            raise ConfigError(
                "no model endpoint configured: set EXTRACTOR_BASE_URL (or OPENAI_BASE_URL) "
                "and OPENAI_API_KEY (or EXTRACTOR_API_KEY)"
            )
        self.settings = settings
        register_secret(settings.api_key.get_secret_value() if settings.api_key is not None else None)
        self.mode = MODES[settings.instructor_mode]
        self.breaker = Breaker(settings.endpoint or "default", settings.breaker_failures, settings.breaker_cooldown_s)
        self._client: openai.AsyncOpenAI | None = None
        self._sem: asyncio.Semaphore | None = None

    async def __aenter__(self) -> ModelClient:
        key = self.settings.api_key.get_secret_value() if self.settings.api_key is not None else NO_KEY
        self._client = openai.AsyncOpenAI(
            base_url=self.settings.endpoint, api_key=key, timeout=self.settings.timeout_s, max_retries=0
        )
        self._sem = asyncio.Semaphore(self.settings.concurrency)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.close()
        self._client = None

    async def ask(
        self, messages: list[dict[str, str]], response_model: type[BaseModel], meter: Meter
    ) -> tuple[BaseModel, Ledger]:
        """One chunk request: the validated answer and what this request cost."""
        spent = Meter()
        calls = 0

        async def send(**kwargs: Any) -> Any:
            nonlocal calls
            calls += 1
            if calls > 1:
                meter.add(reasks=1)
            return await self._send(kwargs, meter, spent)

        create: Any = instructor.patch(create=send, mode=self.mode)
        meter.add(requests=1)
        try:
            answer = await create(
                response_model=response_model,
                messages=messages,
                model=self.settings.model,
                temperature=self.settings.temperature,
                max_tokens=self.settings.max_tokens,
                max_retries=self.settings.max_reasks,
                **({"extra_body": self.settings.extra_body} if self.settings.extra_body else {}),
            )
        except IncompleteOutputException as exc:
            raise Truncated(f"answer truncated at max_tokens={self.settings.max_tokens}") from exc
        except InstructorRetryException as exc:
            cause = exc.__cause__
            if isinstance(cause, ExtractorError | Truncated):
                raise cause from None
            if isinstance(cause, IncompleteOutputException):
                raise Truncated(f"answer truncated at max_tokens={self.settings.max_tokens}") from None
            reason = str(cause or exc).splitlines()[0][:200]
            raise RetryExhaustedError(
                f"model answer still invalid after {exc.n_attempts} attempts "
                f"({self.settings.max_reasks} re-asks): {reason}",
                attempts=int(exc.n_attempts or calls),
                usage=meter.usage(),
            ) from None
        return answer, spent.spent

    async def _send(self, kwargs: dict[str, Any], meter: Meter, spent: Meter) -> Any:
        assert self._client is not None and self._sem is not None, "use `async with ModelClient(...)`"
        s = self.settings
        retrying = AsyncRetrying(
            stop=stop_after_attempt(s.max_retries + 1),
            wait=TransportWait(s.retry_base_wait_s, s.retry_max_wait_s, meter),
            retry=retry_if_exception(is_transient),
            reraise=True,
        )
        n = 0
        try:
            async for attempt in retrying:
                with attempt:
                    async with self._sem:
                        self.breaker.check()
                        n += 1
                        meter.add(attempts=1)
                        try:
                            response = await self._client.chat.completions.create(**kwargs)
                        except openai.OpenAIError as exc:
                            if is_transient(exc) and getattr(exc, "status_code", 500) != 429:
                                self.breaker.failure()  # 429 is the endpoint answering: busy, not down
                            elif isinstance(exc, openai.APIStatusError):
                                self.breaker.success()
                            raise
                        self.breaker.success()
        except openai.OpenAIError as exc:
            raise model_error(exc, attempts=n, usage=meter.usage()) from exc
        used = usage_of(response)
        meter.add(used)
        spent.add(used)
        choices = getattr(response, "choices", None) or []
        if choices and getattr(choices[0], "finish_reason", None) == "length":
            raise IncompleteOutputException(last_completion=response)
        message = getattr(choices[0], "message", None) if choices else None
        if message is not None and isinstance(message.content, str) and self.mode is not instructor.Mode.TOOLS:
            message.content = json_of(message.content)
        return response


def json_of(content: str) -> str:
    """The JSON in a reply as servers really send it: without a reasoning model's
    ``<think>…</think>`` preamble, out of a Markdown fence, without prose around the object."""
    text = _THINK.sub("", content).strip()
    fenced = _FENCE.search(text)
    if fenced:
        text = fenced.group(1).strip()
    start, end = text.find("{"), text.rfind("}")
    if start > 0 or 0 <= end < len(text) - 1:
        text = text[start : end + 1] if 0 <= start < end else text
    return text
