"""Ingest: turn a file (path or bytes) into a normalised :class:`~extractor.document.Document`.

The format is decided from the content first (PDF and ZIP signatures) and the file name
second, so a PDF saved as ``.txt`` is still read as a PDF and a binary named ``.txt`` is
refused with :class:`~extractor.errors.UnsupportedFormatError`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from extractor.document import Document
from extractor.errors import (
    DocumentTooLargeError,
    EmptyDocumentError,
    EncryptedDocumentError,
    UnsupportedFormatError,
)
from extractor.settings import Settings

__all__ = ["SUPPORTED_SUFFIXES", "read", "read_bytes", "sniff_format"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".text", ".docx", ".pdf")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(data: bytes, name: str, where: str | None = None) -> str:
    """``pdf``, ``docx`` or ``txt`` from the bytes, falling back on the suffix."""
    suffix = Path(name).suffix.lower()
    where = where or name
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
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
    if suffix in (".txt", ".md", ".text", ""):
        return "txt"
    raise UnsupportedFormatError(
        f"unsupported file type {suffix!r}; supported: {', '.join(SUPPORTED_SUFFIXES)}", path=where
    )


def read_bytes(data: bytes, name: str, settings: Settings | None = None, *, path: str | None = None) -> Document:
    """Read a document from bytes; ``name`` gives the file name (and suffix)."""
    settings = settings or Settings()
    where = path or name
    if not data:
        raise EmptyDocumentError("empty file (0 bytes)", path=where)
    limit = int(settings.max_file_mb * 1024 * 1024)
    if len(data) > limit:
        raise DocumentTooLargeError(
            f"file is {len(data) / 1048576:.1f} MiB, over the {settings.max_file_mb:g} MiB limit "
            "(EXTRACTOR_MAX_FILE_MB)",
            path=where,
            size_bytes=len(data),
        )
    fmt = sniff_format(data, name, where)
    meta = {"sha256": hashlib.sha256(data).hexdigest(), "size_bytes": len(data)}
    if fmt == "pdf":
        from extractor.ingest.pdf import read_pdf

        doc = read_pdf(data, Path(name).name, settings, where=where, meta=meta)
    elif fmt == "docx":
        from extractor.ingest.docx import read_docx

        doc = read_docx(data, Path(name).name, where=where, meta=meta)
    else:
        from extractor.ingest.txt import read_txt

        doc = read_txt(data, Path(name).name, where=where, meta=meta)
    if not doc.text.strip():
        raise EmptyDocumentError("no text in the document", path=where)
    return doc


def read(path: str | Path, settings: Settings | None = None) -> Document:
    """Read a document from a path."""
    p = Path(path)
    settings = settings or Settings()
    if not p.exists():
        raise UnsupportedFormatError("no such file", path=p)
    if p.is_dir():
        raise UnsupportedFormatError("is a directory, not a document", path=p)
    size = p.stat().st_size
    limit = int(settings.max_file_mb * 1024 * 1024)
    if size > limit:
        raise DocumentTooLargeError(
            f"file is {size / 1048576:.1f} MiB, over the {settings.max_file_mb:g} MiB limit (EXTRACTOR_MAX_FILE_MB)",
            path=p,
            size_bytes=size,
        )
    return read_bytes(p.read_bytes(), p.name, settings, path=str(p))
