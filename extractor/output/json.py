"""JSON writers: one ``<name>.json`` per result, or every result on one line of ``results.jsonl``."""

from __future__ import annotations

import sys
from pathlib import Path

from extractor.output import BaseWriter, atomic_write_text
from extractor.result import Result

__all__ = ["JsonWriter", "JsonlWriter"]


class JsonWriter(BaseWriter):
    """``DEST/<name>.json`` per result (``name`` defaults to the document's stem); without a
    folder, each result as indented JSON on standard output."""

    def __init__(self, dest: Path | None) -> None:
        self.dest = dest
        self.written: list[Path] = []

    def write(self, result: Result, *, name: str | None = None) -> Path | None:
        text = result.to_json() + "\n"
        if self.dest is None:
            sys.stdout.write(text)
            return None
        path = self.dest / f"{name or Path(result.document).stem}.json"
        atomic_write_text(path, text)
        self.written.append(path)
        return path

    def close(self) -> list[Path]:
        return list(self.written)


class JsonlWriter(BaseWriter):
    """``DEST/results.jsonl``: one compact result per line, in the order written."""

    FILE = "results.jsonl"

    def __init__(self, dest: Path | None) -> None:
        self.dest = dest
        self.lines: list[str] = []

    def write(self, result: Result, *, name: str | None = None) -> Path | None:
        line = result.model_dump_json(by_alias=True) + "\n"
        if self.dest is None:
            sys.stdout.write(line)
            return None
        self.lines.append(line)
        return self.dest / self.FILE

    def close(self) -> list[Path]:
        if self.dest is None:
            return []
        path = self.dest / self.FILE
        atomic_write_text(path, "".join(self.lines))
        return [path]
