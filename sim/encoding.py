"""Bytes of a user's file to text, never silently wrong.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-8; then the 8-bit encodings a planner's
file can come in. GB18030 (a superset of GBK and GB2312, what Excel on Chinese Windows writes)
is taken when the text it gives is plausible Chinese: in real GBK text nearly every non-ASCII
character is a GB2312 hanzi or punctuation mark (0.98-1.00 of them in our baseline and the work
report), while Big5, Shift-JIS or Latin-1 bytes read as GB18030 give rare hanzi, kana and
box-drawing signs (0.0-0.2). When GB18030 is not plausible, charset-normalizer ranks Big5,
Shift-JIS and Windows-1252 (Latin-1) and the text is decoded with the one that reads cleanly;
when none does, the file is refused in both languages, saying how to save it as UTF-8.
"""

from __future__ import annotations

import codecs
from functools import lru_cache

from . import limits
from .errors import InputError

PLAUSIBLE_GB = 0.5  # share of non-ASCII characters that must be common GB2312 ones
SAMPLE_CHARS = 20_000  # non-ASCII characters looked at (enough for any file)
ALTERNATIVES = ("big5", "shift_jis", "cp1252")
NAMES = {"big5": "Big5", "shift_jis": "Shift-JIS", "cp1252": "Latin-1 (Windows-1252)"}
MAX_CHAOS = 0.15  # charset-normalizer's mess ratio above which a reading is garbled


@lru_cache(maxsize=1)
def _common_gb2312() -> frozenset[str]:
    """GB2312 punctuation and full-width forms (rows A1-A3) and its 6,763 hanzi (B0-F7)."""
    chars = set()
    for lead in [*range(0xA1, 0xA4), *range(0xB0, 0xF8)]:
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def gb_plausibility(text: str) -> float:
    """Share of the non-ASCII characters that are common GB2312 characters (1.0 if none)."""
    common = _common_gb2312()
    seen = hits = 0
    for c in text:
        if c > "\x7f":
            seen += 1
            hits += c in common
            if seen >= SAMPLE_CHARS:
                break
    return hits / seen if seen else 1.0


def decode_text(data: bytes, name: str = "file") -> str:
    """Decode a user's bytes; refuse (InputError, both languages) what cannot be read surely."""
    return decode_text_as(data, name)[0]


def decode_text_as(data: bytes, name: str = "file") -> tuple[str, str]:
    """(text, encoding used)."""
    limits.check_file_size(len(data), name)
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:  # Excel's "Unicode text" and some editors write UTF-16 with a byte-order mark
                return _no_nul(data.decode(enc), name), enc
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        raise InputError(key="err_binary_file", field=name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and gb_plausibility(text) >= PLAUSIBLE_GB:
        return text, "gb18030"
    return _alternative(data, name, gb_ok=text is not None)


def _alternative(data: bytes, name: str, gb_ok: bool) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    isolation = [*ALTERNATIVES, "gb18030"] if gb_ok else list(ALTERNATIVES)
    matches = from_bytes(data, cp_isolation=isolation, enable_fallback=False)
    best = next((m for m in matches if m.encoding in ALTERNATIVES), None)
    if best is not None and best.chaos <= MAX_CHAOS:
        try:
            return _no_nul(data.decode(best.encoding), name), best.encoding
        except UnicodeDecodeError:
            pass
    guess = NAMES.get(best.encoding, best.encoding) if best is not None else "GB18030"
    raise InputError(key="err_encoding_unknown", field=name, guess=guess)


def _no_nul(text: str, name: str) -> str:
    if "\x00" in text:
        raise InputError(key="err_nul_chars", field=name)
    return text
