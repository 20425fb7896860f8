"""Bytes of a user's file to text, never silently wrong.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-8; then the 8-bit encodings a planner's
file can come in: GB18030 (a superset of GBK and GB2312, what Excel on Chinese Windows writes),
Big5 (Traditional Chinese), Shift-JIS (Japanese) and Windows-1252 (Latin-1, Western Excel).

Any 8-bit file decodes without error in several of these, so each reading is scored by how
common its non-ASCII characters are in that encoding's own language: in GB18030, GB2312's
punctuation and its 3,755 level-1 hanzi count 1 and the 3,008 level-2 hanzi 0.6; in Big5 its
5,401 frequent hanzi 1 and the 7,652 less frequent 0.6; in Shift-JIS kana, punctuation and
JIS level-1 kanji 1, level-2 kanji 0.6, half-width katakana 0.3; in Windows-1252 accented
letters in a Latin context (_latin_runs) and typographic punctuation 1, other signs 0.3-0.6. A real text scores 0.95-1.00 in its own
encoding and 0.0-0.5 read as another (Big5 read as GB18030 gives kana and rare hanzi; Latin-1
gives rare hanzi). The best reading is taken when it scores at least ``PLAUSIBLE``, GB18030
first on a tie; otherwise the file is refused in both languages, saying how to save it as UTF-8.
UTF-8 comes first, except a text whose only non-ASCII characters lie in U+0180-U+07FF while
its GB18030 reading scores 0.9 or more (two GBK hanzi are often valid UTF-8: '占全' -> 'ռȫ').
Very short texts (one or two non-ASCII characters) can be ambiguous; they are read as GB18030.
"""

from __future__ import annotations

import codecs
from functools import cache

from . import limits
from .errors import InputError

CANDIDATES = ("gb18030", "big5", "shift_jis", "cp1252")  # order breaks ties
NAMES = {"gb18030": "GB18030/GBK", "big5": "Big5", "shift_jis": "Shift-JIS", "cp1252": "Latin-1"}
PLAUSIBLE = 0.75
SAMPLE_CHARS = 20_000  # non-ASCII characters scored (plenty for any file)


def _pairs(leads, trails, enc: str, weight: float, out: dict) -> None:
    for lead in leads:
        for trail in trails:
            try:
                c = bytes((lead, trail)).decode(enc)
            except UnicodeDecodeError:
                continue
            if len(c) == 1:
                out.setdefault(c, weight)


@cache
def _weights(enc: str) -> dict[str, float]:
    """How common each non-ASCII character is in texts written in ``enc`` (0 when absent)."""
    w: dict[str, float] = {}
    if enc == "gb18030":
        # GB2312's rows, decoded as GB18030 decodes them (A1AA is U+2014 there, U+2015 in GB2312)
        _pairs(range(0xA1, 0xA4), range(0xA1, 0xFF), "gb18030", 1.0, w)  # punctuation, full-width
        _pairs(range(0xB0, 0xD8), range(0xA1, 0xFF), "gb18030", 1.0, w)  # level 1 hanzi
        _pairs(range(0xD8, 0xF8), range(0xA1, 0xFE), "gb18030", 0.6, w)  # level 2 hanzi
    elif enc == "big5":
        trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
        _pairs(range(0xA1, 0xA4), trails, "big5", 1.0, w)  # punctuation
        _pairs(range(0xA4, 0xC7), trails, "big5", 1.0, w)  # frequent hanzi
        _pairs(range(0xC9, 0xFA), trails, "big5", 0.6, w)  # less frequent hanzi
    elif enc == "shift_jis":
        trails = [*range(0x40, 0x7F), *range(0x80, 0xFD)]
        _pairs(range(0x81, 0x85), trails, "shift_jis", 1.0, w)  # punctuation, kana, Latin
        _pairs(range(0x88, 0xA0), trails, "shift_jis", 1.0, w)  # JIS level 1 kanji
        _pairs(range(0xE0, 0xEB), trails, "shift_jis", 0.6, w)  # JIS level 2 kanji
        for b in range(0xA1, 0xE0):  # half-width katakana
            w.setdefault(bytes((b,)).decode("shift_jis"), 0.3)
    elif enc == "cp1252":  # letters: see plausibility (they need a Latin context)
        for b in range(0x80, 0x100):
            try:
                c = bytes((b,)).decode("cp1252")
            except UnicodeDecodeError:
                continue
            w[c] = 1.0 if c.isalpha() or c in "‘’“”–—…€°\xa0" else 0.6 if c in "£«»§©®±×÷" else 0.3
    return w


def _latin_runs(text: str) -> list[bool]:
    """For each non-ASCII character: does it sit where Latin text has accented letters? In a
    run of at most two non-ASCII characters touching an ASCII letter ('Größe', 'São'), or
    alone as a word ('à'). GBK read as Windows-1252 gives longer runs ('ìí£¬±£' for '祉，保')."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text[i] <= "\x7f":
            i += 1
            continue
        j = i
        while j < n and text[j] > "\x7f":
            j += 1
        left = text[i - 1] if i else " "
        right = text[j] if j < n else " "
        touches = (left.isascii() and left.isalpha()) or (right.isascii() and right.isalpha())
        alone = j - i == 1 and not left.isalnum() and not right.isalnum()
        out.extend([j - i <= 2 and (touches or alone)] * (j - i))
        i = j
    return out


def plausibility(text: str, enc: str) -> float:
    """Mean commonness (0-1) of the non-ASCII characters of ``text`` in ``enc`` (1 if none)."""
    w = _weights(enc)
    if enc == "cp1252":
        text = text[: SAMPLE_CHARS * 4]
        odd = [c for c in text if c > "\x7f"]
        if not odd:
            return 1.0
        latin = _latin_runs(text)
        total = sum(
            (1.0 if ok else 0.3) if c.isalpha() else w.get(c, 0.0)
            for c, ok in zip(odd, latin, strict=True)
        )
        return total / len(odd)
    seen, total = 0, 0.0
    for c in text:
        if c > "\x7f":
            seen += 1
            total += w.get(c, 0.0)
            if seen >= SAMPLE_CHARS:
                break
    return total / seen if seen else 1.0


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
        text = data.decode("utf-8")
        if not _odd_utf8(text) or plausibility(data.decode("gb18030"), "gb18030") < 0.9:
            return text, "utf-8"
    except UnicodeDecodeError:
        pass
    scored = []
    for enc in CANDIDATES:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        scored.append((plausibility(text, enc), -CANDIDATES.index(enc), enc, text))
    if scored:
        score, _, enc, text = max(scored)
        if score >= PLAUSIBLE:
            return text, enc
    guess = NAMES[max(scored)[2]] if scored else "GB18030"
    raise InputError(key="err_encoding_unknown", field=name, guess=guess)


def _odd_utf8(text: str) -> bool:
    """Every non-ASCII character between U+0180 and U+07FF (IPA, Greek, Cyrillic, Armenian,
    Hebrew, Arabic, …): what two GBK hanzi often are when read as UTF-8 ('占全' -> 'ռȫ')."""
    odd = [c for c in text if c > "\x7f"]
    return bool(odd) and all("\u0180" <= c <= "\u07ff" for c in odd)


def _no_nul(text: str, name: str) -> str:
    if "\x00" in text:
        raise InputError(key="err_nul_chars", field=name)
    return text
