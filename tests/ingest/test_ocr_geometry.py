"""OCR page geometry without the engine: deskew, ruled lines, runs, the map back to the scan,
and an image's resolution (fast: no model is loaded)."""

from __future__ import annotations

import itertools
import math

import pytest

np = pytest.importorskip("numpy")
cv2 = pytest.importorskip("cv2")

from extractor.document import TextBuilder  # noqa: E402
from extractor.geometry import Page, Word  # noqa: E402
from extractor.ingest.image import _scale  # noqa: E402
from extractor.ingest.ocr import OcrPage, Scans, _level, _rotate_box, _words, raster  # noqa: E402
from extractor.ingest.ocr.engine import TextLine  # noqa: E402


def _page_of_lines(width: int = 1400, height: int = 1000) -> np.ndarray:
    """Text-like rows of dark blobs with word gaps, and a ruled box: a page's ink pattern."""
    img = np.full((height, width), 255, np.uint8)
    rng = np.random.default_rng(1)
    for y in range(120, 600, 48):
        x = 100
        while x < width - 200:
            w = int(rng.integers(20, 36))
            cv2.rectangle(img, (x, y), (x + w, y + 26), 0, -1)
            x += w + int(rng.integers(6, 30))
    cv2.rectangle(img, (100, 650), (1300, 900), 0, 2)  # a table's frame
    cv2.line(img, (100, 720), (1300, 720), 0, 2)  # a row rule
    cv2.line(img, (600, 650), (600, 900), 0, 2)  # a column rule
    return img


@pytest.mark.parametrize("angle", [0.0, 0.3, -0.7, 1.2, -2.4])
def test_projection_profile_recovers_the_skew(angle: float) -> None:
    tilted = raster.rotate(_page_of_lines(), angle)
    found = raster.skew_angle(tilted)
    assert abs(found + angle) <= 0.1  # rotating by the found angle straightens the page


def test_ruled_lines_are_found_and_character_strokes_are_not() -> None:
    page = _page_of_lines()
    rules = raster.ruling(raster.binarise(page), 200)
    horizontal = [r for r in rules if r[2] - r[0] > r[3] - r[1]]
    vertical = [r for r in rules if r[3] - r[1] > r[2] - r[0]]
    assert len(horizontal) == 3 and len(vertical) == 3  # frame top/bottom + row; frame sides + column
    assert all(r[1] >= 640 for r in rules)  # nothing from the rows of "characters" above the table
    assert any(abs(r[1] - 719) <= 3 and r[2] - r[0] > 1100 for r in horizontal)


def test_ink_extent_shrinks_a_padded_box_to_its_ink() -> None:
    img = np.full((100, 200), 255, np.uint8)
    cv2.rectangle(img, (40, 30), (120, 50), 0, -1)
    assert raster.ink_extent(raster.binarise(img), (20, 10, 160, 80)) == (40, 30, 121, 51)
    assert raster.ink_extent(raster.binarise(img), (150, 60, 190, 90)) is None


def _line(text: str, xs: list[float], top: float = 100.0, score: float = 0.99) -> TextLine:
    chars = tuple(
        (c, score, ((x, top), (x + 10, top), (x + 10, top + 30), (x, top + 30)))
        for c, x in zip(text.replace(" ", ""), xs, strict=True)
    )
    return TextLine(
        text=text,
        quad=((xs[0], top), (xs[-1] + 10, top), (xs[-1] + 10, top + 30), (xs[0], top + 30)),
        score=score,
        chars=chars,
    )


def test_runs_follow_the_engines_spacing_and_close_estimated_gaps() -> None:
    # "77.76" with a wide gap between the estimated boxes of the two 7s: still one run, no gap
    runs = _words(_line("77.76", [0, 30, 40, 50, 60]), scale=1.0)
    assert [r[0] for r in runs] == ["77.76"]
    boxes = runs[0][1]
    assert all(a[2] >= b[0] for a, b in itertools.pairwise(boxes))
    # a space the engine read splits the run
    assert [r[0] for r in _words(_line("公开 05表", [0, 10, 40, 50, 60]), scale=1.0)] == ["公开", "05表"]


def test_runs_of_one_printed_line_share_top_and_bottom() -> None:
    label = ("合计", [(0.0, 100.0, 10.0, 120.0), (10.0, 100.0, 20.0, 120.0)], [1.0, 1.0])
    number = ("3.5", [(50.0, 103.0, 55.0, 118.0)] * 3, [1.0] * 3)
    below = ("下一行", [(0.0, 130.0, 10.0, 150.0)] * 3, [1.0] * 3)
    levelled = _level([label, number, below])
    assert {b[1] for b in levelled[0][1] + levelled[1][1]} == {100.0}
    assert {b[3] for b in levelled[0][1] + levelled[1][1]} == {120.0}
    assert levelled[2][1][0][1] == 130.0


