"""The output folder's state: ``manifest.jsonl`` (one row per document attempted) and the
lock that keeps a second batch out of a folder one is writing into.

* Rows are appended whole or not at all: a write that fails (disk full) is cut back to the
  last complete row, so every line of the manifest parses.
* :func:`compact` rewrites the manifest to the last row of each document.
* :func:`lock_folder` holds an advisory ``flock`` on ``OUT/.extractor.lock`` for the life of
  the batch; the file names the holder (pid, host, start). The kernel drops the lock when
  its holder dies, however it dies, so a lock left by a dead process is simply taken over.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extractor.errors import OutputError, OutputLockedError
from extractor.output import atomic_write_text

log = logging.getLogger(__name__)

__all__ = ["LOCK", "MANIFEST", "Manifest", "compact", "forget_lock", "load", "lock_folder"]

MANIFEST = "manifest.jsonl"
LOCK = ".extractor.lock"
_held: int | None = None  # the lock's descriptor in the process that holds it


def load(out: Path) -> list[dict[str, Any]]:
    """Every complete row of ``out``'s manifest, in order (a line cut by a kill is left out)."""
    path = out / MANIFEST
    rows: list[dict[str, Any]] = []
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return rows
    except OSError as exc:
        raise OutputError.from_os_error(exc, path, doing="read") from exc
    for line in text.splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(row, dict) and "path" in row:
            rows.append(row)
    return rows


class Manifest:
    """Appends rows to ``out/manifest.jsonl``, each whole or not at all."""

    def __init__(self, out: Path) -> None:
        self.path = out / MANIFEST
        try:
            self._file = open(self.path, "ab", buffering=0)  # noqa: SIM115 (closed by close())
        except OSError as exc:
            raise OutputError.from_os_error(exc, self.path, doing="open") from exc
        self._size = self._file.seek(0, os.SEEK_END)

    def append(self, row: dict[str, Any]) -> None:
        data = memoryview((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))
        try:
            while data:
                data = data[self._file.write(data) or 0 :]
        except OSError as exc:
            with contextlib.suppress(OSError):
                self._file.truncate(self._size)  # no half row: the manifest stays readable
            raise OutputError.from_os_error(exc, self.path) from exc
        self._size = self._file.tell()

    def close(self) -> None:
        self._file.close()


def compact(out: Path) -> tuple[int, int]:
    """Rewrite the manifest to one row per document (its last); rows before and after."""
    rows = load(out)
    last: dict[str, dict[str, Any]] = {}
    for row in rows:
        last.pop(row["path"], None)  # keep the order of each document's last row
        last[row["path"]] = row
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in last.values())
    atomic_write_text(out / MANIFEST, text)
    return len(rows), len(last)


def _holder(fd: int) -> dict[str, Any]:
    try:
        data = json.loads(os.pread(fd, 4096, 0) or b"{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _describe(holder: dict[str, Any]) -> str:
    if not holder.get("pid"):
        return "a process that has not written its pid yet"
    since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(holder.get("started", 0)))
    return f"pid {holder['pid']} on {holder.get('host', '?')}, since {since}"


@contextlib.contextmanager
def lock_folder(out: Path) -> Iterator[None]:
    """Hold ``out`` for this process; :class:`OutputLockedError` names the holder when
    another process has it."""
    global _held
    path = out / LOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise OutputError.from_os_error(exc, path, doing="create the lock file") from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _holder(fd)
        for _ in range(20):  # the holder has the lock and is about to write its name
            if holder.get("pid"):
                break
            time.sleep(0.025)
            holder = _holder(fd)
        os.close(fd)
        raise OutputLockedError(
            f"another batch is writing into this folder ({_describe(holder)}); wait for it to end or choose "
            f"another -o (the lock: {path})",
            path=out,
            holder_pid=holder.get("pid"),
        ) from None
    except OSError as exc:  # a file system without locks
        os.close(fd)
        raise OutputError.from_os_error(exc, path, doing="lock") from exc
    previous = _holder(fd)
    if previous.get("pid") and previous["pid"] != os.getpid():
        log.info("took over the lock of %s (no longer running)", _describe(previous))
    me = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()}
    with contextlib.suppress(OSError):  # a full disk must not stop us holding the lock
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(me).encode(), 0)
    _held = fd
    try:
        yield
    finally:
        _held = None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)


def forget_lock() -> None:
    """In a forked worker: let go of the parent's lock descriptor, so the lock ends with the
    parent and a worker left behind does not keep the folder held."""
    global _held
    if _held is not None:
        with contextlib.suppress(OSError):
            os.close(_held)
        _held = None
