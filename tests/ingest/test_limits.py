"""What an input may expand to (bytes read, unpacked size, XML depth and entities, text length,
pages) and what the system may refuse us (permissions, pipes, devices): each ends in a typed
error that names the file and, for a limit, the setting."""

from __future__ import annotations

import io
import os
import struct
import threading
import zipfile
import zlib
from pathlib import Path

import pytest

from extractor import errors
from extractor.ingest import read, read_bytes
from extractor.settings import Settings

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEAD = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'.encode()
TAIL = b"</w:body></w:document>"
PARAGRAPH = "<w:p><w:r><w:t>一般公共预算财政拨款支出合计358.52万元，其中基本支出311.20万元。</w:t></w:r></w:p>".encode()


CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="word/document.xml"/></Relationships>'
)


def _zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A ZIP of (name, stored bytes, method 0 or 8, CRC-32, size declared) members, written by
    hand so a member's raw deflate stream can be given as it is."""
    local, central = b"", b""
    for name, body, method, crc, declared in members:
        raw = name.encode()
        central += (
            struct.pack(
                "<4sHHHHHHIIIHHHHHII",
                b"PK\x01\x02",
                20,
                20,
                0,
                method,
                0,
                0,
                crc,
                len(body),
                declared,
                len(raw),
                0,
                0,
                0,
                0,
                0,
                len(local),
            )
            + raw
        )
        local += (
            struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, method, 0, 0, crc, len(body), declared, len(raw), 0)
            + raw
            + body
        )
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(local), 0)
    return local + central + end


