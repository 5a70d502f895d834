"""Shared fixtures. Tests never read the developer's environment: use ``settings``."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "eval" / "samples"
GOLD = ROOT / "eval" / "gold"


@pytest.fixture
def settings() -> Settings:
    """Offline defaults, independent of EXTRACTOR_* / OPENAI_* in the environment."""
    return Settings.isolated()


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))
