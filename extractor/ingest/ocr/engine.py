"""The OCR engine: RapidOCR (PP-OCRv6 small detection and recognition models, ONNX Runtime).

The models are the ones that ship inside the ``rapidocr`` wheel; they are loaded by path, so
the engine's download-on-first-use path is never reached, and a missing model file is an
error, never a download. ONNX Runtime's telemetry is switched off before it is imported.
One engine per process, one ONNX Runtime thread (parallelism comes from worker processes),
no orientation classifier (it turned ``98%`` into ``%86`` on upright pages).

Measured on real-corpus pages rendered at 200 dpi (``scripts/bench_ocr.py``): detection on
the long side scaled to 1280 px instead of the engine's default (short side ≥ 736 px, so
≈ 2000 px on A4) and recognition one text line at a time (a batch pads every line to the
widest) read every number the same and cost about 35 % less CPU.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.errors import NeedsOCRError

log = logging.getLogger(__name__)

__all__ = ["EXTRA_HINT", "Engine", "TextLine", "engine", "missing"]

EXTRA_HINT = "install the OCR extra: pip install 'extractor[ocr]'"
DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
DET_LONG_SIDE = 1280
TEXT_SCORE = 0.5
"""Lines the recogniser scores below this are dropped (the engine's own default)."""

Quad = tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class TextLine:
    """One recognised run of text: its quad in image pixels and one (char, score, quad) per
    character, or no characters when the engine could not place them."""

    text: str
    quad: Quad
    score: float
    chars: tuple[tuple[str, float, Quad], ...]


def missing() -> str | None:
    """Why OCR cannot run here (the extra is not installed), or ``None`` when it can."""
    import importlib.util

    for module in ("rapidocr", "onnxruntime", "cv2", "numpy"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed; {EXTRA_HINT}"
    return None


def _quad(points: Any) -> Quad:
    return tuple((float(x), float(y)) for x, y in points)


class Engine:
    """A loaded RapidOCR pipeline; call :meth:`read` with a grayscale or BGR image."""

    def __init__(self) -> None:
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        import rapidocr

        models = Path(rapidocr.__file__).resolve().parent / "models"
        for name in (DET_MODEL, REC_MODEL):
            if not (models / name).is_file():
                raise NeedsOCRError(
                    f"the OCR model {name} is not in the installed rapidocr package ({models}); "
                    f"models are never downloaded: {EXTRA_HINT}",
                    pages=[],
                )
        params = {
            "Global.use_cls": False,
            "Global.text_score": TEXT_SCORE,
            "Global.return_word_box": True,
            "Global.return_single_char_box": True,
            "Global.log_level": "error",
            "Global.model_root_dir": str(models),
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            "Det.model_path": str(models / DET_MODEL),
            "Det.limit_type": "max",
            "Det.limit_side_len": DET_LONG_SIDE,
            "Rec.model_path": str(models / REC_MODEL),
            "Rec.rec_batch_num": 1,
        }
        self._ocr = rapidocr.RapidOCR(params=params)
        self._lock = threading.Lock()

    def read(self, image: Any) -> list[TextLine]:
        """The text lines of an image (H×W uint8 grayscale or H×W×3 BGR), in image pixels."""
        import cv2

        if image.ndim == 2:
            image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
        with self._lock:  # one session, one thread: calls from threads queue up
            out: Any = self._ocr(image)
        if getattr(out, "txts", None) is None or getattr(out, "boxes", None) is None:
            return []
        lines: list[TextLine] = []
        words = out.word_results if len(out.word_results) == len(out.txts) else [()] * len(out.txts)
        for text, box, score, chars in zip(out.txts, out.boxes, out.scores, words, strict=True):
            placed = tuple((c, float(s), _quad(q)) for c, s, q in chars if q is not None)
            if "".join(c for c, _, _ in placed) != text.replace(" ", ""):
                placed = ()
            lines.append(TextLine(text=text, quad=_quad(box), score=float(score), chars=placed))
        return lines


_ENGINE: Engine | None = None
_ENGINE_LOCK = threading.Lock()


def engine() -> Engine:
    """This process's engine, loaded on first use (≈ 1 s)."""
    global _ENGINE
    if _ENGINE is None:
        with _ENGINE_LOCK:
            if _ENGINE is None:
                reason = missing()
                if reason:
                    raise NeedsOCRError(f"OCR is not available: {reason}", pages=[])
                _ENGINE = Engine()
    return _ENGINE