def test_boxes_map_back_through_the_deskew() -> None:
    shape, angle, scale = (2000, 1400), 1.0, 200 / 72
    forward = raster.rotation_matrix(shape, angle)
    inverse = cv2.invertAffineTransform(forward).tolist()
    on_scan = (300.0, 500.0, 340.0, 512.0)  # points
    cx, cy = (on_scan[0] + on_scan[2]) / 2 * scale, (on_scan[1] + on_scan[3]) / 2 * scale
    sx = forward[0][0] * cx + forward[0][1] * cy + forward[0][2]
    sy = forward[1][0] * cx + forward[1][1] * cy + forward[1][2]
    straight = (sx / scale - 20, sy / scale - 6, sx / scale + 20, sy / scale + 6)
    back = _rotate_box(straight, inverse, scale)
    assert math.isclose((back[0] + back[2]) / 2, 320.0, abs_tol=0.01)
    assert math.isclose((back[1] + back[3]) / 2, 506.0, abs_tol=0.01)


def test_layout_on_the_straight_page_then_boxes_and_confidence_from_the_scan() -> None:
    words = (Word("合计", (10.0, 10.0, 30.0, 20.0), ((10.0, 10.0, 20.0, 20.0), (20.0, 10.0, 30.0, 20.0))),)
    originals = {tuple(float(v) for v in b): (tuple(v + 1 for v in b), 0.5) for b in words[0].chars}
    ocr = OcrPage(
        page=Page(number=1, width=100, height=100, words=words, source="ocr"),
        angle=1.0,
        confidence=0.5,
        originals=originals,
    )
    builder, scans = TextBuilder(), Scans()
    builder.start_page(1)
    scans.write(ocr, builder)
    doc = scans.finish(builder.build("x"))
    assert doc.ocr_pages == {1: 0.5}
    assert doc.text.strip() == "合计"
    assert doc.bbox(0, 2) == (11.0, 11.0, 31.0, 21.0)
    assert doc.confidence_of(0, 2) == 0.5


def test_an_image_resolution_is_believed_only_for_a_page_sized_image() -> None:
    assert _scale(1654, 2339, 200) == 1.0  # A4 at 200 dpi
    assert math.isclose(_scale(2480, 3508, 300), 200 / 300)  # A4 at 300 dpi
    assert math.isclose(_scale(3000, 4000, 72), 11.7 * 200 / 4000)  # a phone photo "at 72 dpi"
    assert _scale(800, 300, 0) == 1.0  # a small crop without a resolution: as it is


class _FakeEngine:
    """Engine output as RapidOCR gives it: each line's box and its characters' boxes padded
    by a third of the line height above and below the ink."""

    def __init__(self, lines: list[tuple[str, int, int, int]]) -> None:
        self.lines = lines

    def read(self, image: np.ndarray) -> list[TextLine]:
        out = []
        for text, x0, top, height in self.lines:
            pad, w = height // 3, height
            chars = tuple(
                (
                    c,
                    0.99,
                    (
                        (x0 + i * w, top - pad),
                        (x0 + (i + 1) * w, top - pad),
                        (x0 + (i + 1) * w, top + height + pad),
                        (x0 + i * w, top + height + pad),
                    ),
                )
                for i, c in enumerate(text)
            )
            quad = (chars[0][2][0], chars[-1][2][1], chars[-1][2][2], chars[0][2][3])
            out.append(TextLine(text=text, quad=quad, score=0.99, chars=chars))
        return out


def test_a_paragraph_read_by_ocr_keeps_its_lines_together_and_evidence_keeps_the_ink(monkeypatch) -> None:
    # three lines of 14.4 pt characters at a pitch of 29 pt, set like a report's body text
    # (a text layer's 16 pt em boxes leave 13 pt between lines: 0.8 em, one paragraph)
    from extractor.ingest.ocr import engine as engine_module
    from extractor.ingest.ocr import ocr_image

    height, pitch, img = 40, 81, np.full((1000, 1400), 255, np.uint8)
    lines = [
        ("一二三四五六七八九十一二三", 100, 200, height),
        ("一二三四五六七八九十一二三", 100, 200 + pitch, height),
        ("一二三", 100, 200 + 2 * pitch, height),
    ]
    for text, x0, top, h in lines:
        for i in range(len(text)):
            cv2.rectangle(img, (x0 + i * h + 3, top), (x0 + (i + 1) * h - 3, top + h - 1), 0, -1)
    monkeypatch.setattr(engine_module, "engine", lambda: _FakeEngine(lines))
    ocr = ocr_image(img, 1, 200)
    builder, scans = TextBuilder(), Scans()
    builder.start_page(1)
    scans.write(ocr, builder)
    doc = scans.finish(builder.build("x"))
    assert doc.text.strip() == "".join(t for t, *_ in lines)  # one paragraph, not three
    box = doc.bbox(0, 1)
    assert box is not None and math.isclose(box[3] - box[1], height * 72 / 200, abs_tol=0.5)  # the ink's height
