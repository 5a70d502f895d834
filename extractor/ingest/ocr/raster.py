"""Page images: rendering a PDF page, deskewing by projection profile, finding ruled lines.

All functions take and return 8-bit grayscale numpy arrays (0 black, 255 white).

* :func:`render_pdf_page`: pypdfium2 (already installed with pdfplumber) at ``DPI`` dpi,
  grayscale, ≈ 0.1 CPU-s per page.
* :func:`skew_angle`: the angle that makes the rows of ink sharpest. Ink pixels of a
  half-size binarised page are projected on the vertical axis at each candidate angle; the
  text lines of a straight page give the spikiest profile (largest sum of squared bin
  counts). A coarse search over ±``MAX_SKEW`` degrees, then a fine one around the best.
* :func:`rotate`: rotate about the image centre, white fill, same size.
* :func:`ruling`: table lines as thin boxes in pixels — the binarised page opened with long
  horizontal and vertical kernels keeps only strokes longer than any character's; where three
  or more row rules end along one edge that no vertical rule closes (straight, or slanted
  like a turned scan's cut edge), the table's side is drawn in and the short rules meet it.
* :func:`ink_extent`: the tight box of the ink in a box (the engine's text boxes are padded
  by about half a line height; the ruled lines are blanked out first with :func:`without`).
"""

from __future__ import annotations

import math
from typing import Any

import cv2
import numpy as np

__all__ = ["DPI", "MAX_SKEW", "binarise", "ink_extent", "render_pdf_page", "rotate", "ruling", "skew_angle", "without"]

DPI = 200
MAX_SKEW = 3.0
"""Degrees of skew searched either way; a scan tilted more than this is read as it is."""
_COARSE_STEP = 0.2
_FINE_STEP = 0.02
_MIN_SKEW = 0.1
"""Less tilt than this is left alone: 1 pt of drift across a page, less than resampling costs."""
_MIN_RULE_PT = 36.0
"""A horizontal ruled line is at least this long (half an inch: longer than a character)."""
_MIN_VRULE_PT = 18.0
"""A vertical one at least this long (taller than a character, shorter than most rows)."""
_MAX_ROW_PT = 72.0
"""Row rules further apart than this (an inch) are not chained into one table side."""


