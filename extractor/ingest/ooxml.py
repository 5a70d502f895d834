"""An Office Open XML package (the ZIP inside a .docx), read within limits.

Only the parts a reader asks for are inflated, and never more than
``Settings.max_unpacked_mb`` in all: each part's size is checked from the ZIP directory
before it is opened and counted again while it streams (a ZIP can lie about sizes; Python's
``zipfile`` never returns more than the directory says, and the count is the backstop). XML
is parsed with no DTD loaded, no entity expanded and no network access; a part that declares
a DTD is refused (OOXML never uses one), and in a streamed part (the document) elements nested
deeper than ``Settings.max_xml_depth`` are refused as they open. Parts are found
through the package relationships (``_rels/.rels``), else at their usual names.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree

from extractor.errors import CorruptDocumentError, DocumentTooLargeError, ExtractorError
from extractor.settings import Settings

__all__ = ["Package"]

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CHUNK = 1 << 16


def _parser(**kw: Any) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=True, **kw
    )


class Package:
    """The parts of one package, inflated on demand within a byte budget."""

    def __init__(self, data: bytes, where: str, settings: Settings) -> None:
        self.where = where
        self._settings = settings
        self._budget = int(settings.max_unpacked_mb * 1024 * 1024)
        self._spent = 0
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            self._names = set(self._zip.namelist())
        except Exception as exc:  # zipfile raises BadZipFile, ValueError, OSError, EOFError … on broken archives
            raise self.corrupt(f"not a readable Word document: {type(exc).__name__}: {exc}") from exc

    def corrupt(self, message: str) -> CorruptDocumentError:
        return CorruptDocumentError(message, path=self.where)

    def has(self, name: str) -> bool:
        return name in self._names

    # ------------------------------------------------------------------ relationships

    def related(self, source: str, rel_type: str, default: str) -> str | None:
        """The part ``source`` points to with a relationship ending in ``rel_type``
        (``""`` for the package itself), else ``default`` when that part exists."""
        folder, base = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", f"{base}.rels")
        if self.has(rels):
            try:
                root = self.parse(rels)
            except CorruptDocumentError:
                root = None
            for rel in root.iter(_REL) if root is not None else ():
                if (rel.get("Type") or "").endswith(rel_type) and rel.get("TargetMode") != "External":
                    target = rel.get("Target") or ""
                    name = (
                        target.lstrip("/")
                        if target.startswith("/")
                        else posixpath.normpath(posixpath.join(folder, target))
                    )
                    if self.has(name):
                        return name
        return default if self.has(default) else None

    # ------------------------------------------------------------------ reading parts

    def _open(self, name: str) -> Iterator[bytes]:
        """The bytes of one part in chunks, charged to the budget."""
        try:
            info = self._zip.getinfo(name)
        except KeyError as exc:
            raise self.corrupt(f"part {name} is missing") from exc
        self._charge(name, info.file_size, dry=True)  # refused before inflating when the directory says so
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    self._charge(name, len(chunk))
                    yield chunk
        except ExtractorError:
            raise
        except Exception as exc:  # bad CRC, truncated deflate stream, encrypted member …
            raise self.corrupt(f"part {name} cannot be unpacked: {type(exc).__name__}: {exc}") from exc

    def _charge(self, name: str, size: int, *, dry: bool = False) -> None:
        if self._spent + size > self._budget:
            raise DocumentTooLargeError(
                f"unpacks to more than {self._settings.max_unpacked_mb:g} MiB ({name}) (EXTRACTOR_MAX_UNPACKED_MB)",
                path=self.where,
                limit="max_unpacked_mb",
            )
        if not dry:
            self._spent += size

    def parse(self, name: str) -> etree._Element:
        """A small part parsed whole (relationships, styles). Nothing walks these past the
        root's children, so their depth is left to libxml2's own cap (256)."""
        parser = _parser()
        try:
            for chunk in self._open(name):
                parser.feed(chunk)
            root = parser.close()
        except etree.XMLSyntaxError as exc:
            raise self.corrupt(f"part {name} is not well-formed XML: {exc}") from exc
        self._refuse_dtd(name, root)
        return root

    def iter_children(
        self, name: str, *, roots: tuple[str, ...], containers: tuple[str, ...]
    ) -> Iterator[tuple[str, etree._Element]]:
        """Stream ``name`` and yield ``(root tag, element)`` for each complete child of the
        root's ``containers`` child (e.g. ``w:body`` of ``w:document``); a root not in ``roots``
        means the part is not what the package says. Each element is freed once the caller is
        done with it, so memory stays at one block however long the part is."""
        parser = etree.XMLPullParser(
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_blank_text=True,
        )
        depth = 0
        root_tag = ""
        inside = False  # within the container
        seen = False  # the first container only
        limit = self._settings.max_xml_depth
        try:
            for chunk in self._open(name):
                parser.feed(chunk)
                for event, el in parser.read_events():
                    if event == "start":
                        depth += 1
                        if depth > limit:
                            raise self._too_deep(name)
                        if depth == 1:
                            self._refuse_dtd(name, el)
                            root_tag = el.tag
                            if root_tag not in roots:
                                raise self.corrupt(f"not a readable Word document: {name} holds {el.tag!r}")
                        elif depth == 2 and el.tag in containers and not seen:
                            inside = seen = True
                        continue
                    if inside and depth == 3:
                        yield root_tag, el
                        el.clear()
                        parent = el.getparent()
                        if parent is not None:
                            parent.remove(el)
                    elif depth == 2:
                        inside = False
                    depth -= 1
            parser.close()
        except etree.XMLSyntaxError as exc:
            raise self.corrupt(f"part {name} is not well-formed XML: {exc}") from exc

    def _refuse_dtd(self, name: str, el: etree._Element) -> None:
        if el.getroottree().docinfo.doctype:
            raise self.corrupt(
                f"part {name} declares a DTD, which Office documents never do (entities are not expanded)"
            )

    def _too_deep(self, name: str) -> DocumentTooLargeError:
        return DocumentTooLargeError(
            f"XML in {name} nests deeper than {self._settings.max_xml_depth} elements (EXTRACTOR_MAX_XML_DEPTH)",
            path=self.where,
            limit="max_xml_depth",
        )
