"""Batch extraction: every good document lands, bad ones are recorded, resume skips work done."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from extractor.batch import MANIFEST, run_batch
from extractor.settings import Settings


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
    written = sorted(p.name for p in out.glob("*.json"))
    assert len(written) == 4 and len({n.split("-")[0] for n in written}) == 3  # colliding stems kept apart
    rows = [json.loads(line) for line in (out / MANIFEST).read_text(encoding="utf-8").splitlines()]
    errors = {Path(r["path"]).name: r["error"]["error"] for r in rows if r["status"] == "failed"}
    assert errors == {"locked.pdf": "EncryptedDocumentError", "noise.txt": "UnsupportedFormatError"}
    for r in rows:
        if r["status"] == "ok":
            assert json.loads(Path(r["output"]).read_text(encoding="utf-8"))["schema"] == "cn-budget-report/1"


def test_resume_skips_done_documents_and_redoes_changed_ones(
    tmp_path: Path, sample_paths: list[Path], fixtures_dir: Path, settings: Settings
) -> None:
    src = _inputs(tmp_path, sample_paths, fixtures_dir)
    out = tmp_path / "out"
    run_batch([src], out, settings=settings, backend="rules")
    changed = src / sample_paths[1].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n附：补充说明。\n", encoding="utf-8")
    again = run_batch([src], out, settings=settings, backend="rules")
    assert again.count("skipped") == 3
    assert [Path(i.path).name for i in again.items if i.status == "ok"] == [changed.name]
    assert again.count("failed") == 2  # failures are tried again
    fresh = run_batch([src], out, settings=settings, backend="rules", resume=False)
    assert fresh.count("skipped") == 0 and fresh.count("ok") == 4
