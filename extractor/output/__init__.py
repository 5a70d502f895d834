"""Output: results written as JSON (one file each), JSONL (one result per line) or CSV.

One seam, :class:`Writer`, chosen by name (:data:`FORMATS`): every command that writes
results (``extract``, ``batch``, ``reconcile``) goes through it, so a new output (an HTML
review page, say) is one more writer here. Files are written to a ``.part`` name first and
moved into place, so a reader never sees half a file.

    with open_writer("csv", Path("out")) as w:     # out/facts.csv + out/findings.csv
        for result in results:
            w.write(result)
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self

from extractor.errors import ConfigError
from extractor.result import Result

__all__ = ["FORMATS", "BaseWriter", "Writer", "atomic_write_text", "open_writer"]

FORMATS: tuple[str, ...] = ("json", "jsonl", "csv")


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a per-process ``.part`` file and an atomic rename."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.part")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class Writer(Protocol):
    """Receives results one by one; ``close`` finishes the files. Use as a context manager."""

    def write(self, result: Result, *, name: str | None = None) -> Path | None: ...

    def close(self) -> list[Path]: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None: ...


class BaseWriter:
    """Context-manager plumbing every writer shares: leaving the block closes the files."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> list[Path]:
        return []


def open_writer(fmt: str, dest: Path | None) -> Writer:
    """A writer for ``fmt`` into folder ``dest`` (``None``: standard output, JSON and JSONL only)."""
    from extractor.output.csv import CsvWriter
    from extractor.output.json import JsonlWriter, JsonWriter

    if fmt == "json":
        return JsonWriter(dest)
    if fmt == "jsonl":
        return JsonlWriter(dest)
    if fmt == "csv":
        if dest is None:
            raise ConfigError("--format csv writes two files (facts.csv, findings.csv): give --out DIR")
        return CsvWriter(dest)
    raise ConfigError(f"unknown output format {fmt!r}; known: {', '.join(FORMATS)}")
