"""Complete Chinese and complete English: AppTest walks every view in each language and reads
every text of the app's own (tooltips, captions, messages, markdown, table headers and cells,
widget labels, card labels and deltas).

- zh: no run of four or more English words (ids such as ``industry.mode`` and file paths are
  not words: a word is letters only, and '.', '/', '-' and '_' join rather than separate).
- en: no Chinese, apart from what is quoted: the report's sentences (and any cell that is a
  quote), text in quotation marks or in parentheses right after an English term, and official
  document numbers (发改环资〔2022〕803号).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sim.i18n import t
from sim.io import read_baseline_frame
from sim.metadata import load_parameters
from sim.targets import load_targets

APP = str(Path(__file__).resolve().parents[1] / "app.py")
VIEWS = (
    "app_tab_overview",
    "app_tab_charts",
    "app_tab_compare",
    "app_tab_data",
    "app_tab_io",
    "an_tab",
    "lib_tab",
)
EN_RUN = re.compile(r"[A-Za-z]{2,}(?:[ \t\n,;:()]+[A-Za-z]{2,}){3,}")
CJK = re.compile(r"[\u4e00-\u9fff]")
QUOTED = (
    re.compile(r"\([^()]*\)"),
    re.compile(r"（[^（）]*）"),
    re.compile(r"“[^”]*”|「[^」]*」|«[^»]*»|'[^']*'"),
    re.compile(r"[\u4e00-\u9fff]*〔\d{4}〕\d+号"),
    re.compile(r"(?:Report|Quote): .*$", re.M),
)


def quotes() -> set[str]:
    base = read_baseline_frame()
    out = {str(q) for q in base["quote"] if isinstance(q, str)}
    out |= {tg.quote for tg in load_targets().targets if tg.quote}
    out |= {p.quote for p in load_parameters().params if p.quote}
    return out


QUOTES = quotes()
QUOTE_COLUMNS = {t("app_col_quote", "zh"), t("app_col_quote", "en"), "quote"}


def texts(at: AppTest) -> list[tuple[str, str]]:
    """(where, text) of every text the page shows."""
    out: list[tuple[str, str]] = []

    def walk(node) -> None:
        ty = getattr(node, "type", "")
        for attr in ("label", "help", "placeholder"):
            v = getattr(node, attr, None)
            if isinstance(v, str) and v:
                out.append((f"{ty}.{attr}", v))
        if ty in ("markdown", "caption", "info", "warning", "error", "success"):
            out.append((ty, node.value))
        if ty == "metric":
            out.extend([("metric", node.value), ("metric.delta", node.proto.delta)])
            out.extend(
                [("metric.desc", node.proto.delta_description), ("metric.help", node.proto.help)]
            )
        if ty in ("dataframe", "table"):
            df = node.value
            out.extend(("table header", str(c)) for c in df.columns)
            for c in df.columns:
                if str(c) in QUOTE_COLUMNS:  # the report's own sentences
                    continue
                out.extend((f"table cell {c}", str(x)) for x in df[c].astype(str).unique())
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    return [(w, x) for w, x in out if x]


def page(lang: str, view: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.session_state["view"] = t(view, lang)
    at.run()
    assert not at.exception, at.exception
    return at


def english_runs(text: str) -> list[str]:
    return [m.group(0) for m in EN_RUN.finditer(text)]


# The language switch names both languages on purpose: a reader of either must find it.
BOTH = {t("app_lang_label", "en"), t("app_lang_zh", "en")}


def unquoted_chinese(text: str) -> str:
    if text.strip() in QUOTES or text in BOTH:
        return ""
    for pattern in QUOTED:
        text = pattern.sub(" ", text)
    return "".join(CJK.findall(text))


@pytest.mark.parametrize("view", VIEWS)
def test_chinese_page_has_no_english_sentences(view):
    bad = [(w, x[:120]) for w, x in texts(page("zh", view)) if english_runs(x)]
    assert not bad, bad[:10]


@pytest.mark.parametrize("view", VIEWS)
def test_english_page_has_no_chinese_outside_quotes(view):
    bad = [(w, x[:160]) for w, x in texts(page("en", view)) if unquoted_chinese(x)]
    assert not bad, bad[:10]


def test_the_rules_catch_what_they_should():
    assert english_runs("未找到：the summary of the report")
    assert not english_runs(
        "CSV 与命令行 python -m sim run 输出的行相同；industry.mode；/root/.local/x"
    )
    assert unquoted_chinese("Revenue was 37.47亿元 in 2022")
    assert not unquoted_chinese("Deduct (发改环资〔2022〕803号); the report's “左右”")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_analysis_tools_after_running_speak_one_language(lang):
    """Each analysis tool opened and run (goal seek, Monte Carlo, sensitivity; the others draw
    on opening): its results, notes and sources in the UI's language."""
    from ui.analysis import SECTIONS

    bad = []
    for section in SECTIONS:
        at = AppTest.from_file(APP, default_timeout=180)
        if lang == "en":
            at.query_params["lang"] = "en"
        at.session_state["view"] = t("an_tab", lang)
        at.session_state[f"an_view_{lang}"] = t(section, lang)
        at.run()
        for b in [b for b in at.button if (b.key or "").endswith("_go")]:
            at.button(key=b.key).click().run()
        assert not at.exception, (section, at.exception)
        check = english_runs if lang == "zh" else unquoted_chinese
        bad += [(section, w, x[:120]) for w, x in texts(at) if check(x)]
    assert not bad, bad[:10]
