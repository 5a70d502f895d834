"""The model backend: chunked, schema-guided, grounded extraction over any OpenAI-compatible endpoint.

For one document::

    chunk (extractor.chunk) → route each chunk to its field groups (schema.ROUTING_TERMS)
      → per chunk: cache lookup, else one request (client.ModelClient: instructor re-asks
        on schema errors, tenacity retries on transport errors, a truncated answer splits
        the chunk in two) → ground every item against its chunk (convert) → merge across
        chunks (merge) → Extraction with a Ledger of what the calls cost

Requests run concurrently (``settings.concurrency``) on one event loop; :meth:`LLMBackend.extract`
is synchronous for the pipeline and :meth:`LLMBackend.aextract` is there for async callers
and for the hybrid backend, which passes its own plan (the chunks and groups the rules left).

After reconciliation the pipeline may call :meth:`LLMBackend.feedback`: each figure a
material finding blames on the model is re-asked once in its chunk (:mod:`.feedback`).

Nothing the model says reaches the result ungrounded: a value whose quote does not align to
its chunk, or whose number is not in the aligned text, is dropped and counted
(``dropped_ungrounded``), and the pipeline verifies again after every backend.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import logging
import re
from collections import Counter
from collections.abc import Awaitable, Coroutine, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from extractor.backends.llm.cache import ResponseCache, cache_key
from extractor.backends.llm.client import Meter, ModelClient, Truncated
from extractor.backends.llm.convert import Grounded, ground_answer
from extractor.backends.llm.feedback import (
    Blamed,
    Replacement,
    blamed,
    chunk_for,
    corrected,
    prompt_fields,
    replacement,
)
from extractor.backends.llm.merge import merge_evaluations, merge_facts, merge_rows
from extractor.backends.llm.prompts import PromptSet, load_prompts
from extractor.backends.llm.schema import (
    ALL_GROUPS,
    ROUTING_TERMS,
    ChunkAnswer,
    response_model_for,
    schema_hash,
)
from extractor.chunk import Chunk, chunk_document, route, split_chunk
from extractor.document import Document
from extractor.errors import ConfigError, ModelError, ModelOutputError, RetryExhaustedError
from extractor.result import Extraction, Finding
from extractor.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["LLMBackend", "run_sync"]

MAX_SPLIT_DEPTH = 3
"""A truncated chunk is halved at most this many times before ModelOutputError."""
MIN_SPLIT_CHARS = 200
"""Chunks shorter than this are not split further."""
CHUNK_FRAME_TOKENS = 300
"""The chunk template's own words, the heading and the table-header context."""
CONTEXT_MARGIN = 1.1
"""Token estimates are estimates: keep 10 % spare."""
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def estimate_tokens(text: str) -> int:
    """A deliberately high token estimate: one per CJK character, one per three others."""
    cjk = len(_CJK.findall(text))
    return cjk + -(-(len(text) - cjk) // 3)


T = TypeVar("T")


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine from synchronous code, also when the caller is inside an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def _all(aws: Sequence[Awaitable[T]]) -> list[T]:
    """Await all; on the first failure cancel the rest and raise that failure itself."""
    tasks = [asyncio.ensure_future(a) for a in aws]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


def _invalid(counts: Iterable[Counter[str]]) -> dict[str, int]:
    """``dropped_invalid`` and one ``dropped_invalid.<reason>`` counter per reason."""
    total: Counter[str] = sum(counts, Counter())
    return {"dropped_invalid": total.total(), **{f"dropped_invalid.{k}": v for k, v in sorted(total.items())}}


class LLMBackend:
    """Extraction by a model behind any OpenAI-compatible endpoint (see module docstring)."""

    name = "llm"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        if self.settings.replay_only:
            if self.settings.cache_path is None or not Path(self.settings.cache_path).exists():
                raise ConfigError("replay_only needs EXTRACTOR_CACHE_PATH pointing at a recorded cache file")
        else:
            ModelClient(self.settings)  # refuses early (ConfigError) when no endpoint is configured
        self.prompts: PromptSet = load_prompts(self.settings.prompts_dir)

    # ------------------------------------------------------------------ planning

    def chunk_chars(self) -> int:
        """The chunk size budget: ``chunk_chars``, shrunk so that the largest request (system
        prompt and schema of every group, the chunk, the answer budget) fits in
        ``context_tokens`` when the model's context length is set."""
        s = self.settings
        if s.context_tokens is None:
            return s.chunk_chars
        model = response_model_for(ALL_GROUPS)
        overhead = (
            estimate_tokens(self.prompts.system())
            + estimate_tokens(json.dumps(model.model_json_schema(), ensure_ascii=False))
            + CHUNK_FRAME_TOKENS
        )
        room = int((s.context_tokens - s.max_tokens - overhead) / CONTEXT_MARGIN)  # a chunk character ≤ one token
        if room < MIN_SPLIT_CHARS:
            raise ConfigError(
                f"EXTRACTOR_CONTEXT_TOKENS={s.context_tokens} leaves no room for a chunk: the prompt "
                f"takes ≈{overhead} tokens and the answer {s.max_tokens}; lower EXTRACTOR_MAX_TOKENS "
                "or raise the context length"
            )
        return min(s.chunk_chars, room)

    def plan(self, document: Document) -> list[Chunk]:
        """The document's chunks, each with the field groups it will be asked about."""
        s = self.settings
        size = self.chunk_chars()
        chunks = chunk_document(document, max_chars=size, overlap=min(s.chunk_overlap, size // 4))
        return [replace(c, groups=(*self.route(c), *(("metadata",) if c.index == 0 else ()))) for c in chunks]

    def route(self, chunk: Chunk) -> tuple[str, ...]:
        """The row and fact groups ``chunk`` is asked about: those whose terms the excerpt it is
        shown (with its heading and context) mentions, or all when routing is off."""
        if not self.settings.llm_route_groups:
            return tuple(g for g in ALL_GROUPS if g != "metadata")
        return route(f"{chunk.heading}\n{chunk.context}\n{chunk.excerpt()}", ROUTING_TERMS)

    @staticmethod
    def whole_document_plan(document: Document) -> list[Chunk]:
        """The naive plan: the whole document in one request with the whole schema."""
        return [Chunk(index=0, start=0, end=len(document.text), text=document.text, groups=ALL_GROUPS)]

    # ------------------------------------------------------------------ running

    def extract(self, document: Document) -> Extraction:
        return run_sync(self.aextract(document))

    async def aextract(self, document: Document, plan: Sequence[Chunk] | None = None) -> Extraction:
        """Extract with ``plan`` (default :meth:`plan`); chunks without groups are not sent."""
        plan = self.plan(document) if plan is None else list(plan)
        meter = Meter()
        counters = {"chunks": len(plan), "chunks_unrouted": sum(not c.groups for c in plan), "chunks_split": 0}
        cache = ResponseCache(self.settings.cache_path) if self.settings.cache_path else None
        try:
            async with contextlib.AsyncExitStack() as stack:
                client = (
                    None if self.settings.replay_only else await stack.enter_async_context(ModelClient(self.settings))
                )
                async with asyncio.timeout(self.settings.document_deadline_s):
                    answers = await _all([self._answer(c, client, cache, meter, counters) for c in plan if c.groups])
        except TimeoutError as exc:
            raise RetryExhaustedError(
                f"model endpoint: document deadline of {self.settings.document_deadline_s:g}s exceeded "
                f"(EXTRACTOR_DOCUMENT_DEADLINE_S)",
                attempts=meter.spent.attempts,
                usage=meter.usage(),
                ledger=meter.ledger().model_dump(),
            ) from exc
        except ModelError as exc:  # a failed document keeps what its attempts cost
            exc.context["ledger"] = meter.ledger().model_dump()
            raise
        finally:
            if cache is not None:
                cache.close()
        pairs = [(chunk, ground_answer(document, chunk, answer)) for batch in answers for chunk, answer in batch]
        return self._assemble(pairs, meter, counters)

    async def _answer(
        self,
        chunk: Chunk,
        client: ModelClient | None,
        cache: ResponseCache | None,
        meter: Meter,
        counters: dict[str, int],
        depth: int = 0,
    ) -> list[tuple[Chunk, ChunkAnswer]]:
        s = self.settings
        try:
            answer = await self.ask(self.prompts.messages(chunk, chunk.groups), client, cache, meter)
        except Truncated as exc:
            halves = split_chunk(chunk) if depth < MAX_SPLIT_DEPTH and len(chunk) >= MIN_SPLIT_CHARS else None
            if halves is None:
                raise ModelOutputError(
                    f"model answer truncated (finish_reason=length) for a chunk of {len(chunk)} characters "
                    f"at max_tokens={s.max_tokens}; raise EXTRACTOR_MAX_TOKENS or lower EXTRACTOR_CHUNK_CHARS",
                    attempts=meter.spent.attempts,
                ) from exc
            counters["chunks_split"] += 1
            log.info("chunk %d (%d chars) truncated; splitting in two", chunk.index, len(chunk))
            parts = await _all([self._answer(h, client, cache, meter, counters, depth + 1) for h in halves])
            return [p for part in parts for p in part]
        if answer is None:
            raise ModelError(
                f"replay: no recorded answer for chunk {chunk.index} (characters {chunk.start}-"
                f"{chunk.end}) with model {s.model!r} and prompts {self.prompts.version}"
            )
        return [(chunk, answer)]

    async def ask(
        self, messages: list[dict[str, str]], client: ModelClient | None, cache: ResponseCache | None, meter: Meter
    ) -> ChunkAnswer | None:
        """One request through the response cache: the answer recorded for these messages, else
        the endpoint's (recorded); None when replaying and nothing was recorded. Raises
        :class:`Truncated` for an answer cut at max_tokens."""
        s = self.settings
        model = response_model_for(ALL_GROUPS)  # one schema for every chunk: part of the cacheable prefix
        key = cache_key(
            model=s.model,
            prompt_version=self.prompts.version,
            schema_hash=schema_hash(model),
            mode=s.instructor_mode,
            messages=messages,
        )
        if cache is not None:
            hit = cache.get(key)
            if hit is not None:
                try:
                    cached = model.model_validate_json(hit.answer)
                except ValidationError:  # validators changed since it was recorded: a miss
                    log.warning("a cached answer no longer validates; asking again")
                else:
                    meter.add(
                        cache_hits=1,
                        recorded_prompt_tokens=hit.prompt_tokens,
                        recorded_completion_tokens=hit.completion_tokens,
                    )
                    return cached
        if client is None:
            return None
        answer, spent = await client.ask(messages, model, meter)
        if cache is not None:
            cache.put(
                key,
                answer=answer.model_dump_json(),
                model=s.model,
                prompt_version=self.prompts.version,
                schema_hash=schema_hash(model),
                mode=s.instructor_mode,
                prompt_tokens=spent.prompt_tokens,
                completion_tokens=spent.completion_tokens,
            )
        return answer  # type: ignore[return-value]

    # ------------------------------------------------------------------ arithmetic feedback

    def feedback(self, document: Document, extraction: Extraction, findings: Sequence[Finding]) -> Extraction | None:
        """Re-ask, once, each chunk that gave a figure a material finding blames (see
        :mod:`.feedback`); None when no such figure came from the model."""
        own = [b for b in blamed(extraction, findings) if b.fact is None or b.fact.backend == self.name]
        return run_sync(self.afeedback(document, extraction, own, self.plan(document))) if own else None

    async def afeedback(
        self, document: Document, extraction: Extraction, figures: Sequence[Blamed], plan: Sequence[Chunk]
    ) -> Extraction | None:
        """Re-ask each of ``figures`` in the chunk of ``plan`` it was read from; the extraction
        with the new values that ground kept (None when no figure's chunk is in the plan)."""
        jobs = [(b, c) for b in figures if (c := chunk_for(plan, b)) is not None]
        if not jobs:
            return None
        meter = Meter()
        cache = ResponseCache(self.settings.cache_path) if self.settings.cache_path else None
        warnings: list[str] = []
        try:
            async with contextlib.AsyncExitStack() as stack:
                client = (
                    None if self.settings.replay_only else await stack.enter_async_context(ModelClient(self.settings))
                )
                async with asyncio.timeout(self.settings.document_deadline_s):
                    got = await asyncio.gather(
                        *(self._reask(document, b, c, client, cache, meter, warnings) for b, c in jobs)
                    )
        except TimeoutError:
            got = []
            warnings.append("arithmetic feedback: document deadline passed; no re-asked value kept")
        finally:
            if cache is not None:
                cache.close()
        asked = sum(a for a, _ in got) if got else len(jobs)  # a deadline passed: each was (being) asked
        kept = [r for _, r in got if r is not None]
        return corrected(extraction, kept, asked=asked, spent=meter.ledger(), warnings=warnings)

    async def _reask(
        self,
        document: Document,
        figure: Blamed,
        chunk: Chunk,
        client: ModelClient | None,
        cache: ResponseCache | None,
        meter: Meter,
        warnings: list[str],
    ) -> tuple[bool, Replacement | None]:
        """(whether it was asked, the replacement to keep) for one blamed figure."""
        messages = self.prompts.feedback(chunk, chunk.groups, **prompt_fields(figure))
        try:
            answer = await self.ask(messages, client, cache, meter)
        except (ModelError, Truncated) as exc:
            warnings.append(f"arithmetic feedback on chunk {chunk.index} failed: {str(exc).splitlines()[0][:200]}")
            return True, None
        if answer is None:  # replaying, and this re-ask was never recorded
            return False, None
        got = replacement(figure, ground_answer(document, chunk, answer))
        log.info(
            "feedback on chunk %d: %s %s → %s",
            chunk.index,
            figure.kind,
            figure.value,
            "kept " + str(got.value) if got else "unchanged",
        )
        return True, got

    def _assemble(self, pairs: list[tuple[Chunk, Grounded]], meter: Meter, counters: dict[str, int]) -> Extraction:
        facts, dup = merge_facts(f for _, g in pairs for f in g.facts)
        projects, pj = merge_rows(p for _, g in pairs for p in g.projects)
        indicators, ij = merge_rows(i for _, g in pairs for i in g.indicators)
        evaluation = merge_evaluations((c.start, g.evaluation) for c, g in pairs if g.evaluation is not None)
        meta = next((g for c, g in sorted(pairs, key=lambda p: p[0].start) if g.metadata_evidence), Grounded())
        counters = {
            **counters,
            "dropped_ungrounded": sum(g.dropped for _, g in pairs),
            "dropped_wrong_role": sum(g.wrong_role for _, g in pairs),
            **_invalid(g.invalid for _, g in pairs),
            "merged_duplicates": dup,
            "rows_joined": pj + ij,
            "units_corrected": sum(g.units_corrected for _, g in pairs),
        }
        warnings: tuple[str, ...] = ()
        if counters["chunks_split"]:
            warnings = (f"{counters['chunks_split']} chunk(s) split after a truncated model answer",)
        return Extraction(
            org_name=meta.org_name,
            fiscal_year=meta.fiscal_year,
            report_kind=meta.report_kind or "other",  # type: ignore[arg-type]
            metadata_evidence=meta.metadata_evidence,
            facts=tuple(facts),
            projects=tuple(projects),
            indicators=tuple(indicators),
            evaluation=evaluation,
            ledger=meter.ledger(),
            counters=counters,
            prompt_version=self.prompts.version,
            model=self.settings.model,
            warnings=warnings,
        )
