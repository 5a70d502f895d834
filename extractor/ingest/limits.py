"""The refusals of what an input expands to, worded once (each names its setting)."""

from __future__ import annotations

from pathlib import Path

from extractor.errors import DocumentTooLargeError
from extractor.settings import Settings

__all__ = ["check_text", "too_many_bytes"]


def too_many_bytes(size: int | None, settings: Settings, where: str | Path) -> DocumentTooLargeError:
    """Over ``max_file_mb``; ``size`` is ``None`` when the input (a pipe) never ended within the limit."""
    if size is None:
        message = f"input did not end within the {settings.max_file_mb:g} MiB limit (EXTRACTOR_MAX_FILE_MB)"
    else:
        message = (
            f"file is {size / 1048576:.1f} MiB, over the {settings.max_file_mb:g} MiB limit (EXTRACTOR_MAX_FILE_MB)"
        )
    return DocumentTooLargeError(message, path=where, size_bytes=size, limit="max_file_mb")


def check_text(chars: int, settings: Settings, where: str, *, at_least: bool = False) -> None:
    """Refuse text longer than ``max_text_chars`` (``at_least``: a lower bound, known before decoding)."""
    if chars > settings.max_text_chars:
        raise DocumentTooLargeError(
            f"text is {'at least ' if at_least else ''}{chars:,} characters, over the "
            f"{settings.max_text_chars:,}-character limit (EXTRACTOR_MAX_TEXT_CHARS)",
            path=where,
            limit="max_text_chars",
        )
