"""OCR end to end on a few real-corpus pages: a scanned twin of a one-page table, a PNG crop of
a prose page, the network blocked, and the extra missing.

CI's OCR work is kept to two page images (≈ 10 CPU-s in all): the scanned PDF and the PNG
are generated once per session from a labelled real file by ``scripts/make_scans.py``.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from extractor import errors
from extractor.ingest import read, read_bytes
from extractor.numbers import find_numbers, number_in_quote
from extractor.pipeline import extract
from extractor.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "eval" / "real" / "docs"
TABLE_PAGE = (REAL / "wuxi-2.pdf", 13)  # a classified spending table, 18 facts from its text layer
PROSE_PAGE = (REAL / "huzhou-2.pdf", 6)  # prose with figures
ANGLE = 0.8

needs_ocr = pytest.mark.skipif(importlib.util.find_spec("rapidocr") is None, reason="the ocr extra is not installed")


def _make_scans():
    spec = importlib.util.spec_from_file_location("make_scans", ROOT / "scripts" / "make_scans.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _one_page(path: Path, index: int) -> bytes:
    import pypdfium2

    src, dst = pypdfium2.PdfDocument(path), pypdfium2.PdfDocument.new()
    try:
        dst.import_pages(src, [index])
        import io

        buf = io.BytesIO()
        dst.save(buf)
        return buf.getvalue()
    finally:
        dst.close()
        src.close()


@pytest.fixture(scope="module")
def table_twins(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    """(text-layer page, its scanned twin turned by ANGLE degrees with noise and JPEG)."""
    text = _one_page(*TABLE_PAGE)
    return text, _make_scans().scan_pdf(text, seed=7, angle=ANGLE)


@pytest.fixture(scope="module")
def prose_png(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A PNG of the top of a prose page at 200 dpi, and the numbers its text layer writes there."""
    import cv2
    import pdfplumber

    ms = _make_scans()
    pdf = _one_page(*PROSE_PAGE)
    crop = ms.render_pages(pdf, [0])[0][:900]
    path = tmp_path_factory.mktemp("png") / "page.png"
    cv2.imwrite(str(path), crop)
    with pdfplumber.open(PROSE_PAGE[0]) as doc:
        page = doc.pages[PROSE_PAGE[1]].crop((0, 0, doc.pages[PROSE_PAGE[1]].width, 900 * 72 / 200))
        text = page.extract_text() or ""
    return path, sorted(n.text for n in find_numbers(text))


@needs_ocr
def test_a_scanned_table_gives_the_facts_of_its_text_twin_where_the_scan_shows_them(
    table_twins: tuple[bytes, bytes],
) -> None:
    text_pdf, scan_pdf = table_twins
    settings = Settings.isolated()
    text = extract(text_pdf, filename="text.pdf", settings=settings)
    scan = extract(scan_pdf, filename="scan.pdf", settings=settings)
    key = lambda f: (f.concept, f.measure, f.period, f.scope, f.label, f.value)  # noqa: E731
    assert len(text.facts) >= 15
    assert sorted(map(key, scan.facts)) == sorted(map(key, text.facts))
    assert scan.provenance.source.format == "pdf" and scan.provenance.ocr is not None
    assert scan.provenance.ocr.pages[1] > 0.9
    twin = {key(f): f for f in text.facts}
    w, h = 842.04, 595.44  # points of the landscape page
    a = math.radians(ANGLE)
    for f in scan.facts:
        ev = f.evidence
        assert ev.page == 1 and ev.bbox is not None and ev.confidence is not None
        # the box is where the scan shows the figure: its text twin's box turned by ANGLE
        tb = twin[key(f)].evidence.bbox
        assert tb is not None
        cx, cy = (tb[0] + tb[2]) / 2 - w / 2, (tb[1] + tb[3]) / 2 - h / 2
        x, y = math.cos(a) * cx + math.sin(a) * cy + w / 2, -math.sin(a) * cx + math.cos(a) * cy + h / 2
        assert abs((ev.bbox[0] + ev.bbox[2]) / 2 - x) < 2.5 and abs((ev.bbox[1] + ev.bbox[3]) / 2 - y) < 1.5


