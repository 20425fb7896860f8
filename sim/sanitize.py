"""One sanitiser for every name and text a file export writes: Excel cells, CSV cells, TOML
strings and download file names.

- ``clean_text``: drops what no export format can hold. C0 control characters (U+0000-U+001F;
  a tab and a line break may stay in multi-line text, a CR becomes a line break), DEL U+007F
  (TOML forbids it raw), the C1 controls U+0080-U+009F, lone surrogates (no UTF-8 for them),
  U+FFFE / U+FFFF (not XML characters, so openpyxl and python-docx would refuse them) and the
  line and paragraph separators U+2028 / U+2029. What is left is valid in XML 1.0, TOML basic
  strings and UTF-8, so openpyxl's IllegalCharacterError cannot happen.
- ``neutralise``: a text cell that a spreadsheet would run as a formula (starting with ``=``,
  ``+``, ``-``, ``@``, a tab, a CR or LF) gets a leading apostrophe; numbers stay numbers.
- ``cell``: both, for a CSV or Excel cell; ``toml_string``: a cleaned TOML basic string;
  ``file_stem``: a download name that keeps the scenario's Chinese name.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pandas as pd

# A leading line feed too: clean_text turns a CR into one, and "\r=cmd" must stay inert.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# Never kept: C0 except tab/LF/CR, DEL, C1, surrogates, U+FFFE/U+FFFF.
_NEVER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029]")
# Not in a file name on Windows, macOS or Linux (plus % and # that break some download paths).
_NAME_UNSAFE = re.compile(r'[<>:"/\\|?*%#\x00-\x1f\x7f]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)
MAX_STEM = 80  # characters; 80 Chinese characters are 240 bytes in UTF-8, under the usual 255


def clean_text(value: str, lines: bool = True, fill: str = "") -> str:
    """``value`` without the characters no export format can hold (see the module docstring),
    each replaced by ``fill`` (nothing by default; the report reader uses a space, so words
    a control character separated stay apart). ``lines=True`` keeps tabs and line breaks (CR
    and CRLF become LF); ``lines=False`` (a name, a title) turns every run of whitespace into
    one space and trims the ends."""
    text = _NEVER.sub(fill, _LINE_BREAKS.sub("\n", value))
    if lines:
        return text
    return " ".join(text.split())


def neutralise(value):
    """A text cell that would start a formula gets a leading apostrophe; anything else is
    returned unchanged (numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def cell(value):
    """A value for a CSV or Excel cell: text cleaned and neutralised, anything else unchanged."""
    return neutralise(clean_text(value)) if isinstance(value, str) else value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell (headers included) passed through ``cell``."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(cell)
    out.columns = [cell(c) for c in out.columns]
    return out


def toml_string(value: str) -> str:
    """A TOML basic string holding ``value`` cleaned: JSON's escapes (quote, backslash, tab,
    line feed) are TOML's too, and nothing TOML refuses raw is left after ``clean_text``."""
    return json.dumps(clean_text(value), ensure_ascii=False)


def toml_file_bytes(text: str) -> bytes:
    """A TOML file as downloads write it: UTF-8 with a byte-order mark, so a short title such
    as "ȡ" (whose UTF-8 bytes are also GBK's "取") reads back as written (sim.encoding trusts
    a BOM before guessing); tomllib, the app and the CLI all accept the BOM."""
    return ("\ufeff" + text).encode("utf-8")


def file_stem(name: str, fallback: str = "scenario") -> str:
    """A file name (without extension) from a scenario's name as typed, Chinese kept:
    "煤炭减产7700" stays "煤炭减产7700". Characters no file system or download path accepts,
    format characters (a right-to-left override could disguise the extension) and leading or
    trailing dots, dashes and spaces are removed; a Windows device name gets a trailing "_";
    at most MAX_STEM characters; ``fallback`` when nothing is left."""
    text = unicodedata.normalize("NFC", clean_text(name or "", lines=False))
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = " ".join(_NAME_UNSAFE.sub(" ", text).split())[:MAX_STEM]
    text = text.strip(" .-")
    if not text:
        return fallback
    return text + "_" if _RESERVED.match(text) else text