def docx_bomb(inflated_mb: int = 200, *, declared: int | None = None) -> bytes:
    """A DOCX whose word/document.xml inflates to ``inflated_mb`` MB from well under 1 MB.

    A megabyte of paragraphs is compressed once with a full flush, which makes its compressed
    form repeatable: the bomb is that block many times over (milliseconds, not seconds)."""
    block = PARAGRAPH * ((1 << 20) // len(PARAGRAPH))
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(HEAD) + c.flush(zlib.Z_FULL_FLUSH)
    piece = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.compress(TAIL) + c.flush()
    crc = zlib.crc32(HEAD)
    for _ in range(inflated_mb):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(TAIL, crc)
    size = len(HEAD) + len(block) * inflated_mb + len(TAIL)
    return _zip(
        [
            ("[Content_Types].xml", CONTENT_TYPES, 0, zlib.crc32(CONTENT_TYPES), len(CONTENT_TYPES)),
            ("_rels/.rels", RELS, 0, zlib.crc32(RELS), len(RELS)),
            ("word/document.xml", head + piece * inflated_mb + tail, 8, crc, size if declared is None else declared),
        ]
    )


def test_a_docx_bomb_is_refused_before_it_inflates(settings: Settings) -> None:
    bomb = docx_bomb(200)
    assert len(bomb) < 1_000_000
    with pytest.raises(errors.DocumentTooLargeError) as info:
        read_bytes(bomb, "bomb.docx", settings)
    assert info.value.context["limit"] == "max_unpacked_mb"
    assert "bomb.docx" in info.value.one_line() and "EXTRACTOR_MAX_UNPACKED_MB" in info.value.one_line()


def test_a_bomb_that_lies_about_its_size_is_cut_at_the_size_it_states(settings: Settings) -> None:
    liar = docx_bomb(200, declared=4096)  # the directory says 4 kB
    with pytest.raises(errors.CorruptDocumentError) as info:
        read_bytes(liar, "liar.docx", settings)
    assert "liar.docx" in info.value.one_line()


def test_the_unpacked_budget_is_counted_while_reading(settings: Settings) -> None:
    honest = docx_bomb(3)  # 3 MB of real paragraphs
    assert read_bytes(honest, "three.docx", Settings.isolated(max_text_chars=10_000_000)).text
    with pytest.raises(errors.DocumentTooLargeError) as info:
        read_bytes(honest, "three.docx", Settings.isolated(max_unpacked_mb=2))
    assert info.value.context["limit"] == "max_unpacked_mb"


def test_docx_text_past_the_limit_stops_the_reading(settings: Settings) -> None:
    with pytest.raises(errors.DocumentTooLargeError) as info:
        read_bytes(docx_bomb(3), "long.docx", Settings.isolated(max_text_chars=100_000))
    assert info.value.context["limit"] == "max_text_chars"


def _docx(xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def test_deep_xml_is_refused(settings: Settings) -> None:
    deep = HEAD + b"<w:tbl><w:tr><w:tc>" * 40 + PARAGRAPH + b"</w:tc></w:tr></w:tbl>" * 40 + TAIL
    with pytest.raises(errors.DocumentTooLargeError) as info:
        read_bytes(_docx(deep), "deep.docx", settings)  # 3 × 40 levels, over the default 100
    assert info.value.context["limit"] == "max_xml_depth"
    assert read_bytes(_docx(deep), "deep.docx", Settings.isolated(max_xml_depth=200)).tables()


@pytest.mark.parametrize(
    "dtd",
    [
        b'<!DOCTYPE w:document [<!ENTITY a "1234567890"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
        b'<!DOCTYPE w:document [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    ],
)
def test_entities_are_never_expanded(settings: Settings, dtd: bytes) -> None:
    xml = HEAD.replace(b"?>", b"?>" + dtd, 1) + b"<w:p><w:r><w:t>&d;&e;</w:t></w:r></w:p>" + TAIL
    with pytest.raises(errors.CorruptDocumentError) as info:
        read_bytes(_docx(xml), "laughs.docx", settings)
    assert "DTD" in info.value.message


def test_text_past_the_limit_is_refused(settings: Settings) -> None:
    text = ("支出合计358.52万元。\n" * 2000).encode("utf-8")
    with pytest.raises(errors.DocumentTooLargeError) as info:
        read_bytes(text, "long.txt", Settings.isolated(max_text_chars=10_000))
    assert info.value.context["limit"] == "max_text_chars"
    with pytest.raises(errors.DocumentTooLargeError):  # known from the byte count, before decoding
        read_bytes(text * 4, "longer.txt", Settings.isolated(max_text_chars=10_000))
    assert read_bytes(text, "long.txt", settings).text


def test_defaults_bound_a_document() -> None:
    s = Settings.isolated()
    assert s.max_text_chars <= 10_000_000 and s.max_unpacked_mb <= 200 and s.max_xml_depth <= 250


def test_a_device_that_never_ends_is_read_within_the_limit() -> None:
    with pytest.raises(errors.DocumentTooLargeError) as info:
        read("/dev/zero", Settings.isolated(max_file_mb=1))
    assert "/dev/zero" in info.value.one_line()


def _fifo(tmp_path: Path, payload: bytes) -> tuple[Path, threading.Thread]:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)

    def feed() -> None:
        try:
            with path.open("wb") as f:
                f.write(payload)
        except BrokenPipeError:
            pass  # the reader stopped at its limit

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    return path, writer


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pipe_is_read_and_bounded(tmp_path: Path) -> None:
    path, writer = _fifo(tmp_path, "2023年度收入合计93.93万元。\n".encode())
    assert "93.93" in read(path, Settings.isolated()).text
    writer.join(5)
    path.unlink()
    path, writer = _fifo(tmp_path, b"a" * 3 * 1024 * 1024)
    with pytest.raises(errors.DocumentTooLargeError):
        read(path, Settings.isolated(max_file_mb=1))
    writer.join(5)


def test_missing_and_unreadable_files_are_unreadable_not_bugs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    with pytest.raises(errors.UnreadableFileError) as info:
        read(tmp_path / "gone.pdf", settings)
    assert "gone.pdf" in info.value.one_line()
    locked = tmp_path / "locked.txt"
    locked.write_text("支出合计1万元", encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(errors.UnreadableFileError) as info:
        read(locked, settings)
    assert "locked.txt" in info.value.one_line() and info.value.exit_code == 18


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files without permission")
def test_a_file_without_read_permission(tmp_path: Path, settings: Settings) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("支出合计1万元", encoding="utf-8")
    locked.chmod(0)
    with pytest.raises(errors.UnreadableFileError):
        read(locked, settings)


def test_a_pdf_page_without_a_mediabox_is_read_at_the_default_size(fixtures_dir: Path, settings: Settings) -> None:
    # no MediaBox anywhere (a required key): pdfium, like a viewer, lays the page out on US
    # Letter instead of failing the document (pdfplumber's page tree broke on it, exit 70)
    broken = (fixtures_dir / "text.pdf").read_bytes().replace(b"/MediaBox", b"/MediaBux")
    broken = broken.replace(b"/Parent", b"/Parenx")  # nothing to inherit a MediaBox from
    doc = read_bytes(broken, "nobox.pdf", settings)
    at = doc.text.index("93.93")
    box = doc.bbox(at, at + 5)
    assert box is not None and 0 < box[0] < box[2] < 612 and 0 < box[1] < box[3] < 792
