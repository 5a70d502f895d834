"""Discovery and output names: every input its own result file, the same names every run."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.batch.files import discover, name_files, output_names


def touch(*paths: Path) -> None:
    for p in paths:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", encoding="utf-8")


def names(tmp_path: Path, *args: Path) -> dict[str, str]:
    found = [i for i in discover(args) if i.supported]
    return {i.path.relative_to(tmp_path).as_posix(): n for i, n in ((i, output_names(found)[i.path]) for i in found)}


def test_a_folder_tree_is_mirrored_and_same_stems_keep_their_suffix(tmp_path: Path) -> None:
    root = tmp_path / "in"
    touch(
        root / "report.pdf",
        root / "report.docx",
        root / "a" / "report.pdf",
        root / "b" / "x.txt",
        root / ".git" / "HEAD.txt",
        root / "a" / ".~lock.txt",
    )
    assert names(tmp_path, root) == {
        "in/report.docx": "report.docx",
        "in/report.pdf": "report.pdf",
        "in/a/report.pdf": "a/report",
        "in/b/x.txt": "b/x",
    }


def test_names_are_the_same_from_a_relative_or_an_absolute_argument(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    touch(tmp_path / "in" / "a" / "r.txt", tmp_path / "in" / "r.txt")
    absolute = names(tmp_path, tmp_path / "in")
    monkeypatch.chdir(tmp_path / "in" / "a")
    assert names(tmp_path, Path("..")) == absolute == {"in/a/r.txt": "a/r", "in/r.txt": "r"}


def test_two_folder_arguments_are_mirrored_from_their_common_folder(tmp_path: Path) -> None:
    touch(tmp_path / "2023" / "report.pdf", tmp_path / "2024" / "report.pdf")
    assert set(names(tmp_path, tmp_path / "2023", tmp_path / "2024").values()) == {"2023/report", "2024/report"}


def test_names_that_differ_only_in_case_still_get_two_outputs(tmp_path: Path) -> None:
    touch(tmp_path / "Report.txt", tmp_path / "report.txt", tmp_path / "REPORT.TXT")
    got = names(tmp_path, tmp_path)
    assert len({n.casefold() for n in got.values()}) == 3


def test_extract_names_are_stems_unless_they_collide(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a" / "report.pdf", tmp_path / "b" / "report.pdf", tmp_path / "c" / "other.pdf"
    touch(a, b, c)
    assert name_files([a, b, c, a]) == {a: "a/report", b: "b/report", c: "other"}
