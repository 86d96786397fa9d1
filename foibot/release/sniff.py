"""What a file really is, from its first bytes and (for zips) the names inside, not from its extension."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")

# What each extension may honestly contain. Password-protected Office files are CFB containers by design.
EXPECTED: dict[str, set[str]] = {
    "xlsx": {"xlsx", "ooxml_encrypted"}, "xlsm": {"xlsm", "xlsx", "ooxml_encrypted"}, "xltx": {"xlsx"},
    "docx": {"docx", "ooxml_encrypted"}, "docm": {"docm", "docx", "ooxml_encrypted"}, "dotx": {"docx"},
    "pptx": {"pptx", "ooxml_encrypted"}, "pdf": {"pdf"}, "csv": {"csv", "text"}, "tsv": {"csv", "text"},
    "txt": {"text", "csv"}, "ods": {"ods"}, "odt": {"odt"}, "ots": {"ods"}, "ott": {"odt"},
    "xls": {"cfb", "ooxml_encrypted"},
    "doc": {"cfb", "ooxml_encrypted"}, "zip": {"zip", "xlsx", "docx", "ods", "odt", "pptx"},
}

LABELS = {"xlsx": "Excel workbook", "xlsm": "macro-enabled Excel workbook", "docx": "Word document",
          "docm": "macro-enabled Word document", "pptx": "PowerPoint presentation", "pdf": "PDF",
          "csv": "CSV text", "text": "plain text", "ods": "OpenDocument spreadsheet", "odt": "OpenDocument text",
          "cfb": "old binary Office file", "ooxml_encrypted": "password-protected Office file", "zip": "zip archive",
          "binary": "binary data", "empty": "empty file", "html": "HTML"}


def extension(name: str) -> str:
    return Path(name).suffix.lower().lstrip(".")


def sniff(head: bytes, source: Path | bytes, name: str) -> str:
    """The real kind of file. ``head`` is its first 64 KiB (or all of it)."""
    if not head:
        return "empty"
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(CFB_MAGIC):
        return "ooxml_encrypted" if _cfb_encrypted(source) else "cfb"
    if head.startswith(ZIP_MAGICS):
        return _zip_kind(source)
    return _text_kind(head, name)


def _cfb_encrypted(source: Path | bytes) -> bool:
    if isinstance(source, bytes):
        return _ENCRYPTED in source
    with open(source, "rb") as fh:
        tail = b""
        for _ in range(64):  # the directory of a small encrypted package is near the start; 16 MiB is plenty
            chunk = fh.read(1 << 18)
            if not chunk:
                return False
            if _ENCRYPTED in tail + chunk:
                return True
            tail = chunk[-64:]
    return False


def _zip_kind(source: Path | bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as zf:
            names = {n.lower() for n in zf.namelist()}
            if "mimetype" in names:
                info = zf.getinfo(next(n for n in zf.namelist() if n.lower() == "mimetype"))
                mime = zf.read(info).decode("ascii", "replace") if info.file_size < 200 else ""
                if "opendocument.spreadsheet" in mime:
                    return "ods"
                if "opendocument.text" in mime:
                    return "odt"
            elif "meta-inf/manifest.xml" in names and "content.xml" in names:
                return _odf_by_manifest(zf)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        return "zip"
    if "[content_types].xml" in names:
        if "xl/workbook.xml" in names or any(n.startswith("xl/") and n.endswith("workbook.xml") for n in names):
            return "xlsm" if "xl/vbaproject.bin" in names else "xlsx"
        if "word/document.xml" in names:
            return "docm" if "word/vbaproject.bin" in names else "docx"
        if any(n.startswith("ppt/") for n in names):
            return "pptx"
    return "zip"


def _odf_by_manifest(zf: zipfile.ZipFile) -> str:
    """An OpenDocument package without its ``mimetype`` entry: the manifest's root entry names the type (read as
    bytes, not parsed)."""
    info = zf.getinfo(next(n for n in zf.namelist() if n.lower() == "meta-inf/manifest.xml"))
    if info.file_size > 1 << 20:
        return "zip"
    data = zf.read(info)
    if b"opendocument.spreadsheet" in data:
        return "ods"
    if b"opendocument.text" in data:
        return "odt"
    return "zip"


def _text_kind(head: bytes, name: str) -> str:
    sample = head[:65536]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    try:
        text = sample.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # not just a character cut at the end of the sample
            try:
                text = sample.decode("cp1252")
            except UnicodeDecodeError:
                return "binary"
        else:
            text = sample[: exc.start].decode("utf-8-sig")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    if text and controls / len(text) > 0.01:
        return "binary"
    low = text.lstrip()[:200].lower()
    if low.startswith(("<!doctype html", "<html")):
        return "html"
    if extension(name) in ("csv", "tsv"):
        return "csv"
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    if len(lines) >= 2 and all(ln.count(",") == lines[0].count(",") > 0 for ln in lines[:5]):
        return "csv"
    return "text"
