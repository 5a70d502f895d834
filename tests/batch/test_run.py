"""Batch extraction: every good document lands, bad ones are recorded, resume skips work done."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from extractor.batch import MANIFEST, compact_folder, run_batch
from extractor.errors import OutputError
from extractor.settings import Settings
from tests.batch.conftest import write_doc


def rows(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (out / MANIFEST).read_text(encoding="utf-8").splitlines()]


def _inputs(tmp_path: Path, sample_paths: list[Path], fixtures_dir: Path) -> Path:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for p in sample_paths[:3]:
        shutil.copy(p, src / p.name)
    shutil.copy(sample_paths[0], src / "sub" / sample_paths[0].name)  # same stem in another folder
    shutil.copy(fixtures_dir / "encrypted.pdf", src / "locked.pdf")
    shutil.copy(fixtures_dir / "binary.txt", src / "sub" / "noise.txt")
    return src


def test_batch_keeps_every_good_result_and_records_failures(
    tmp_path: Path, sample_paths: list[Path], fixtures_dir: Path, settings: Settings
) -> None:
    src = _inputs(tmp_path, sample_paths, fixtures_dir)
    out = tmp_path / "out"
    summary = run_batch([src], out, settings=settings, backend="rules", workers=2)
    assert summary.count("ok") == 4 and summary.count("failed") == 2
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert written == sorted([*(f"{p.stem}.json" for p in sample_paths[:3]), f"sub/{sample_paths[0].stem}.json"])
    errors = {Path(str(r["path"])).name: r["error"]["error"] for r in rows(out) if r["status"] == "failed"}  # type: ignore[index]
    assert errors == {"locked.pdf": "EncryptedDocumentError", "noise.txt": "UnsupportedFormatError"}
    for r in rows(out):
        assert Path(str(r["path"])).is_absolute()
        if r["status"] == "ok":
            assert json.loads(Path(str(r["output"])).read_text(encoding="utf-8"))["schema"] == "cn-budget-report/1"


def test_resume_skips_done_documents_and_redoes_changed_ones(
    tmp_path: Path, sample_paths: list[Path], fixtures_dir: Path, settings: Settings
) -> None:
    src = _inputs(tmp_path, sample_paths, fixtures_dir)
    out = tmp_path / "out"
    run_batch([src], out, settings=settings, backend="rules", workers=1)
    changed = src / sample_paths[1].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n附：补充说明。\n", encoding="utf-8")
    again = run_batch([src], out, settings=settings, backend="rules", workers=1)
    assert again.count("done") == 3
    assert [Path(i.path).name for i in again.items if i.status == "ok"] == [changed.name]
    assert again.count("failed") == 2  # failures are tried again
    fresh = run_batch([src], out, settings=settings, backend="rules", resume=False, workers=1)
    assert fresh.count("done") == 0 and fresh.count("ok") == 4


def test_resume_is_keyed_on_content_not_on_the_path_string(
    tmp_path: Path, docs: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    first = run_batch([docs.resolve()], out, settings=settings, backend="rules", workers=1)
    assert first.count("ok") == 6
    monkeypatch.chdir(tmp_path)
    again = run_batch(["in"], "out", settings=settings, backend="rules", workers=1)  # relative this time
    assert again.count("done") == 6 and again.count("ok") == 0
    assert len(rows(out)) == 6  # a resume writes no row for what it skips
    moved = tmp_path / "moved"
    shutil.move(docs, moved)  # the same content elsewhere keeps its outputs
    third = run_batch([moved], out, settings=settings, backend="rules", workers=1)
    assert third.count("done") == 6 and len(rows(out)) == 6


def test_compact_rewrites_the_manifest_to_one_row_per_document(tmp_path: Path, docs: Path, settings: Settings) -> None:
    out = tmp_path / "out"
    (docs / "bad.pdf").write_bytes(b"%PDF-1.4 broken")
    for _ in range(3):
        run_batch([docs], out, settings=settings, backend="rules", workers=1)  # the failure is retried each time
    assert len(rows(out)) == 6 + 3
    write_doc(docs / "doc0.txt", 50)  # changed: a second ok row for one document
    run_batch([docs], out, settings=settings, backend="rules", workers=1, compact_manifest=True)
    after = rows(out)
    assert len(after) == 7 and len({r["path"] for r in after}) == 7
    [doc0] = [r for r in after if Path(str(r["path"])).name == "doc0.txt"]
    assert (
        doc0["status"] == "ok"
        and doc0["sha256"] == __import__("hashlib").sha256((docs / "doc0.txt").read_bytes()).hexdigest()
    )
    assert compact_folder(out) == (7, 7)


def test_unsupported_files_of_a_folder_are_listed_once_not_read(tmp_path: Path, docs: Path, settings: Settings) -> None:
    for name in ("table.xlsx", "old.doc", "sub/notes.rtf"):
        (docs / name).write_bytes(b"\x00\x01 not read")
    (docs / ".hidden.txt").write_text("editor swap file", encoding="utf-8")
    out = docs / "results"  # the output folder inside the input folder is not an input
    summary = run_batch([docs], out, settings=settings, backend="rules", workers=1)
    assert summary.count("ok") == 6 and summary.count("skipped") == 3 and not summary.failed
    skipped = {Path(str(r["path"])).name: r["reason"] for r in rows(out) if r["status"] == "skipped"}
    assert skipped == dict.fromkeys(("table.xlsx", "old.doc", "notes.rtf"), "unsupported type")
    again = run_batch([docs], out, settings=settings, backend="rules", workers=1)
    assert again.count("skipped") == 3 and again.count("done") == 6 and len(rows(out)) == 9  # listed once


def test_an_output_folder_that_is_a_file_is_a_typed_error(tmp_path: Path, docs: Path, settings: Settings) -> None:
    target = tmp_path / "out.json"
    target.write_text("{}", encoding="utf-8")
    with pytest.raises(OutputError, match="existing file"):
        run_batch([docs], target, settings=settings, backend="rules")


def test_a_stale_part_file_of_a_dead_process_is_removed(tmp_path: Path, docs: Path, settings: Settings) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = os.fork()
    if dead == 0:
        os._exit(0)
    os.waitpid(dead, 0)
    stale, mine = out / f"doc0.json.{dead}.part", out / f"other.json.{os.getpid()}.part"
    stale.write_text("{half", encoding="utf-8")
    mine.write_text("{mine", encoding="utf-8")
    run_batch([docs], out, settings=settings, backend="rules", workers=1)
    assert not stale.exists() and mine.exists()
