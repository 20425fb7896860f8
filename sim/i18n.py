"""User-visible text in Chinese and English, all from params/text*.toml."""

from __future__ import annotations

from functools import lru_cache

from . import io

LANGS = ("zh", "en")


@lru_cache(maxsize=1)
def _doc() -> dict:
    """All text files merged; a key defined twice is an error caught by the tests."""
    merged: dict = {
        "zh": {},
        "en": {},
        "units": {"zh": {}, "en": {}},
        "regions": {"zh": {}, "en": {}},
    }
    for doc in io.text_docs():
        for lang in LANGS:
            merged[lang].update(doc.get(lang, {}))
            for table in ("units", "regions"):
                merged[table][lang].update(doc.get(table, {}).get(lang, {}))
    return merged


def t(key: str, lang: str = "zh", **values) -> str:
    """The sentence ``key`` in ``lang`` with {placeholders} filled; falls back to English, then
    to the key itself so a missing string is visible rather than fatal."""
    doc = _doc()
    template = doc.get(lang, {}).get(key) or doc.get("en", {}).get(key) or key
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def unit_label(unit: str, lang: str = "zh") -> str:
    """The unit as planners write it: '100m CNY' -> '亿元' in Chinese."""
    return _doc().get("units", {}).get(lang, {}).get(unit, unit)


def region_label(region: str, lang: str = "zh") -> str:
    """The region as written in ``lang`` ('Liupanshui' -> '六盘水市'); unknown names unchanged."""
    return _doc()["regions"].get(lang, {}).get(region, region)


def has_key(key: str) -> bool:
    doc = _doc()
    return key in doc.get("zh", {}) and key in doc.get("en", {})
