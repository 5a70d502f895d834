#!/usr/bin/env python3
"""Scanned twins of text PDFs: every page rendered, degraded like a copier's scan, and saved
as an image-only PDF of the same page size (no text layer), so OCR can be scored against the
gold of the text-layer original.

    .venv/bin/python scripts/make_scans.py OUT_DIR eval/real/docs/A.pdf [B.pdf ...] [--clean] [--seed N]

Degradation per page (seeded, so a twin is the same every time): rotation by 0.3–1.2° either
way, Gaussian noise (σ 6–12 grey levels), a slight blur, JPEG at quality 55–75, then the
page saved as JPEG inside the PDF at 200 dpi. ``--clean`` renders without any degradation.
Tests call :func:`scan_pdf` and :func:`degrade` to make their own small scans.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DPI = 200


def degrade(gray: Any, rng: Any, *, angle: float | None = None) -> Any:
    """A copier's scan of a clean grayscale page: turned, noisy, soft and JPEG-compressed."""
    import cv2
    import numpy as np

    if angle is None:
        angle = float(rng.uniform(0.3, 1.2) * rng.choice([-1, 1]))
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    img = cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    img = cv2.GaussianBlur(img, (3, 3), 0.6)
    noise = rng.normal(0, rng.uniform(6, 12), img.shape)
    img = np.clip(img.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    ok, jpeg = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(55, 76))])
    assert ok
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)


def render_pages(pdf: bytes, pages: list[int] | None = None, dpi: int = DPI) -> list[Any]:
    """Grayscale images of the given pages (0-based; all when ``None``)."""
    import numpy as np
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        out = []
        for i in pages if pages is not None else range(len(doc)):
            bitmap = doc[i].render(scale=dpi / 72, grayscale=True)
            img = bitmap.to_numpy()
            out.append(np.ascontiguousarray(img[:, :, 0] if img.ndim == 3 else img))
        return out
    finally:
        doc.close()


def images_to_pdf(images: list[Any], dpi: int = DPI) -> bytes:
    """An image-only PDF, one JPEG page per image, pages sized at ``dpi``."""
    from PIL import Image

    frames = [Image.fromarray(img) for img in images]
    buf = io.BytesIO()
    frames[0].save(buf, format="PDF", resolution=float(dpi), save_all=True, append_images=frames[1:], quality=85)
    return buf.getvalue()


def scan_pdf(
    pdf: bytes, pages: list[int] | None = None, *, seed: int = 0, clean: bool = False, angle: float | None = None
) -> bytes:
    """The scanned twin of a text PDF (the given 0-based pages, or all)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    images = render_pages(pdf, pages)
    if not clean:
        images = [degrade(img, rng, angle=angle) for img in images]
    return images_to_pdf(images)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("pdfs", type=Path, nargs="+")
    ap.add_argument("--clean", action="store_true", help="render only, no degradation")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for i, src in enumerate(args.pdfs):
        data = scan_pdf(src.read_bytes(), seed=args.seed + i, clean=args.clean)
        (args.out / src.name).write_bytes(data)
        print(f"{src} → {args.out / src.name} ({len(data) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
