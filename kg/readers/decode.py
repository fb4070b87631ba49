"""The bytes of a file as text: byte-order marks, UTF-8, a charset an HTML page declares, Windows-1252; binary
files recognised by their first bytes and refused with a reason."""

from __future__ import annotations

import codecs
import re

_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP (or DOCX/XLSX/ODT)"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x1f\x8b", "GZIP"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x7fELF", "an ELF executable"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\xfd7zXZ\x00", "XZ"),
    (b"\x28\xb5\x2f\xfd", "Zstandard"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"ID3", "MP3"),
    (b"OggS", "OGG"),
    (b"{\\rtf", "RTF"),
]
_RIFF_KINDS = {b"WEBP": "WEBP", b"WAVE": "WAV", b"AVI ": "AVI"}
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# C0 control characters that never occur in text (tab, newlines, form feed, vertical tab and DOS end-of-file do).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


class Unusable(Exception):
    """A file or record that cannot be used; the message is the problem's reason."""


def _binary_kind(data: bytes) -> str | None:
    """What a binary file looks like, or None when it may be text."""
    if data[:4] == b"RIFF" and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]]
    if data[4:8] == b"ftyp":
        return "MP4/MOV"
    if data[:3] == b"BZh" and data[4:10] == b"1AY&SY":
        return "BZIP2"
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)


def decode(data: bytes, *, html: bool = False, kinds: str) -> str:
    """The text of a file's bytes; raises :class:`Unusable` for binary or undecodable bytes (``kinds``: the files
    to give instead, as the message says them)."""
    if not data:
        raise Unusable("empty file: it holds no article text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise Unusable(
                    f"starts with a {encoding.upper().replace('-SIG', '')} byte-order mark but byte "
                    f"{error.start} is not valid {encoding.upper().replace('-SIG', '')}: re-save the file as UTF-8"
                ) from None
            return text.removeprefix("\ufeff")
    kind = _binary_kind(data)
    if kind:
        raise Unusable(f"binary file (looks like {kind}), not an article: give {kinds}")
    if b"\x00" in data[:8192]:
        raise Unusable(
            "binary file (contains NUL bytes), not an article: give a text file "
            "(if it is UTF-16 text, re-save it as UTF-8 or with a byte-order mark)"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        text = _decode_legacy(data, error, html=html)
    if len(_CONTROL.findall(text[:8192])) > 2:
        raise Unusable("binary file (holds control characters), not an article: give a text file")
    return text


def _decode_legacy(data: bytes, error: UnicodeDecodeError, *, html: bool) -> str:
    """Decode bytes that are not UTF-8: a charset declared in HTML, else Windows-1252 when it reads as text."""
    if html:
        declared = _HTML_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "replace")
            try:
                return data.decode(name)
            except (LookupError, UnicodeDecodeError):
                pass
    bad = f"byte {error.start} (0x{data[error.start]:02x}) is not valid UTF-8"
    try:
        text = data.decode("cp1252")  # strict: the five bytes cp1252 leaves undefined fail here
    except UnicodeDecodeError:
        raise Unusable(f"cannot decode the file: {bad}, nor is it Windows-1252 text; re-save it as UTF-8") from None
    non_ascii = sum(1 for char in text if ord(char) > 127)
    if non_ascii > max(8, len(text) // 5):
        raise Unusable(
            f"cannot decode the file: {bad}, and as Windows-1252 it is mostly non-ASCII gibberish; re-save it as UTF-8"
        )
    return text
