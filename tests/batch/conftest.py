"""Small documents for batch tests: real enough to give facts, short enough to be quick."""

from __future__ import annotations

from pathlib import Path

import pytest

TEXT = (
    "2023年度部门决算说明\n"
    "一、收入支出决算总体情况\n"
    "2023年度收入总计{total}万元，支出总计{total}万元。其中基本支出{basic}万元，项目支出{project}万元。\n"
)


def write_doc(path: Path, i: int = 0) -> Path:
    """A short report whose figures depend on ``i`` (so each file has its own content)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    basic, project = 100 + i, 50 + i
    path.write_text(
        TEXT.format(total=f"{basic + project:.2f}", basic=f"{basic:.2f}", project=f"{project:.2f}"), encoding="utf-8"
    )
    return path


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """``in/`` with six documents, two of them in a subfolder."""
    src = tmp_path / "in"
    for i in range(4):
        write_doc(src / f"doc{i}.txt", i)
    for i in range(4, 6):
        write_doc(src / "sub" / f"doc{i}.txt", i)
    return src
