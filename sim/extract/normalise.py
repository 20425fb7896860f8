"""Decoding report bytes and normalising report text, keeping a map back to the original.

The reader works on a normalised copy of the text; every character of it records the index of the
original character it came from, so a span found in the normalised text maps back to the exact
quote in the original (``Normalised.quote``). The passes, each linear in the text's length:

1. traditional script to simplified with OpenCC (``t2s``), line by line (a line whose length
   changes is converted character by character, so positions stay exact);
2. NFKC character by character: full-width digits, ％, ：, ．, ／ and letters become half-width
   (``１５５７．６４`` -> ``1557.64``); the ratio colons ``︰ ∶`` become ``:``; the full-width comma
   ``，`` is kept so that it can never be read as a thousands separator; ``\\r``, zero-width
   characters and control characters are dropped, and soft line breaks (a single newline inside a
   sentence, as left by copying from a PDF) removed;
3. pinyin left in brackets by some reposting sites (``經(jīng)濟`` -> ``经济``) removed;
4. digits spaced out (``2 0 2 1 年``) and spaces between a number and its unit (``369 亿元``)
   closed up;
5. Chinese numerals before a unit (``五千万吨``, ``百分之五点五``, ``两个百分点``) written in digits
   with cn2an (``5000万吨``, ``5.5%``, ``2个百分点``); other numerals (``一产``, ``十四五``) stay.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import cn2an

KEEP = frozenset("，")  # never normalised
MAP = {"︰": ":", "∶": ":", "﹕": ":", "ː": ":", "増": "增"}  # 増: the Japanese form of 增
SENTENCE_END = frozenset("。！？；!?;：:")
_SPACES = " \t\u3000\xa0"
_DROP = frozenset("\r\u200b\u200c\u200d\ufeff\u2060")
_HEADING = re.compile(
    r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分"
)
MAX_REPORT_CHARS = 500_000  # a whole report is 20-60 thousand characters


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


@lru_cache(maxsize=1)
def _opencc():
    import opencc  # the OpenCC project's own Python binding

    return opencc.OpenCC("t2s")


def _has_traditional(text: str) -> bool:
    return _opencc().convert(text) != text


def to_simplified(text: str) -> tuple[str, list[int]]:
    """OpenCC t2s, with ``origin[i]`` the index in ``text`` of output character i."""
    if not _has_traditional(text):
        return text, list(range(len(text)))
    cc = _opencc()
    out: list[str] = []
    origin: list[int] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        conv = cc.convert(line)
        if len(conv) == len(line):
            out.append(conv)
            origin.extend(range(pos, pos + len(line)))
        else:  # a phrase changed length: convert character by character
            for i, ch in enumerate(line):
                c = cc.convert(ch)
                out.append(c)
                origin.extend([pos + i] * len(c))
        pos += len(line)
    return "".join(out), origin


_CONTINUES = "，,、。；;：:）)%％右元亿万吨"


def _wrap_width(text: str) -> int:
    """The width a wrapped copy breaks its lines at: the upper quartile of line lengths (a PDF
    copy's lines mostly run to it; a page of short bullet lines has a short one)."""
    lengths = sorted(len(line.strip()) for line in text.split("\n") if line.strip())
    return lengths[(3 * len(lengths)) // 4] if lengths else 0


_NUMBER_LINE = re.compile(r"-?\d[\d.,]*\s*%?")


def _is_soft_break(text: str, i: int, wrap: int = 0) -> bool:
    """A lone newline between two non-blank lines, not after a sentence end or heading colon,
    ending a line that runs close to the text's wrap width."""
    j = i - 1
    while j >= 0 and text[j] in _SPACES + "\r":
        j -= 1
    k = i + 1
    while k < len(text) and text[k] in _SPACES + "\r":
        k += 1
    if j < 0 or k >= len(text) or text[j] == "\n" or text[k] == "\n":
        return False
    if text[k] in _CONTINUES and text[j] not in "。！？!?":
        return True  # the next line opens on what only continues a phrase (左\n右, 亿\n元, …\n，)
    start = text.rfind("\n", 0, i) + 1
    line = text[start:i].strip()
    end = text.find("\n", k)
    nxt = text[k : end if end >= 0 else len(text)].strip()
    # a PDF copy that sets each number on a line of its own (增长\n3.5%\n左右): one phrase
    if _NUMBER_LINE.fullmatch(nxt) and text[j] not in "。！？!?：:":
        return True
    if _NUMBER_LINE.fullmatch(line) and start > 0 and _is_soft_break(text, start - 1, wrap):
        return not _HEADING.match(text, k)
    if start == 0 and len(line) <= 60:
        return False  # the first line is a title or headline
    if _HEADING.match(line) and len(line) < 30:  # a short heading line ends its own paragraph
        return False
    if _HEADING.match(text, k):
        return False  # the next line opens a numbered heading (三、2026年…)
    if text.startswith("20", k) and text[k + 2 : k + 4].isdigit() and "年" in text[k + 4 : k + 6]:
        return False  # the next line opens on a year: a new paragraph (news after a title)
    short = len(line) < (16 if text[k].isdigit() else max(16, 0.8 * wrap))  # 增长\n7.6%
    if short or text[k] in "—●■◆▲·•-*":
        return False  # a short line (title, bullet) ends itself; the next line opens a bullet
    return text[j] not in "。！？!?：:"  # a ； at a line end continues the paragraph


def _char_pass(text: str, origin: list[int]) -> tuple[list[str], list[int]]:
    out: list[str] = []
    org: list[int] = []
    wrap = _wrap_width(text)
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        if ch == "\n":
            if _is_soft_break(text, i, wrap):
                continue
        elif unicodedata.category(ch) == "Cc" and ch != "\t":
            continue  # form feed, ESC, DEL and the like
        if ch in MAP:
            norm = MAP[ch]
        else:
            norm = ch if ch in KEEP or ch.isascii() else unicodedata.normalize("NFKC", ch)
        for c in norm:
            out.append(c)
            org.append(origin[i])
    return out, org


def _rewrite(text: str, origin: list[int], pattern: re.Pattern[str], repl) -> tuple[str, list[int]]:
    """Replace every match of ``pattern`` by ``repl(match)`` (None: keep), mapping the new
    characters onto the span of the original ones (the last onto the last)."""
    out: list[str] = []
    org: list[int] = []
    last = 0
    for m in pattern.finditer(text):
        new = repl(m)
        if new is None:
            continue
        a, b = m.span()
        out.append(text[last:a])
        org.extend(origin[last:a])
        n = b - a
        out.append(new)
        org.extend(origin[a + min(k * n // max(len(new), 1), n - 1)] for k in range(len(new)))
        if new:
            org[-1] = origin[b - 1]
        last = b
    out.append(text[last:])
    org.extend(origin[last:])
    return "".join(out), org


_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,7}\)")
_SPACED_DIGITS = re.compile(r"(?<![\d.])\d(?: \d)+(?![\d.])")
_NUM_UNIT_GAP = re.compile(
    r"(?<=[\d%])[ \u3000\xa0\t]+(?=[年月日%亿万千百个元吨斤度人户])"
    r"|(?<=\d)[ \t]+(?=\.\d)|(?<=\d\.)[ \t]+(?=\d)"
)
_HALF = re.compile(r"半个百分点")
# a PDF copy's page number on a line of its own (- 2 -): furniture inside a sentence
_PAGE_NUMBER = re.compile(r"(?m)^[ \t]*[-—–－][ \t]*\d{1,3}[ \t]*[-—–－][ \t]*\n")
_NOTE = re.compile(r"\((?:预计|初步|下同|同口径|剔除)[^()\n]{0,30}\)")
_CN_DIGIT = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_CN_DIGITS = "".join(_CN_DIGIT)
_CN_NUM = re.compile(
    rf"(?<![第{_CN_DIGITS}十百千])(?P<pct>百分之)?(?P<num>[{_CN_DIGITS}十百千]+(?:点[{_CN_DIGITS}]+)?)"
    r"(?(pct)|(?=万亿|亿|万|个?百分点|吨|千瓦|元|斤|人|户|度|年))"
)


# a PDF copy's stray space between two characters of a word (地方一 般公共预算收入)
_SPACE_IN_WORD = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def _cn_number(m: re.Match[str]) -> str | None:
    core = m.group("num")
    after = m.string[m.end() : m.end() + 4]
    if m.group("pct") is None and core in ("一", "十") and "百分点" not in after:
        return None  # 一人一策, 十万 as words; a lone 一/十 before a unit is rare in figures
    if core[0] in "百千" and m.group("pct") is None:
        if m.string[m.start() - 1 : m.start()] in ("个", "上", "跨", "级"):
            return None  # 连跨4个千亿台阶, 再上百亿台阶: steps counted, not a level
        core = "一" + core  # 突破百亿元大关: 一百亿
    try:
        if all(c in _CN_DIGIT for c in core) and len(core) > 1:
            val = "".join(str(_CN_DIGIT[c]) for c in core)
        else:
            val = str(cn2an.cn2an(core, "smart"))
    except (ValueError, KeyError, IndexError):
        return None
    if val.endswith(".0"):
        val = val[:-2]
    return val + ("%" if m.group("pct") else "")


def normalise(text: str) -> Normalised:
    """Normalise ``text`` for reading (see the module docstring); positions map back."""
    simp, origin = to_simplified(text)
    simp, origin = _rewrite(simp, origin, _PAGE_NUMBER, lambda m: "")
    chars, org = _char_pass(simp, origin)
    t = "".join(chars)
    t, org = _rewrite(t, org, _PINYIN, lambda m: "")
    t, org = _rewrite(t, org, _SPACED_DIGITS, lambda m: m.group().replace(" ", ""))
    t, org = _rewrite(t, org, _SPACE_IN_WORD, lambda m: "")
    t, org = _rewrite(t, org, _NUM_UNIT_GAP, lambda m: "")
    t, org = _rewrite(t, org, _HALF, lambda m: "0.5个百分点")
    t, org = _rewrite(t, org, _NOTE, lambda m: m.group().replace(",", " ").replace("，", " "))
    t, org = _rewrite(t, org, _CN_NUM, _cn_number)
    return Normalised(t, tuple(org), text)


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text[:20000])


def check_size(text: str) -> None:
    """Refuse a text longer than MAX_REPORT_CHARS (ValueError with the limit)."""
    if len(text) > MAX_REPORT_CHARS:
        raise ValueError(
            f"the report is {len(text):,} characters long; at most {MAX_REPORT_CHARS:,} are read "
            "(a whole government work report is about 20,000-60,000)"
        )


def read_report_bytes(data: bytes) -> str:
    """Decode an uploaded report: UTF-8 (with or without BOM), UTF-16 with BOM, GBK/GB18030.

    Raises ValueError with a one-line reason for empty input, PDF/Word/binary files, bytes
    that are neither UTF-8 nor GB18030 (which includes GBK and GB2312), and text over the limit.
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
    check_size(text)
    return text
