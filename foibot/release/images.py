"""What a picture inside a document says about itself: EXIF GPS position and author, PNG text, XMP creator.

A photo taken on a phone and pasted into a letter or a slide keeps where it was taken (GPS) and often who took
it; a screenshot saved by a tool keeps text chunks (author, a file path). None of it shows on the page. Only the
metadata is read (the picture itself is never decoded), within a byte limit, by hand: JPEG APP1 EXIF (IFD0 and the
GPS IFD), PNG tEXt/iTXt/zTXt chunks, and an XMP packet in either.
"""

from __future__ import annotations

import re
import struct
import zlib

from foibot.release.findings import shortened

_READ = 2_000_000  # metadata lives in the first bytes; never look further
# EXIF IFD0 tags that hold words about people: ImageDescription, Artist, Copyright, XPComment, XPAuthor, XPSubject
_TEXT_TAGS = {0x010E: "description", 0x013B: "author", 0x8298: "copyright", 0x9C9C: "comment", 0x9C9D: "author",
              0x9C9F: "subject"}
_GPS_IFD = 0x8825
# PNG text keys that say nothing about people: the program, dates, and raw profile dumps (hex)
_PNG_QUIET = ("software", "creation time", "date:", "raw profile", "exif:", "icc:", "png:", "signature")
_XMP_CREATOR = re.compile(rb"<dc:creator>.*?<rdf:li[^>]*>([^<]{1,120})</rdf:li>", re.S)
_XMP_GPS = re.compile(rb"exif:GPSLatitude")




def _tiff(data: bytes) -> list[str]:
    """EXIF (a TIFF structure): words in IFD0's text tags and whether a GPS IFD holds a position."""
    if len(data) < 8 or data[:2] not in (b"II", b"MM"):
        return []
    e = "<" if data[:2] == b"II" else ">"
    out: list[str] = []

    def entries(off: int):
        if off <= 0 or off + 2 > len(data):
            return
        (n,) = struct.unpack_from(e + "H", data, off)
        for i in range(min(n, 200)):
            p = off + 2 + 12 * i
            if p + 12 > len(data):
                return
            tag, typ, count = struct.unpack_from(e + "HHI", data, p)
            yield tag, typ, count, p + 8

    def value_bytes(typ: int, count: int, at: int) -> bytes:
        size = {1: 1, 2: 1, 7: 1}.get(typ, 0) * count
        if size == 0 or size > 4096:
            return b""
        if size <= 4:
            return data[at:at + size]
        (off,) = struct.unpack_from(e + "I", data, at)
        return data[off:off + size]

    (ifd0,) = struct.unpack_from(e + "I", data, 4)
    for tag, typ, count, at in entries(ifd0):
        if tag in _TEXT_TAGS:
            raw = value_bytes(typ, count, at)
            text = raw.decode("utf-16-le" if tag >= 0x9C9B else "latin-1", "replace").strip("\0 \ufffd")
            if text.strip():
                out.append(f"{_TEXT_TAGS[tag]} {shortened(text)!r}")
        elif tag == _GPS_IFD:
            (gps,) = struct.unpack_from(e + "I", data, at)
            if any(t in (2, 4) for t, *_ in entries(gps)):  # GPSLatitude or GPSLongitude present
                out.append("a GPS position (where the photo was taken)")
    return out


def _jpeg(data: bytes) -> list[str]:
    out: list[str] = []
    i = 2
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        if marker in (0xD9, 0xDA):  # end, or start of the picture itself
            break
        (length,) = struct.unpack_from(">H", data, i + 2)
        seg = data[i + 4:i + 2 + length]
        if marker == 0xE1 and seg.startswith(b"Exif\0\0"):
            out += _tiff(seg[6:])
        elif marker == 0xE1 and seg.startswith(b"http://ns.adobe.com/xap/1.0/"):
            out += _xmp(seg)
        i += 2 + length
    return out


def _png(data: bytes) -> list[str]:
    out: list[str] = []
    i = 8
    while i + 8 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, i)
        body = data[i + 8:i + 8 + length]
        if kind == b"IEND":
            break
        if kind in (b"tEXt", b"zTXt", b"iTXt"):
            key, _, rest = body.partition(b"\0")
            try:
                if kind == b"zTXt":
                    text = zlib.decompressobj().decompress(rest[1:], 65536)
                elif kind == b"iTXt":
                    flag, _method = rest[0], rest[1]
                    rest = rest[2:].split(b"\0", 2)[-1]
                    text = zlib.decompressobj().decompress(rest, 65536) if flag else rest
                else:
                    text = rest
            except (zlib.error, IndexError):
                text = b""
            word = key.decode("latin-1", "replace")
            if key == b"XML:com.adobe.xmp":
                out += _xmp(text)
            elif text.strip() and not word.lower().startswith(_PNG_QUIET):
                out.append(f"{word.lower()} {shortened(text.decode('utf-8', 'replace'))!r}")
        elif kind == b"eXIf":
            out += _tiff(body)
        i += 12 + length
    return out


def _xmp(data: bytes) -> list[str]:
    out = []
    m = _XMP_CREATOR.search(data)
    if m:
        out.append(f"creator {shortened(m.group(1).decode('utf-8', 'replace'))!r}")
    if _XMP_GPS.search(data):
        out.append("a GPS position (where the photo was taken)")
    return out


def image_metadata(data: bytes) -> list[str]:
    """What the picture's metadata says about people and places, as short phrases; [] for none or unreadable."""
    data = data[:_READ]
    try:
        if data.startswith(b"\xff\xd8"):
            found = _jpeg(data)
        elif data.startswith(b"\x89PNG\r\n\x1a\n"):
            found = _png(data)
        else:
            return []
    except (struct.error, ValueError, IndexError):
        return []
    return list(dict.fromkeys(found))
