"""Which files a batch reads and where each one's result goes.

Folders are walked recursively (sorted; hidden files and folders, and the output folder
itself, left out). Every input gets its own output, never shared: in a batch, its path
relative to the common folder of the arguments, mirrored under ``-o`` (``in/a/report.pdf``
→ ``OUT/a/report.json``), so the same arguments always give the same names (a resume finds
them whether the folder is given by a relative or an absolute path, or has been moved).
Two inputs of one folder with the same stem (``report.pdf``, ``report.docx``) keep their
suffix (``report.pdf.json``). ``extract -o`` names results by stem and mirrors folders only
for the stems that collide (:func:`name_files`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

from extractor.ingest import SUPPORTED_SUFFIXES

__all__ = ["Input", "discover", "name_files", "output_names"]


@dataclass(frozen=True)
class Input:
    """One file found: its absolute ``path``, its ``relative`` path under the arguments'
    common folder, and whether it is a document type (files found in a folder that are not
    are listed, not read; a file named on the command line is always tried)."""

    path: Path
    relative: PurePath
    supported: bool = True


def _absolute(p: str | Path) -> Path:
    """Absolute and normalised (``..`` resolved), without following symlinks."""
    return Path(os.path.abspath(p))


def _common(bases: list[Path]) -> Path:
    try:
        return Path(os.path.commonpath(bases)) if bases else Path.cwd()
    except ValueError:  # different drives
        return Path(bases[0].anchor)


def discover(paths: Iterable[str | Path], *, exclude: Path | None = None) -> list[Input]:
    """Files as given, and every file under each folder; each file once."""
    args = [_absolute(p) for p in paths]
    root = _common([a if a.is_dir() else a.parent for a in args])
    skip = _absolute(exclude) if exclude is not None else None
    found: dict[Path, Input] = {}
    for arg in args:
        if not arg.is_dir():
            found.setdefault(arg, Input(arg, arg.relative_to(root)))
            continue
        for f in sorted(arg.rglob("*")):
            inner = f.relative_to(arg)
            if any(part.startswith(".") for part in inner.parts) or (skip and f.is_relative_to(skip)):
                continue
            if f.is_file():
                found.setdefault(f, Input(f, f.relative_to(root), f.suffix.lower() in SUPPORTED_SUFFIXES))
    return list(found.values())


def output_names(inputs: list[Input]) -> dict[Path, str]:
    """Each input's result name under ``-o``, without ``.json``: its relative path without
    the suffix, with the suffix where two stems of one folder collide, with a short hash of
    the path where even that collides."""

    def stem(i: Input) -> str:
        return i.relative.with_suffix("").as_posix()

    def full(i: Input) -> str:
        return i.relative.as_posix()

    names: dict[Path, str] = {}
    taken: set[str] = set()
    for namer in (stem, full):
        groups: dict[str, list[Input]] = {}
        for i in inputs:
            groups.setdefault(namer(i).casefold(), []).append(i)
        for key, group in groups.items():
            if len(group) == 1 and key not in taken:
                names[group[0].path] = namer(group[0])
                taken.add(key)
        inputs = [i for i in inputs if i.path not in names]
    for i in inputs:
        names[i.path] = f"{full(i)}-{hashlib.sha1(str(i.path).encode()).hexdigest()[:8]}"
    return names


def name_files(paths: list[Path]) -> dict[Path, str]:
    """Result names for files as given (``extract -o``), keyed by the path as given: the stem,
    and where stems collide, :func:`output_names` over the colliding files (their folders
    mirrored from their common folder, or the suffix kept)."""
    by_stem: dict[str, list[Path]] = {}
    names: dict[Path, str] = {p: p.stem for p in paths if p.is_dir()}  # not a document: its read says so
    for p in paths:
        if p not in names:
            by_stem.setdefault(p.stem.casefold(), []).append(p)
    for group in by_stem.values():
        if len({_absolute(p) for p in group}) == 1:
            names.update(dict.fromkeys(group, group[0].stem))
            continue
        mirrored = output_names(discover(group))
        names.update({p: mirrored[_absolute(p)] for p in group})
    return names
