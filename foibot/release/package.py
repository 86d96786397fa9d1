"""Safe reading of zip packages (xlsx, docx): size limits from the directory and while streaming, XML without DTDs.

XML is parsed with lxml (C, fast enough for 50,000-row sheets) set to load no DTD, resolve no entities and use no
network; any document that declares a DOCTYPE is refused outright, since no OOXML part has one.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from lxml import etree

from foibot.release.limits import ReleaseLimits

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
SAFE_XML = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False,
            "dtd_validation": False, "remove_comments": True, "remove_pis": True}
"""lxml parser settings that never resolve entities, load a DTD or reach the network."""
Element = etree._Element


def refuse_doctype(el: Element, name: str) -> None:
    """A part that declares a DTD is refused (MalformedError): a possible entity attack."""
    info = el.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise MalformedError(f"part {name} declares a DTD (refused: possible entity attack)", name)


class InspectionError(Exception):
    """The file cannot be (fully) inspected. ``finding_id`` says which catalogue finding to raise."""

    finding_id = "file.malformed"

    def __init__(self, message: str, part: str | None = None) -> None:
        super().__init__(message)
        self.part = part


class ZipLimitError(InspectionError):
    finding_id = "file.zip_bomb"


class MalformedError(InspectionError):
    finding_id = "file.malformed"


@dataclass(frozen=True)
class Rel:
    id: str
    type: str
    target: str
    external: bool

    @property
    def kind(self) -> str:
        """The last segment of the relationship type, e.g. ``comments`` or ``attachedTemplate``."""
        return self.type.rsplit("/", 1)[-1]


class _Limited(io.RawIOBase):
    """A read-only stream that fails once more than ``limit`` bytes have come out of it."""

    def __init__(self, raw: IO[bytes], limit: int, part: str) -> None:
        self._raw, self._left, self._part = raw, limit, part

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        data = self._raw.read(len(b))
        self._left -= len(data)
        if self._left < 0:
            raise ZipLimitError(f"part {self._part} expands beyond the limit", self._part)
        b[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


class Package:
    """An opened zip package whose directory has passed the limits. Part names are matched case-insensitively."""

    def __init__(self, zf: zipfile.ZipFile, limits: ReleaseLimits) -> None:
        self.zf = zf
        self.limits = limits
        infos = zf.infolist()
        if len(infos) > limits.max_zip_parts:
            raise ZipLimitError(f"{len(infos)} parts in the zip (limit {limits.max_zip_parts})")
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > limits.ratio_applies_above and info.compress_size and \
                    info.file_size / info.compress_size > limits.max_compression_ratio:
                raise ZipLimitError(f"part {info.filename} would expand {info.file_size // info.compress_size}x "
                                    f"(limit {limits.max_compression_ratio:g}x)", info.filename)
            if info.flag_bits & 0x1:
                raise InspectionError(f"part {info.filename} is encrypted", info.filename)
        if total > limits.max_uncompressed_bytes:
            raise ZipLimitError(f"the zip would expand to {total:,} bytes (limit {limits.max_uncompressed_bytes:,})")
        self.total_uncompressed = total
        self._infos = {i.filename.lower(): i for i in infos if not i.is_dir()}
        self._budget = limits.max_uncompressed_bytes

    @classmethod
    def open(cls, source: Path | bytes, limits: ReleaseLimits) -> Package:
        try:
            zf = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise MalformedError(f"the zip container is damaged or truncated ({exc})") from exc
        try:
            return cls(zf, limits)
        except Exception:
            zf.close()
            raise

    def close(self) -> None:
        self.zf.close()

    @property
    def names(self) -> list[str]:
        return [i.filename for i in self._infos.values()]

    def has(self, name: str) -> bool:
        return name.lower() in self._infos

    def size(self, name: str) -> int:
        info = self._infos.get(name.lower())
        return info.file_size if info else 0

    def matching(self, prefix: str, suffix: str = "") -> list[str]:
        p, s = prefix.lower(), suffix.lower()
        return sorted(i.filename for k, i in self._infos.items() if k.startswith(p) and k.endswith(s))

    def stream(self, name: str) -> IO[bytes]:
        info = self._infos.get(name.lower())
        if info is None:
            raise MalformedError(f"part {name} is missing", name)
        try:
            raw = self.zf.open(info)
        except (zipfile.BadZipFile, NotImplementedError, OSError, ValueError, RuntimeError) as exc:
            raise MalformedError(f"part {name} cannot be read ({exc})", name) from exc
        limit = min(info.file_size, self._budget) + 1
        return io.BufferedReader(_Limited(raw, limit, name), buffer_size=1 << 16)

    def read(self, name: str) -> bytes:
        with self.stream(name) as fh:
            try:
                data = fh.read()
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                raise MalformedError(f"part {name} cannot be read ({exc})", name) from exc
        self._budget -= len(data)
        return data

    def xml(self, name: str) -> Element:
        data = self.read(name)
        try:
            root = etree.fromstring(data, etree.XMLParser(**SAFE_XML))
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise MalformedError(f"part {name} is not well-formed XML ({str(exc)[:80]})", name) from exc
        refuse_doctype(root, name)
        return root

    def iterparse(self, name: str, tag: str | tuple[str, ...] | None = None) -> Iterator[Element]:
        """Elements (matching ``tag``) as each one ends. Clear what you are done with."""
        with self.stream(name) as fh:
            try:
                first = True
                for _ev, el in etree.iterparse(fh, events=("end",), tag=tag, **SAFE_XML):
                    if first:
                        refuse_doctype(el, name)
                        first = False
                    yield el
            except (etree.XMLSyntaxError, ValueError, zipfile.BadZipFile, EOFError) as exc:
                raise MalformedError(f"part {name} is not well-formed XML ({str(exc)[:80]})", name) from exc

    def rels(self, part: str) -> dict[str, Rel]:
        """The relationships of ``part`` with targets resolved to part names (external targets kept as written)."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return {}
        out: dict[str, Rel] = {}
        for el in self.xml(rels_name).iter(f"{{{REL_NS}}}Relationship"):
            target = el.get("Target", "")
            external = el.get("TargetMode") == "External"
            if not external:
                target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join(folder, target))
            out[el.get("Id", "")] = Rel(el.get("Id", ""), el.get("Type", ""), target, external)
        return out