@needs_ocr
def test_never_leaves_a_scan_unread_and_says_how_to_change_it(table_twins: tuple[bytes, bytes]) -> None:
    with pytest.raises(errors.NeedsOCRError, match="--ocr never"):
        read_bytes(table_twins[1], "scan.pdf", Settings.isolated(ocr="never"))


@needs_ocr
def test_always_reads_a_text_pdf_by_ocr() -> None:
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(300, 60))
    c.setFont("Helvetica", 12)
    c.drawString(20, 25, "Total 2,404.17")
    c.save()
    doc = read_bytes(buf.getvalue(), "text.pdf", Settings.isolated(ocr="always"))
    assert doc.ocr_pages.keys() == {1} and "2,404.17" in doc.text
    assert doc.confidence_of(doc.text.index("2,404.17"), doc.text.index("2,404.17") + 8) is not None
    assert read_bytes(buf.getvalue(), "text.pdf", Settings.isolated()).ocr_pages == {}  # auto: the text layer


@needs_ocr
def test_a_png_page_is_read_with_every_number_of_its_text_layer(prose_png: tuple[Path, list[str]]) -> None:
    path, numbers = prose_png
    doc = read(path, Settings.isolated())
    assert doc.source_format == "image" and doc.pages == 1
    assert sorted(n.text for n in find_numbers(doc.text)) == numbers
    m = find_numbers(doc.text)[0]
    box = doc.bbox(m.start, m.end)
    assert box is not None and 0 <= box[0] < box[2] <= 1654 * 72 / 200 and 0 <= box[1] < box[3] <= 900 * 72 / 200


_GUARD = r"""
import os, socket, sys
attempts = []
def blocked(*args, **kwargs):
    attempts.append(args)
    raise OSError("network blocked by the test")
socket.socket.connect = blocked
socket.socket.connect_ex = blocked
socket.create_connection = blocked
socket.getaddrinfo = blocked
from extractor.cli import main
try:
    main()
finally:
    print(f"attempts={len(attempts)} telemetry_off={os.environ.get('ORT_DISABLE_TELEMETRY')}", file=sys.stderr)
"""


@needs_ocr
def test_extract_page_png_with_the_network_blocked(prose_png: tuple[Path, list[str]], tmp_path: Path) -> None:
    """``extractor extract page.png``: grounded results with page, bbox and confidence; no
    connection attempted (no model download, no telemetry) and nothing written anywhere."""
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EXTRACTOR_", "OPENAI_", "ORT_", "XDG_"))}
    env.update(HOME=str(home), PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run(
        [sys.executable, "-c", _GUARD, "extract", str(prose_png[0]), "-q"],
        capture_output=True,
        text=True,
        env=env,
        cwd=work,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "attempts=0 telemetry_off=1" in proc.stderr
    assert not list(home.rglob("*")) and not list(work.rglob("*"))  # no model fetched, no device id, no cache
    result = json.loads(proc.stdout)
    assert result["provenance"]["source"]["format"] == "image" and result["provenance"]["ocr"]["pages"]
    assert result["facts"]
    for fact in result["facts"]:
        ev = fact["evidence"]
        assert ev["page"] == 1 and len(ev["bbox"]) == 4 and 0 < ev["confidence"] <= 1
        assert number_in_quote(Decimal(str(fact["value"])), ev["quote"])


def test_without_the_extra_a_scan_says_how_to_install_it(
    fixtures_dir: Path, prose_png_bytes: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "rapidocr" else real(name, *a))
    with pytest.raises(errors.NeedsOCRError, match=r"pip install 'extractor\[ocr\]'") as info:
        read(fixtures_dir / "scan.pdf", Settings.isolated())
    assert info.value.pages == [1] and info.value.exit_code == 16
    with pytest.raises(errors.NeedsOCRError, match=r"pip install 'extractor\[ocr\]'"):
        read_bytes(prose_png_bytes, "page.png", Settings.isolated())


@pytest.fixture
def prose_png_bytes() -> bytes:
    """A tiny valid PNG (refused before it is decoded when OCR is missing)."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (8, 8), 255).save(buf, format="PNG")
    return buf.getvalue()
