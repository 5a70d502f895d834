"""The package runs on its runtime dependencies alone: nothing in the ``dev`` extra is needed.

The test servers (starlette, uvicorn), the test tools and the linters are installed in the
development environment, so a stray import of one of them would pass every other test. This
one hides every package of the ``dev`` extra and imports every module of ``extractor``, then
runs one extraction, in a fresh interpreter.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_PROBE = """
import importlib, importlib.abc, pkgutil, sys
hidden = set(sys.argv[1].split(","))

class Hide(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in hidden:
            raise ModuleNotFoundError(f"No module named {name!r} (dev-only)", name=name)
        return None

sys.meta_path.insert(0, Hide())
import extractor
for info in pkgutil.walk_packages(extractor.__path__, "extractor."):
    importlib.import_module(info.name)
from extractor import Settings, extract
result = extract(sys.argv[2], backend="rules", settings=Settings.isolated())
leaked = sorted(name for name in sys.modules if name.split(".")[0] in hidden)
print(len(result.facts), leaked)
"""


def _dev_only_modules() -> set[str]:
    """Top-level import names of the ``dev`` extra's distributions (``import-linter`` → ``importlinter``)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {re.split(r"[<>=!~\[; ]", d)[0].lower() for d in project["dependencies"]}
    dev = {re.split(r"[<>=!~\[; ]", d)[0].lower() for d in project["optional-dependencies"]["dev"]} - runtime
    dev = {d.replace("_", "-") for d in dev}
    return {
        module
        for module, dists in packages_distributions().items()
        if {d.lower().replace("_", "-") for d in dists} & dev
    }


def test_the_test_servers_are_dev_only() -> None:
    hidden = _dev_only_modules()
    assert {"starlette", "uvicorn", "pytest"} <= hidden


def test_every_module_imports_and_extract_runs_without_the_dev_extra(sample_paths: list[Path]) -> None:
    hidden = _dev_only_modules()
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, ",".join(sorted(hidden)), str(sample_paths[0])],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    facts, leaked = out.stdout.split(maxsplit=1)
    assert int(facts) > 0
    assert leaked.strip() == "[]"
