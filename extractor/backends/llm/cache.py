"""A SQLite store of validated model answers: the response cache and the record/replay store.

The key is ``sha256(model, prompt version, response-schema hash, instructor mode, every
message as sent)`` — the system prompt, and the user message with the chunk text — so a
re-run of the same document with the same model and prompts makes no request at all, and
any change that could change the answer (a prompt edit bumps the prompt version) misses.

The value is the answer *after* validation (the response model's JSON), with the tokens the
original call cost. Because it is plain SQLite keyed by content, a cache file recorded
against a real endpoint can be committed and replayed offline (CI, or anyone re-running an
evaluation without a key). Nothing secret is stored: no key, no headers, no base URL.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from extractor.errors import CacheError

log = logging.getLogger(__name__)

__all__ = ["Hit", "ResponseCache", "cache_key"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    schema_hash TEXT NOT NULL,
    mode TEXT NOT NULL,
    answer TEXT NOT NULL,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL
)
"""


class Hit(NamedTuple):
    """A recorded answer and what it cost when it was recorded."""

    answer: str
    prompt_tokens: int
    completion_tokens: int


def cache_key(
    *, model: str, prompt_version: str, schema_hash: str, mode: str, messages: Sequence[Mapping[str, str]]
) -> str:
    """The key of a request: model, prompts, schema, mode and every message as sent (the
    system prompt included), so nothing that could change the answer is left out."""
    sent = json.dumps(list(messages), ensure_ascii=False, sort_keys=True)
    h = hashlib.sha256()
    for part in (model, prompt_version, schema_hash, mode, sent):
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


class ResponseCache:
    """A small thread-safe wrapper over one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        with self._typed("open"):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(_SCHEMA)

    @contextlib.contextmanager
    def _typed(self, doing: str) -> Iterator[None]:
        """A corrupt, unreadable or unwritable cache file is a :class:`CacheError`, not a bug."""
        try:
            yield
        except (sqlite3.Error, OSError) as exc:
            raise CacheError(f"response cache (EXTRACTOR_CACHE_PATH) cannot {doing}: {exc}", path=self.path) from exc

    def get(self, key: str) -> Hit | None:
        with self._lock, self._typed("read"):
            row = self._db.execute(
                "SELECT answer, prompt_tokens, completion_tokens FROM responses WHERE key = ?", (key,)
            ).fetchone()
        return None if row is None else Hit(str(row[0]), int(row[1]), int(row[2]))

    def put(
        self,
        key: str,
        *,
        answer: object,
        model: str,
        prompt_version: str,
        schema_hash: str,
        mode: str,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
    ) -> None:
        blob = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False, sort_keys=True)
        with self._lock, self._typed("write"):
            self._db.execute(
                "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, model, prompt_version, schema_hash, mode, blob, prompt_tokens, completion_tokens, time.time()),
            )

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()
