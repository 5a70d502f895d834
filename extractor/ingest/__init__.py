"""Ingest: turn a file (path or bytes) into a normalised :class:`~extractor.document.Document`.

The format is decided from the content first (PDF and ZIP signatures) and the file name
second, so a PDF saved as ``.txt`` is still read as a PDF and a binary named ``.txt`` is
refused with :class:`~extractor.errors.UnsupportedFormatError`.

Every input is bounded by the limits in :class:`~extractor.settings.Settings`: bytes read
(a path is read at most ``max_file_mb`` + 1 byte, so a pipe or ``/dev/zero`` is refused, not
swallowed), pages (PDF), what a package unpacks to and how deep its XML nests (DOCX), and the
length of the text once decoded; each refusal is a
:class:`~extractor.errors.DocumentTooLargeError` naming the file and the setting. A file the
system will not give us is an :class:`~extractor.errors.UnreadableFileError`.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from extractor.document import Document
from extractor.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from extractor.ingest.limits import check_text, too_many_bytes
from extractor.settings import Settings, from_env

__all__ = ["IMAGE_SUFFIXES", "SUPPORTED_SUFFIXES", "read", "read_bytes", "sniff_format"]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
"""Read by OCR (:mod:`extractor.ingest.image`), like a scanned PDF page."""
SUPPORTED_SUFFIXES = (".txt", ".md", ".text", ".docx", ".pdf", *IMAGE_SUFFIXES)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def sniff_format(data: bytes, name: str, where: str | None = None) -> str:
    """``pdf``, ``docx``, ``image`` or ``txt`` from the bytes, falling back on the suffix."""
    suffix = Path(name).suffix.lower()
    where = where or name
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(_IMAGE_MAGIC):
        return "image"
    if data[:4] == b"PK\x03\x04":
        if suffix in (".docx", "") or b"word/" in data[:65536]:
            return "docx"
        raise UnsupportedFormatError(f"a ZIP archive that is not a Word document ({suffix or 'no suffix'})", path=where)
    if data[:8] == _OLE_MAGIC:
        if suffix == ".docx":
            raise EncryptedDocumentError("password-protected Word document (encrypted OOXML)", path=where)
        raise UnsupportedFormatError(
            f"legacy binary Office file ({suffix or 'no suffix'}); save it as .docx or .pdf", path=where
        )
    if suffix in (".pdf", ".docx"):
        return suffix[1:]
    if suffix in IMAGE_SUFFIXES:
        raise CorruptDocumentError(f"not a readable image: no {suffix} signature", path=where)
    if suffix in (".txt", ".md", ".text", ""):
        return "txt"
    raise UnsupportedFormatError(
        f"unsupported file type {suffix!r}; supported: {', '.join(SUPPORTED_SUFFIXES)}", path=where
    )


def read_bytes(data: bytes, name: str, settings: Settings | None = None, *, path: str | None = None) -> Document:
    """Read a document from bytes; ``name`` gives the file name (and suffix)."""
    settings = settings or from_env()
    where = path or name
    if not data:
        raise EmptyDocumentError("empty file (0 bytes)", path=where)
    if len(data) > int(settings.max_file_mb * 1024 * 1024):
        raise too_many_bytes(len(data), settings, where)
    fmt = sniff_format(data, name, where)
    meta = {"sha256": hashlib.sha256(data).hexdigest(), "size_bytes": len(data)}
    if fmt == "pdf":
        from extractor.ingest.pdf import read_pdf

        doc = read_pdf(data, Path(name).name, settings, where=where, meta=meta)
    elif fmt == "image":
        from extractor.ingest.image import read_image

        doc = read_image(data, Path(name).name, settings, where=where, meta=meta)
    elif fmt == "docx":
        from extractor.ingest.docx import read_docx

        doc = read_docx(data, Path(name).name, settings, where=where, meta=meta)
    else:
        from extractor.ingest.txt import read_txt

        doc = read_txt(data, Path(name).name, settings, where=where, meta=meta)
    check_text(len(doc.text), settings, where)
    if not doc.text.strip():
        raise EmptyDocumentError("no text in the document", path=where)
    return doc


def read(path: str | Path, settings: Settings | None = None) -> Document:
    """Read a document from a path (a regular file, or a pipe or device, read within the byte limit)."""
    p = Path(path)
    settings = settings or from_env()
    limit = int(settings.max_file_mb * 1024 * 1024)
    try:
        if p.is_dir():
            raise UnsupportedFormatError("is a directory, not a document", path=p)
        with p.open("rb") as f:
            size = os.fstat(f.fileno()).st_size  # 0 for pipes and devices: the bounded read decides
            if size > limit:
                raise too_many_bytes(size, settings, p)
            data = f.read(limit + 1)
    except FileNotFoundError as exc:
        raise UnreadableFileError("no such file", path=p) from exc
    except PermissionError as exc:
        raise UnreadableFileError("permission denied: the file cannot be read by this user", path=p) from exc
    except OSError as exc:
        raise UnreadableFileError(f"cannot be read: {exc.strerror or exc}", path=p, errno=exc.errno) from exc
    if len(data) > limit:
        raise too_many_bytes(None, settings, p)
    return read_bytes(data, p.name, settings, path=str(p))
