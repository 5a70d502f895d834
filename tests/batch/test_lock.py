"""One batch per output folder: a second one is refused and told who holds it; a lock left
by a dead process is taken over."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.batch import LOCK, MANIFEST, run_batch
from extractor.batch.manifest import lock_folder
from extractor.errors import OutputLockedError
from extractor.settings import Settings
from tests.batch.conftest import write_doc

EXE = Path(sys.executable).parent / "extractor"


def cli(*args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EXTRACTOR_", "OPENAI_"))}
    return subprocess.Popen(
        [str(EXE), "batch", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def test_a_second_batch_on_a_held_folder_is_refused_and_names_the_holder(
    tmp_path: Path, docs: Path, settings: Settings
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with lock_folder(out):
        with pytest.raises(OutputLockedError) as info:
            run_batch([docs], out, settings=settings, backend="rules", workers=1)
        assert info.value.exit_code == 52 and f"pid {os.getpid()}" in info.value.message
        proc = cli(str(docs), "-o", str(out), "-q")
        _, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 52, stderr
        assert f"pid {os.getpid()}" in stderr and "Traceback" not in stderr and len(stderr.splitlines()) == 1
    assert not (out / MANIFEST).exists() or not (out / MANIFEST).read_text(encoding="utf-8")  # nothing extracted
    assert run_batch([docs], out, settings=settings, backend="rules", workers=1).count("ok") == 6  # released


def test_the_lock_of_a_dead_process_is_taken_over(tmp_path: Path, docs: Path, settings: Settings) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (out / LOCK).write_text(json.dumps({"pid": int(dead.stdout), "host": "here", "started": 0}), encoding="utf-8")
    assert run_batch([docs], out, settings=settings, backend="rules", workers=1).count("ok") == 6


def test_two_batches_started_at_once_never_extract_a_document_twice(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    for i in range(16):
        write_doc(src / f"doc{i:02d}.txt", i)
    runs = [cli(str(src), "-o", str(out), "-j", "2", "-q") for _ in range(2)]
    results = [(p.wait(timeout=120), p.communicate()[1]) for p in runs]
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 52]), results  # [0, 0]: the second started after the first had finished
    rows = [json.loads(line) for line in (out / MANIFEST).read_text(encoding="utf-8").splitlines()]
    ok = [r["path"] for r in rows if r["status"] == "ok"]
    assert len(ok) == len(set(ok)) == 16 and not [r for r in rows if r["status"] == "failed"]
    for code, stderr in results:
        if code == 52:
            assert "another batch is writing into this folder (pid" in stderr
