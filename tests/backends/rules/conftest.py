from __future__ import annotations

from extractor.document import Document, build_document


def doc(text: str) -> Document:
    return build_document("t.txt", text)
