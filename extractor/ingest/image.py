"""Images (PNG, JPEG, TIFF; a multi-page TIFF is one page per frame), read by OCR.

Each frame becomes one page: converted to 8-bit grayscale, scaled to the OCR resolution
(``raster.DPI``) from the resolution the file declares (:func:`_scale` says when that is
believed), then read like a scanned PDF page into page geometry in points, so evidence
carries ``page`` and ``bbox`` (points: pixels × 72 / the declared dpi; for a frame without a
believable resolution, points of the A4 page it is taken for).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from extractor.document import Document, TextBuilder
from extractor.errors import CorruptDocumentError, DocumentTooLargeError, EmptyDocumentError, NeedsOCRError
from extractor.ingest.ocr import OcrPage, Scans, available
from extractor.settings import Settings

__all__ = ["read_image"]

_MIN_DPI, _MAX_DPI = 50, 1200
_A3_LONG_IN, _A4_LONG_IN = 16.6, 11.7
_MAX_PIXELS = 60_000_000
"""A frame larger than this (a 600 dpi A0 poster) is refused rather than allowed to take the memory."""


def _frames(data: bytes, where: str) -> Iterator[tuple[object, float]]:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = _MAX_PIXELS
    try:
        img = Image.open(io.BytesIO(data))
        img.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise CorruptDocumentError(f"not a readable image: {exc}", path=where) from exc
    for frame in ImageSequence.Iterator(img):
        dpi = frame.info.get("dpi", (0, 0))[0] or 0
        yield frame.convert("L"), float(dpi)


def _scale(width: int, height: int, dpi: float) -> float:
    """The factor that brings a frame to the OCR resolution.

    A declared resolution is believed when it makes a page of at most A3 (a phone's JPEG
    says 72 dpi for a 4000-pixel photo); otherwise the frame is taken for a page whose long
    side is A4's, and only ever shrunk to it.
    """
    from extractor.ingest.ocr import raster

    long_side = max(width, height)
    if _MIN_DPI <= dpi <= _MAX_DPI and long_side / dpi <= _A3_LONG_IN:
        return raster.DPI / dpi
    return min(1.0, _A4_LONG_IN * raster.DPI / long_side)


def _ocr_frame(frame: object, number: int, dpi: float) -> OcrPage:
    import cv2
    import numpy as np

    from extractor.ingest.ocr import ocr_image, raster

    gray: Any = np.asarray(frame, dtype=np.uint8)
    f = _scale(gray.shape[1], gray.shape[0], dpi)
    if abs(f - 1) > 0.05:
        size = (max(1, round(gray.shape[1] * f)), max(1, round(gray.shape[0] * f)))
        gray = cv2.resize(gray, size, interpolation=cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC)
    return ocr_image(gray, number, raster.DPI)


def read_image(data: bytes, name: str, settings: Settings, *, where: str, meta: dict[str, Any]) -> Document:
    if settings.ocr == "never":
        raise NeedsOCRError(
            "an image is read by OCR, and OCR is off (--ocr never / EXTRACTOR_OCR=never)", pages=[1], path=where
        )
    reason = available()
    if reason:
        raise NeedsOCRError(f"an image needs OCR: {reason}", pages=[1], path=where)
    builder, written = TextBuilder(), Scans()
    for number, (frame, dpi) in enumerate(_frames(data, where), start=1):
        if number > settings.max_pages:
            raise DocumentTooLargeError(f"more than {settings.max_pages} frames (EXTRACTOR_MAX_PAGES)", path=where)
        page = _ocr_frame(frame, number, dpi)
        builder.start_page(number)
        written.write(page, builder)
    if not builder.raw_text().strip():
        raise EmptyDocumentError(f"no text: OCR found none on its {len(written.written)} page(s)", path=where)
    return written.finish(builder.build(name, source_format="image", **meta))
