"""Stage 1 of the pipeline: read a file's bytes and decode them.

UTF-8 (with or without BOM), UTF-16 with a BOM, then GB18030 for legacy Chinese files. A
mostly-UTF-8 file with a few broken bytes is decoded with replacement characters and a
warning, rather than being mis-read as GB18030.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass

MAX_BYTES = 64 * 1024 * 1024  # refuse anything larger: these are articles


class DecodeError(Exception):
    """The bytes are not text factlint can read; the message says why."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warning: str = ""  # set when the text was decoded with repairs


def _line_of(data: bytes, index: int) -> int:
    return data.count(b"\n", 0, index) + 1


def decode(data: bytes) -> Decoded:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        enc = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _clean(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16 at byte {exc.start}") from None
    else:
        enc = "utf-8"
    try:
        return _clean(data.decode("utf-8"), enc)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    head = data[: utf8_error.start]
    if any(b >= 0xC0 for b in head):
        # Valid multi-byte UTF-8 before the first error: a UTF-8 file with damage, not GB18030.
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        line = _line_of(data, utf8_error.start)
        return _clean(text, enc, f"invalid UTF-8 from line {line} ({bad} bytes replaced with U+FFFD)")
    try:
        return _clean(data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError:
        line = _line_of(data, utf8_error.start)
        raise DecodeError(
            f"not UTF-8 (invalid byte 0x{data[utf8_error.start]:02x} at line {line}), UTF-16 or GB18030"
        ) from None


def _clean(text: str, encoding: str, warning: str = "") -> Decoded:
    """Replace NUL bytes (one character each, so positions hold) and refuse binary files."""
    if "\x00" in text:
        nuls = text.count("\x00")
        if nuls > max(16, len(text) // 10):
            raise DecodeError(f"binary file ({nuls} NUL bytes)")
        text = text.replace("\x00", "\ufffd")
        warning = "; ".join(filter(None, [warning, f"{nuls} NUL bytes replaced with U+FFFD"]))
    return Decoded(text, encoding, warning)


def read_bytes(path: str) -> bytes:
    """The bytes of ``path``; raises :class:`DecodeError` for a file too large to be an article,
    :class:`OSError` when it cannot be read."""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > MAX_BYTES:
            raise DecodeError(f"file larger than {MAX_BYTES // (1024 * 1024)} MB; not checked")
        # read(n) allocates n bytes up front: ask for the file's size (one more byte shows a file
        # that grew meanwhile), not for the bound. A pipe or device reports 0: read up to the bound.
        data = fh.read((size + 1) if size else MAX_BYTES + 1)
        if size and len(data) > size:
            data += fh.read(MAX_BYTES + 1 - len(data))
    if len(data) > MAX_BYTES:
        raise DecodeError(f"file larger than {MAX_BYTES // (1024 * 1024)} MB; not checked")
    return data
