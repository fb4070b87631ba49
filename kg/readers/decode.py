"""The bytes of a file as text: byte-order marks, UTF-8, a charset an HTML page declares, Windows-1252; binary
files recognised by their first bytes and refused with a reason."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

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


def decode(data: bytes, *, kinds: str, html: bool = False, note: Callable[[str], None] = lambda reason: None) -> str:
    """The text of a file's bytes; raises :class:`Unusable` for binary or undecodable bytes (``kinds``: the files
    to give instead, as the message says them); ``note`` hears of a doubtful decoding (UTF-8 mixed with
    Windows-1252)."""
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
        text = _decode_legacy(data, error, html=html, note=note)
    if len(_CONTROL.findall(text[:8192])) > 2:
        raise Unusable("binary file (holds control characters), not an article: give a text file")
    return text


def _decode_legacy(data: bytes, error: UnicodeDecodeError, *, html: bool,
                   note: Callable[[str], None] = lambda reason: None) -> str:
    """Decode bytes that are not UTF-8: a charset declared in HTML, else Windows-1252 when it reads as text, or,
    when the bytes also hold UTF-8 characters, UTF-8 with the other bytes read as Windows-1252 (``note`` hears of
    it: such a file was pasted together, and would otherwise turn its UTF-8 characters into mojibake)."""
    if html:
        declared = _HTML_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "replace")
            try:
                return data.decode(name)
            except (LookupError, UnicodeDecodeError):
                pass
    bad = f"byte {error.start} (0x{data[error.start]:02x}) is not valid UTF-8"
    utf8 = len(_UTF8_MULTIBYTE.findall(data))
    if utf8:
        return _decode_mixed(data, bad, utf8, note)
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


# A character of two to four bytes in UTF-8 (RFC 3629: no overlong forms, no surrogates).
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
                             rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
                             rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_ESCAPED = re.compile("[\udc80-\udcff]")


def _decode_mixed(data: bytes, bad: str, utf8: int, note: Callable[[str], None]) -> str:
    """Bytes holding ``utf8`` UTF-8 characters and other bytes (``bad`` names the first): UTF-8, with each byte
    that is not part of a UTF-8 character read as Windows-1252.

    >>> _decode_mixed("café, ".encode() + "naïve".encode("cp1252"), "byte 9", 1, print)  # doctest: +ELLIPSIS
    mixes UTF-8 and Windows-1252: byte 9, but 1 character is; read as UTF-8 ... re-save it as UTF-8
    'café, naïve'
    """
    text = data.decode("utf-8", "surrogateescape")  # each byte that is not UTF-8: a lone surrogate
    fallback = len(_ESCAPED.findall(text))
    if fallback > max(8, len(text) // 5):
        raise Unusable(f"cannot decode the file: {bad}, and as Windows-1252 it is mostly gibberish; re-save it "
                        "as UTF-8")
    try:
        text = _ESCAPED.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252"), text)
    except UnicodeDecodeError:  # one of the bytes cp1252 leaves undefined
        raise Unusable(f"cannot decode the file: {bad}, nor is it Windows-1252 text; re-save it as UTF-8") from None
    note(f"mixes UTF-8 and Windows-1252: {bad}, but {utf8} character{'s are' if utf8 != 1 else ' is'}; read as "
         f"UTF-8 with the {fallback} other byte{'s' if fallback != 1 else ''} as Windows-1252: check the text, and "
         "re-save it as UTF-8")
    return text
