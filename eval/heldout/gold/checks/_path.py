import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "gold" / "checks"))  # eval/gold/checks/arith.py

from arith import W  # noqa: E402


def X(text: str) -> W:
    """An exact count or score (integers and scores carry no rounding): written as 2 decimals."""
    return W(text if "." in text else text + ".00")
