"""Output: results written as JSON (one file each), JSONL (one result per line) or CSV.

One seam, :class:`Writer`, chosen by name (:data:`FORMATS`): every command that writes
results (``extract``, ``batch``, ``reconcile``) goes through it, so a new output (an HTML
review page, say) is one more writer here. Files are written to a per-process ``.part`` name
first and moved into place, so a reader never sees half a file; a write that fails (disk full,
no permission) is a typed :class:`~extractor.errors.OutputError`.

    with open_writer("csv", Path("out")) as w:     # out/facts.csv + out/findings.csv
        for result in results:
            w.write(result)
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self

from extractor.errors import ConfigError, OutputError
from extractor.result import Result

__all__ = [
    "FORMATS",
    "BaseWriter",
    "Writer",
    "atomic_write_text",
    "ensure_folder",
    "open_writer",
    "part_owner",
    "part_path",
]

FORMATS: tuple[str, ...] = ("json", "jsonl", "csv")
_PART = re.compile(r"\.(\d+)\.part$")


def part_path(path: Path, pid: int | None = None) -> Path:
    """The temporary name process ``pid`` (default: this one) writes ``path`` under."""
    return path.with_name(f"{path.name}.{pid or os.getpid()}.part")


def part_owner(path: Path) -> int | None:
    """The pid whose temporary file ``path`` is, or ``None`` when it is not one."""
    m = _PART.search(path.name)
    return int(m.group(1)) if m else None


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a per-process ``.part`` file and an atomic rename
    (creating missing parent folders); the ``.part`` file never outlives a failed write."""
    tmp = part_path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError.from_os_error(exc, path) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def ensure_folder(path: Path) -> Path:
    """``path`` as an output folder, created when missing; an :class:`OutputError` when it is
    an existing file or cannot be created."""
    if path.exists() and not path.is_dir():
        raise OutputError("is an existing file, not a folder (-o names the folder results go to)", path=path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError.from_os_error(exc, path, doing="create the folder") from exc
    return path


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
