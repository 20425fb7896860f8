"""Number and target formatting shared by the cards, scoreboard and comparison."""

from __future__ import annotations

import math
import re

from sim.i18n import t, unit_label
from sim.iamc import variable_meta
from sim.targets import Target

# Plain glyphs and Material icons: colour emoji need a font a server or CI box may lack.
STATUS_ICON = {"met": "●", "near": "◐", "missed": "○", "na": "–"}
STATUS_COLOR = {"met": "green", "near": "orange", "missed": "red", "na": "gray"}
STATUS_HEX = {"met": "#2e7d32", "near": "#b26a00", "missed": "#c62828", "na": "#757575"}
LEVEL_ICON = {
    "ok": ":green[:material/check_circle:]",
    "info": ":blue[:material/info:]",
    "warn": ":material/warning:",
}


# One decimal rule per unit, everywhere a value is shown (cards, scoreboard, comparison, gaps):
# hours and coal rates whole, energy and CO2 balances to 0.1, everything else to 0.01.
UNIT_DECIMALS = {"h": 0, "gce/kWh": 0, "g/kWh": 0, "10k tce": 1, "10k t CO2": 1}


def unit_decimals(unit: str) -> int:
    return UNIT_DECIMALS.get(unit, 2)


def decimals(variable: str, default: int = 2) -> int:
    meta = variable_meta().get(variable, {})
    if "unit" in meta:
        return unit_decimals(meta["unit"])
    return int(meta.get("decimals", default))


def _scaled(unit: str) -> bool:
    """A unit that is a multiple ('10k t', '100m kWh'): in English the number is a count of it."""
    return unit[:1].isdigit()


def number(v: float, dec: int = 2, lang: str = "en") -> str:
    """Thousands separators in English only; Chinese reports write 1557.64亿元."""
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "—"
    return f"{v:,.{dec}f}" if lang == "en" else f"{v:.{dec}f}"


def with_unit(v: float, unit: str, lang: str, dec: int = 2) -> str:
    """1557.64 亿元, 5.48%, 8,000 万吨 (no space before %)."""
    u = unit_label(unit, lang)
    if unit == "%":
        return f"{number(v, dec, lang)}%"
    if lang == "en" and _scaled(unit):  # 8,000 × 10,000 t
        return f"{number(v, dec, lang)} × {u}"
    return f"{number(v, dec, lang)} {u}".strip()


def variable_value(variable: str, v: float, lang: str) -> str:
    meta = variable_meta().get(variable, {})
    return with_unit(v, meta.get("unit", ""), lang, decimals(variable))


def target_text(tg: Target, lang: str) -> str:
    """'5.5%左右' / 'about 5.5%'; '8000万吨以上' / 'at least 8000 10k t'."""
    qual = t("qual_" + tg.qualifier, lang)
    unit = unit_label(tg.unit, lang)
    value = f"{tg.value:g}"
    if tg.qualifier == "range" and getattr(tg, "high", None) is not None:  # 6%-6.5%
        value, qual = f"{tg.value:g}-{tg.high:g}", ("" if lang == "zh" else qual)
    if lang == "zh":
        return f"{value}{unit}{qual}"
    sep = "" if tg.unit == "%" else (" × " if _scaled(tg.unit) else " ")
    return f"{qual} {value}{sep}{unit}".strip()


def gap_text(gap: float, unit: str, lang: str, dec: int = 2) -> str:
    """A gap in the target's unit; percentages become percentage points."""
    if unit == "%":
        return f"{gap:+.2f} {unit_label('pp', lang)}"
    sep = "," if lang == "en" else ""
    times = " × " if lang == "en" and _scaled(unit) else " "
    return f"{gap:+{sep}.{dec}f}{times}{unit_label(unit, lang)}"


def status_text(status: str, lang: str, by_input: bool = False) -> str:
    """'● 达到', or '● 达到 · 输入值' when the projected value is a slider's own value."""
    text = f"{STATUS_ICON[status]} {t('status_' + status, lang)}"
    return f"{text} · {t('app_card_input', lang)}" if by_input else text


def status_styler(df, column: str, statuses: list[str]):
    """The frame as a Styler whose ``column`` is coloured by each row's status."""
    if df.empty:  # no target scored (a report without targets): nothing to colour
        return df
    colours = [f"color: {STATUS_HEX[s]}; font-weight: 600" for s in statuses]
    return df.style.apply(lambda _: colours, subset=[column])


ZWSP = "\u200b"
AUTOLINK = re.compile(r"(?i)https?|ftp|mailto|www|xmpp")


def plain(text: object) -> str:
    """User text (region names, scenario names, report quotes) for an element that renders
    markdown: every markdown character escaped, so no link, image or formatting gets through."""
    escaped = re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", str(text))
    # GFM turns bare addresses into links after parsing, escapes or not (http://, www., a@b):
    # a zero-width space after their first letter, or after @, leaves the text as it reads.
    return AUTOLINK.sub(lambda m: m.group(0)[0] + ZWSP + m.group(0)[1:], escaped).replace(
        "@", "@" + ZWSP
    )