def render_pdf_page(page: Any, dpi: int = DPI) -> np.ndarray:
    """A pypdfium2 page as a grayscale image at ``dpi``."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    try:
        img = bitmap.to_numpy()
        if img.ndim == 3:
            img = img[:, :, 0]
        return np.ascontiguousarray(img)
    finally:
        bitmap.close()


def binarise(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0 (Otsu's threshold, so grey paper and faint toner both work)."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def _profile_score(ys: np.ndarray, xs: np.ndarray, angles: np.ndarray, height: int) -> np.ndarray:
    scores = np.empty(len(angles))
    for i, a in enumerate(np.deg2rad(angles)):
        proj = ys * np.cos(a) - xs * np.sin(a)
        hist = np.bincount(np.clip(proj, 0, 2 * height - 1).astype(np.int64) + 0, minlength=1)
        scores[i] = float(np.dot(hist, hist))
    return scores


def skew_angle(gray: np.ndarray, max_skew: float = MAX_SKEW) -> float:
    """Degrees to :func:`rotate` the page by to straighten it (0 for a straight page)."""
    small = cv2.resize(gray, (gray.shape[1] // 2, gray.shape[0] // 2), interpolation=cv2.INTER_AREA)
    ink = binarise(small)
    ys, xs = np.nonzero(ink)
    if len(ys) < 200:
        return 0.0
    if len(ys) > 200_000:  # plenty for a sharp profile, and bounded time
        pick = np.random.default_rng(0).choice(len(ys), 200_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    ys = ys.astype(np.float64) + small.shape[1] * np.sin(np.deg2rad(max_skew))  # keep projections ≥ 0
    xs = xs.astype(np.float64)
    coarse = np.arange(-max_skew, max_skew + 1e-9, _COARSE_STEP)
    best = coarse[int(np.argmax(_profile_score(ys, xs, coarse, small.shape[0])))]
    fine = np.arange(best - _COARSE_STEP, best + _COARSE_STEP + 1e-9, _FINE_STEP)
    scores = _profile_score(ys, xs, fine, small.shape[0])
    angle = float(fine[int(np.argmax(scores))])
    return 0.0 if abs(angle) < _MIN_SKEW else angle


def rotation_matrix(shape: tuple[int, ...], angle: float) -> np.ndarray:
    """The 2×3 affine matrix of :func:`rotate` (image pixels to rotated image pixels)."""
    h, w = shape[:2]
    return cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """The image turned by ``angle`` degrees counter-clockwise about its centre, white fill."""
    if angle == 0:
        return gray
    h, w = gray.shape[:2]
    return cv2.warpAffine(
        gray,
        rotation_matrix(gray.shape, angle),
        (w, h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=255,
    )


def ruling(ink: np.ndarray, dpi: float) -> list[tuple[int, int, int, int]]:
    """Horizontal and vertical ruled lines of a binarised page as ``(x0, top, x1, bottom)``
    pixel boxes."""
    out: list[tuple[int, int, int, int]] = []
    for length_pt, horizontal in ((_MIN_RULE_PT, True), (_MIN_VRULE_PT, False)):
        n = max(8, round(length_pt * dpi / 72))
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (n, 1) if horizontal else (1, n))
        lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        # close pinholes and breaks left by noise and JPEG along a line
        bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1) if horizontal else (1, 9))
        lines = cv2.morphologyEx(lines, cv2.MORPH_CLOSE, bridge)
        count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for x, y, w, h, _area in stats[1:count]:
            long, thin = (w, h) if horizontal else (h, w)
            if long >= n and thin <= max(4, long // 20):
                out.append((int(x), int(y), int(x + w), int(y + h)))
    return _frame_edges(out, dpi)


def _chains(rules: list[tuple[int, int, int, int]], side: int, tol: int, dpi: float) -> list[list[int]]:
    """Row rules (indexes, top to bottom) whose ends at ``side`` (0 left, 2 right) follow one
    edge: each end lies within ``tol`` of the end of the rule above it, plus the drift of the
    largest skew over the rows between them (a turned page's edge is slanted once the page is
    deskewed), and no more than ``_MAX_ROW_PT`` below it."""
    slope = math.tan(math.radians(MAX_SKEW))
    reach = _MAX_ROW_PT * dpi / 72
    chains: list[list[int]] = []
    for i in sorted(range(len(rules)), key=lambda k: rules[k][1]):
        r = rules[i]
        fits = [
            c
            for c in chains
            if 0 <= r[1] - rules[c[-1]][1] <= reach
            and abs(r[side] - rules[c[-1]][side]) <= tol + slope * (r[1] - rules[c[-1]][1])
        ]
        if fits:
            min(fits, key=lambda c: abs(r[side] - rules[c[-1]][side])).append(i)
        else:
            chains.append([i])
    return chains


def _frame_edges(rules: list[tuple[int, int, int, int]], dpi: float) -> list[tuple[int, int, int, int]]:
    """``rules`` with the outer sides of a ruled grid that no vertical rule closes (a border
    faded near the paper's edge, or cut by the scan) drawn in, where three or more row rules
    end along one edge (:func:`_chains`). The side is drawn at the outermost end and the row
    rules that end short of it are lengthened to meet it, so every row's cell closes on the
    same side: a cut that drifts across the rows gives one column, not one per few rows."""
    tol = max(3, round(dpi / 36))  # 2 pt
    horizontal = [r for r in rules if r[2] - r[0] > r[3] - r[1]]
    vertical = [r for r in rules if r[3] - r[1] > r[2] - r[0]]
    added: list[tuple[int, int, int, int]] = []
    for side in (0, 2):
        for chain in _chains(horizontal, side, tol, dpi):
            if len(chain) < 3:
                continue
            ends = [horizontal[i][side] for i in chain]
            x = min(ends) if side == 0 else max(ends)
            top, bottom = min(horizontal[i][1] for i in chain), max(horizontal[i][3] for i in chain)
            closed = any(
                min(ends) - tol <= (v[0] + v[2]) / 2 <= max(ends) + tol and v[1] <= top + tol and v[3] >= bottom - tol
                for v in vertical
            )
            # a ruled grid (column rules inside) missing its side, not a table ruled by rows only
            grid = any(min(v[3], bottom) - max(v[1], top) >= (bottom - top) / 2 for v in vertical)
            if grid and not closed:
                added.append((x - 1, top, x + 1, bottom))
                for i in chain:
                    x0, t, x1, b = horizontal[i]
                    horizontal[i] = (x, t, x1, b) if side == 0 else (x0, t, x, b)
    return horizontal + vertical + added


def without(ink: np.ndarray, boxes: list[tuple[int, int, int, int]], pad: int = 1) -> np.ndarray:
    """A copy of ``ink`` with the given boxes (ruled lines) blanked out."""
    out = ink.copy()
    for x0, top, x1, bottom in boxes:
        out[max(0, top - pad) : bottom + pad, max(0, x0 - pad) : x1 + pad] = 0
    return out


def ink_extent(ink: np.ndarray, box: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    """The tight box of the printed line inside a pixel box, or ``None`` when it holds no ink.

    The engine's boxes are padded and, in tightly set wrapped cells, reach into the lines
    above and below; the rows of ink are split where a blank row separates them and the band
    holding the most ink is the line.
    """
    x0, top, x1, bottom = max(0, box[0]), max(0, box[1]), max(0, box[2]), max(0, box[3])
    patch = ink[top:bottom, x0:x1]
    mass = np.count_nonzero(patch, axis=1)
    rows = np.flatnonzero(mass)
    if not len(rows):
        return None
    breaks = np.flatnonzero(np.diff(rows) > 1)
    starts, ends = np.r_[rows[0], rows[breaks + 1]], np.r_[rows[breaks], rows[-1]]
    best = int(np.argmax([mass[s : e + 1].sum() for s, e in zip(starts, ends, strict=True)]))
    r0, r1 = int(starts[best]), int(ends[best])
    cols = np.flatnonzero(patch[r0 : r1 + 1].any(axis=0))
    return (x0 + int(cols[0]), top + r0, x0 + int(cols[-1]) + 1, top + r1 + 1)
