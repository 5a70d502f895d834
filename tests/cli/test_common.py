"""What every command shares: an ``-o`` that is a file is a typed error, and an error is one
line naming its file, however long, when stderr is not a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.errors import OutputError
from tests.batch.conftest import write_doc
from tests.cli.conftest import run


@pytest.mark.parametrize("command", ["extract", "batch", "eval", "reconcile"])
def test_an_output_that_is_an_existing_file_is_a_typed_error(tmp_path: Path, command: str) -> None:
    doc = write_doc(tmp_path / "doc.txt")
    target = tmp_path / "taken.json"
    target.write_text("{}", encoding="utf-8")
    given = {"extract": [doc], "batch": [doc], "eval": [], "reconcile": [target]}[command]
    proc = run(command, *given, "-o", target)
    assert proc.returncode == OutputError.exit_code, proc.stderr
    assert "Traceback" not in proc.stderr and "existing file, not a folder" in proc.stderr
    assert f"[OutputError]: {target}" in proc.stderr
    assert target.read_text(encoding="utf-8") == "{}"


def test_a_long_error_stays_on_one_line(tmp_path: Path) -> None:
    deep = tmp_path / ("a-folder-with-a-long-name-" * 4) / "an-empty-document-whose-name-is-long-too.txt"
    deep.parent.mkdir(parents=True)
    deep.write_bytes(b"")
    proc = run("extract", deep, "-o", tmp_path / "out")
    assert proc.returncode == 12, proc.stderr
    [line] = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(line) > 200 and str(deep) in line and "EmptyDocumentError" in line
