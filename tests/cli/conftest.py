"""Running the installed command line as a user would: a subprocess, stderr not a terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.batch.conftest import docs  # noqa: F401  (the fixture, shared with the batch tests)

EXE = Path(sys.executable).parent / "extractor"


def run(*args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("EXTRACTOR_", "OPENAI_"))}
    return subprocess.run(
        [str(EXE), *map(str, args)], capture_output=True, text=True, env={**clean, **env}, timeout=120
    )
