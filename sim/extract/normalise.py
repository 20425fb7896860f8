"""Decoding report bytes and normalising report text, keeping a map back to the original.

Normalisation is NFKC character by character: full-width digits, ％, ：, ．, ／ and letters become
half-width (``１５５７．６４`` -> ``1557.64``, ``％`` -> ``%``). The full-width comma ``，`` is
kept so that it can never be read as a thousands separator. Soft line breaks (a single newline
inside a sentence, as left by copying from a PDF) are dropped. Every character of the normalised
text records the index of the original character it came from, so a span found in the normalised
text maps back to the exact quote in the original text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

KEEP = frozenset("，")  # never normalised
SENTENCE_END = frozenset("。！？；!?;：:")
_SPACES = " \t\u3000\xa0"
_HEADING = re.compile(
    r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分"
)


@dataclass(frozen=True)
class Normalised:
    """Normalised text plus ``origin[i]`` = index in the original text of normalised char i."""

    text: str
    origin: tuple[int, ...]
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the original span covering it."""
        if end <= start:
            pos = self.origin[start] if start < len(self.origin) else len(self.original)
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1

    def quote(self, start: int, end: int) -> tuple[str, int]:
        """The original text of a normalised span, stripped of outer whitespace, and its offset."""
        a, b = self.span(start, end)
        raw = self.original[a:b]
        lead = len(raw) - len(raw.lstrip())
        return raw.strip(), a + lead


def _is_soft_break(text: str, i: int) -> bool:
    """A lone newline between two non-blank lines, not after a sentence end or heading colon."""
    j = i - 1
    while j >= 0 and text[j] in _SPACES + "\r":
        j -= 1
    k = i + 1
    while k < len(text) and text[k] in _SPACES + "\r":
        k += 1
    if j < 0 or k >= len(text) or text[j] == "\n" or text[k] == "\n":
        return False
    line = text[text.rfind("\n", 0, i) + 1 : i].strip()
    if _HEADING.match(line) and len(line) < 30:  # a short heading line ends its own paragraph
        return False
    return text[j] not in SENTENCE_END and text[j] != "。"


def normalise(text: str) -> Normalised:
    """NFKC-normalise ``text`` (except ``，``), drop ``\\r`` and soft line breaks."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch == "\r" or ch in "\u200b\ufeff":
            continue
        if ch == "\n" and _is_soft_break(text, i):
            continue
        norm = ch if ch in KEEP or ch.isascii() else unicodedata.normalize("NFKC", ch)
        for c in norm:
            out.append(c)
            origin.append(i)
    return Normalised("".join(out), tuple(origin), text)


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text[:20000])


def read_report_bytes(data: bytes) -> str:
    """Decode an uploaded report: UTF-8 (with or without BOM), UTF-16 with BOM, GBK/GB18030.

    Raises ValueError with a one-line reason for empty input, PDF/Word/binary files, and bytes
    that are neither UTF-8 nor GB18030 (which includes GBK and GB2312).
    """
    if not data or not data.strip():
        raise ValueError("the report is empty")
    if data.startswith(b"%PDF"):
        raise ValueError("this is a PDF file, not text: copy the report's text or save it as .txt")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValueError("this is a Word/zip file, not text: save the report as plain text (.txt)")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ValueError(
                f"the report starts with a UTF-16 BOM but is not UTF-16 ({exc.reason})"
            ) from None
    elif data.startswith(codecs.BOM_UTF8):
        try:
            text = data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(
                f"the report starts with a UTF-8 BOM but is not UTF-8 ({exc.reason} "
                f"at byte {exc.start})"
            ) from None
    else:
        if b"\x00" in data:
            raise ValueError("the report is a binary file, not text (it contains NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError as exc:
                raise ValueError(
                    f"cannot decode the report: it is neither UTF-8 nor GBK/GB18030 "
                    f"(invalid byte 0x{data[exc.start]:02x} at offset {exc.start})"
                ) from None
    if not _has_cjk(text):
        raise ValueError("the report contains no Chinese text: expected a 政府工作报告 in Chinese")
    return text
