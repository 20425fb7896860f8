"""Where a baseline figure comes from, in the reader's language.

The baseline CSV's ``source`` column is written once, in English with the report's own headings
(``<region> <year> government work report (政府工作报告), section <heading>; <note>``, a formula
for a derived row, a web page for a history row). In Chinese the app shows the same facts from
params/text_baseline.toml: the report and its section, or the figures a row is derived from.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sim.i18n import has_key, region_label, t
from sim.iamc import variable_meta

REPORT = re.compile(
    r"^(?P<region>.+?) (?P<year>\d{4}) government work report(?: \([^)]*\))?"
    r"(?:, section (?P<section>[^;]+))?(?:;.*)?$",
    re.S,
)
# History rows: (pattern of the English description, text key of its kind of page).
HISTORY = (
    (re.compile(r"Wikipedia", re.I), "prov_wiki"),
    (re.compile(r"encyclopedia", re.I), "prov_encyclopedia"),
    (re.compile(r"statistics site", re.I), "prov_stats_site"),
)
CITING = re.compile(r"citing ([^;,\s]+)")
QUOTED = re.compile(r"^[^(;]*\(([^()]*[\u4e00-\u9fff][^()]*)\)")
CENSUS = (("basis: pre-census", "prov_pre_census"), ("basis: post-census", "prov_post_census"))


def row_label(variable: str, lang: str) -> str:
    """An output variable's label (params/variables.toml), else the baseline row's own
    (params/text_baseline.toml), else the IAMC name."""
    meta = variable_meta().get(variable)
    if meta:
        return meta.get("label_zh" if lang == "zh" else "label_en", variable)
    return t(f"var:{variable}", lang) if has_key(f"var:{variable}") else variable


def kind_label(kind: object, lang: str) -> str:
    key = f"prov_kind_{kind}"
    return t(key, lang) if has_key(key) else str(kind or "")


@lru_cache(maxsize=1)
def _names() -> list[str]:
    """Every variable name a formula may cite, longest first (so 'GDP|Real Growth' wins)."""
    from sim.io import read_baseline_frame

    names = set(variable_meta()) | set(read_baseline_frame()["variable"])
    return sorted(names, key=len, reverse=True)


def _cited(source: str, lang: str) -> list[str]:
    labels, rest = [], source
    for name in _names():
        if name in rest:
            rest = rest.replace(name, " ")
            label = row_label(name, lang)
            if label not in labels:
                labels.append(label)
    return labels


# the report's own quotation marks inside a heading we quote: corner brackets (U+300C/D)
INNER_QUOTES = str.maketrans({"“": chr(0x300C), "”": chr(0x300D)})
TERM = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\d]*")


def quote_terms(text: str) -> str:
    """English text with the report's own words in it: each bare Chinese run (a heading, a
    term) put in quotation marks, as an English writer quotes a foreign term."""

    def one(m: re.Match) -> str:
        before = text[: m.start()]
        inside = before.count("“") > before.count("”") or before.count("(") > before.count(")")
        return m.group(0) if inside else f"“{m.group(0)}”"

    return TERM.sub(one, text)


def source_text(source: object, lang: str) -> str:
    """The source in ``lang``: English with the report's words quoted; Chinese built from its
    parts."""
    text = "" if source is None else str(source)
    if not text:
        return text
    m = REPORT.match(text)
    if lang != "zh":
        if not m:
            return quote_terms(text)
        heading = (m["section"] or "").strip().translate(INNER_QUOTES)
        note = text.split(";", 1)[1].strip() if ";" in text else ""
        head = (
            t(
                "prov_report_section",
                "en",
                region=m["region"],
                year=m["year"],
                section=f"“{heading}”",
            )
            if heading
            else t("prov_report", "en", region=m["region"], year=m["year"])
        )
        return f"{head}; {quote_terms(note)}" if note else head
    if m:
        section = (m["section"] or "").strip()
        region = region_label(m["region"], "zh")
        key = "prov_report_section" if section else "prov_report"
        return t(key, "zh", region=region, year=m["year"], section=section)
    for pattern, key in HISTORY:
        if pattern.search(text):
            cite = CITING.search(text)
            quoted = QUOTED.search(text)
            detail = cite.group(1) if cite else (quoted.group(1) if quoted else "")
            parts = [t(key, "zh", detail=detail) if detail else t(key + "_plain", "zh")]
            parts += [t(k, "zh") for word, k in CENSUS if word in text][:1]
            return t("list_sep_semicolon", "zh").join(parts)
    cited = _cited(text, "zh")
    if cited:
        return t("prov_derived", "zh", names=t("app_list_sep", "zh").join(cited))
    return text
