"""How a failure of the ``openai`` client becomes one of our typed errors: one table.

Every exception class ``openai`` can raise maps to exactly one branch of
:mod:`extractor.errors` (a test enumerates the package's classes, so a new one in a future
``openai`` fails it until it is placed)::

    transport, worth retrying (then exit 31)  APIConnectionError, APITimeoutError,
                                              RateLimitError, ConflictError, InternalServerError
    refused (exit 30, not retried)            BadRequestError, AuthenticationError, OAuthError,
                                              PermissionDeniedError, NotFoundError,
                                              UnprocessableEntityError, APIStatusError*, APIError,
                                              OpenAIError, realtime/webhook errors
    unusable output (exit 32)                 APIResponseValidationError, LengthFinishReasonError,
                                              ContentFilterFinishReasonError
    configuration (exit 20)                   SubjectTokenProviderError, ambiguous client usage

* a bare ``APIStatusError`` carries a status no subclass names: 408 and 5xx are transport
failures like their named siblings (:func:`is_transient`), any other status is a refusal.
"""

from __future__ import annotations

from typing import Any

import openai
import openai._exceptions as _openai_exceptions

from extractor.errors import ConfigError, ExtractorError, ModelError, ModelOutputError, RetryExhaustedError

__all__ = ["OPENAI_ERRORS", "branch_of", "is_transient", "model_error"]

OPENAI_ERRORS: dict[type[BaseException], type[ExtractorError]] = {
    openai.OpenAIError: ModelError,
    openai.APIError: ModelError,
    openai.APIStatusError: ModelError,
    openai.APIConnectionError: RetryExhaustedError,
    openai.APITimeoutError: RetryExhaustedError,
    openai.RateLimitError: RetryExhaustedError,
    openai.ConflictError: RetryExhaustedError,
    openai.InternalServerError: RetryExhaustedError,
    openai.BadRequestError: ModelError,
    openai.AuthenticationError: ModelError,
    openai.OAuthError: ModelError,
    openai.PermissionDeniedError: ModelError,
    openai.NotFoundError: ModelError,
    openai.UnprocessableEntityError: ModelError,
    openai.APIResponseValidationError: ModelOutputError,
    openai.LengthFinishReasonError: ModelOutputError,
    openai.ContentFilterFinishReasonError: ModelOutputError,
    openai.InvalidWebhookSignatureError: ModelError,
    openai.WebSocketConnectionClosedError: ModelError,
    openai.WebSocketQueueFullError: ModelError,
    _openai_exceptions.SubjectTokenProviderError: ConfigError,
    openai._AmbiguousModuleClientUsageError: ConfigError,  # the module-level client misused
}


def is_transient(exc: BaseException) -> bool:
    """Worth another attempt: timeouts, connection errors, 408, 409, 429 and 5xx."""
    if isinstance(exc, openai.APIConnectionError):  # includes APITimeoutError
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in (408, 409, 429) or exc.status_code >= 500
    return False


def branch_of(exc: BaseException) -> type[ExtractorError]:
    """Our error class for an ``openai`` exception (its own class's entry, else its nearest base's)."""
    if isinstance(exc, openai.APIStatusError) and type(exc) is openai.APIStatusError and is_transient(exc):
        return RetryExhaustedError
    for cls in type(exc).__mro__:
        if cls in OPENAI_ERRORS:
            return OPENAI_ERRORS[cls]
    return ModelError


def describe(exc: BaseException | None) -> str:
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    if isinstance(exc, openai.APITimeoutError):
        return "timeout"
    if isinstance(exc, openai.APIConnectionError):
        return "connection error"
    return type(exc).__name__ if exc else "error"


def _short(exc: openai.APIStatusError) -> str:
    body = exc.body if isinstance(exc.body, dict) else {}
    msg = body.get("message") or (body.get("error") or {}).get("message") if body else None
    return str(msg or exc.message)[:200]


def model_error(exc: BaseException, *, attempts: int, usage: dict[str, int] | None = None) -> ExtractorError:
    """The typed error for ``exc`` after ``attempts`` HTTP calls (its message redacted)."""
    cls = branch_of(exc)
    context: dict[str, Any] = {"attempts": attempts}
    if cls is RetryExhaustedError:
        return RetryExhaustedError(
            f"model endpoint failed after {attempts} attempts: {describe(exc)}", attempts=attempts, usage=usage
        )
    if isinstance(exc, openai.APIStatusError):
        return cls(f"model endpoint refused the request: HTTP {exc.status_code}: {_short(exc)}", **context)
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return cls(f"model endpoint: {type(exc).__name__}{': ' + detail if detail else ''}", **context)
