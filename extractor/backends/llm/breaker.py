"""A circuit breaker for the model endpoint, shared by every document a process extracts.

When an endpoint is down, every document would otherwise spend its whole retry budget on
it (a dead endpoint: minutes per batch; a hanging one: ``timeout × attempts`` per document,
hours per batch). The breaker counts **consecutive transport failures** — connection
errors, timeouts, 408 and 5xx, across documents — and after ``settings.breaker_failures``
of them the endpoint is taken as down: every request fails at once with
:class:`~extractor.errors.EndpointUnavailableError` ("endpoint unavailable") for
``settings.breaker_cooldown_s``; after that one request may try again (half-open), and
any answer from the server closes the breaker.

The state lives in this process, keyed by endpoint: documents run one after another (or
concurrently on one event loop) share it. Batch worker processes each keep their own, so
with ``-j N`` at most ``N × breaker_failures`` requests reach a dead endpoint; sharing
across processes (a state file in the output folder) was left out as not worth its
locking for a bound that is already small.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from extractor.errors import EndpointUnavailableError

log = logging.getLogger(__name__)

__all__ = ["Breaker", "reset_breakers"]


@dataclass
class _State:
    failures: int = 0
    opened_at: float | None = None


_STATES: dict[str, _State] = {}
_LOCK = threading.Lock()


def reset_breakers() -> None:
    """Forget every endpoint's state (tests; a long-lived service after a fix)."""
    with _LOCK:
        _STATES.clear()


class Breaker:
    """The breaker of one endpoint; ``threshold`` 0 turns it off."""

    def __init__(self, endpoint: str, threshold: int, cooldown_s: float) -> None:
        self.endpoint, self.threshold, self.cooldown_s = endpoint, threshold, cooldown_s
        with _LOCK:
            self._state = _STATES.setdefault(endpoint, _State())

    def check(self) -> None:
        """Raise :class:`EndpointUnavailableError` while the breaker is open."""
        if not self.threshold:
            return
        with _LOCK:
            st = self._state
            if st.opened_at is None or time.monotonic() - st.opened_at >= self.cooldown_s:
                return
            failures = st.failures
        raise EndpointUnavailableError(
            f"endpoint unavailable: {failures} consecutive transport failures; not trying again for "
            f"{self.cooldown_s:g}s (EXTRACTOR_BREAKER_FAILURES, EXTRACTOR_BREAKER_COOLDOWN_S)",
            failures=failures,
        )

    def failure(self) -> None:
        with _LOCK:
            st = self._state
            st.failures += 1
            if self.threshold and st.failures >= self.threshold:
                if st.opened_at is None:
                    log.warning(
                        "model endpoint: %d consecutive transport failures; failing fast for %gs",
                        st.failures,
                        self.cooldown_s,
                    )
                st.opened_at = time.monotonic()

    def success(self) -> None:
        with _LOCK:
            self._state.failures, self._state.opened_at = 0, None
