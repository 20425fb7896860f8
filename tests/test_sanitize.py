"""One sanitiser for every name and text written to Excel, CSV, TOML and file names (issue 15
item 5): any name, control characters, DEL, lone surrogates and formulas included, gives a
workbook that openpyxl saves and reads, a scenario file that imports again, a CSV whose cells
start no formula, and a safe file name that keeps Chinese."""

from __future__ import annotations

import csv
import io
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sim import export, model, sanitize, workbook
from sim.export_tables import Case
from sim.metadata import validate_adjustment
from sim.scenarios import MAX_TEXT, parse_scenario_bytes

# Names as a planner, a paste or an attacker might type them: any code point, with the
# troublesome ones made frequent.
SURROGATES = ["\ud800", "\udfff"]  # lone surrogates: no UTF-8 for them
PUNCTUATION = list("=+-@\"\\'/:*?<>|. ")
TROUBLE = st.sampled_from(
    [
        *"\x00\x01\x08\x0b\x0c\x0e\x1b\x1f\x7f\x80\x9f\t\r\n\u2028\u2029\ufffe\uffff\u202e",
        *SURROGATES,
        *PUNCTUATION,
        *["煤", "炭", "减", "产", "7", "0", "CON", "[values]", "\n[x]\n"],
    ]
)
NAMES = st.lists(st.one_of(TROUBLE, st.characters()), max_size=30).map("".join)
FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")
NEVER = {chr(c) for c in [*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]}


@pytest.fixture(scope="module")
def run(base):
    values = validate_adjustment({"price.coal": -20}).values
    return values, model.run(values, base)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES)
def test_any_name_gives_a_workbook_a_reimportable_toml_and_a_safe_csv(run, base, targets, name):
    values, proj = run
    case = Case(name, values, proj, base, targets)
    data = workbook.workbook_bytes(case, "zh")  # openpyxl's IllegalCharacterError never happens
    cover = load_workbook(io.BytesIO(data))["封面"]
    shown = sanitize.cell(sanitize.clean_text(name, lines=False))
    assert cover["B3"].value == (shown or None)

    scn = parse_scenario_bytes(export.scenario_toml_bytes(values, name))  # as downloaded
    assert scn.title_zh == (sanitize.clean_text(name, lines=False) or "custom")[:MAX_TEXT]
    assert scn.validate().ok and scn.values == {"price.coal": -20.0}

    table = list(csv.reader(io.StringIO(export.iamc_csv_bytes(proj, name).decode("utf-8-sig"))))
    col = table[0].index("scenario")
    assert len({r[col] for r in table[1:]}) == 1
    cell = table[1][col]
    assert not cell.startswith(FORMULA) and not set(cell) & NEVER


@settings(max_examples=300, deadline=None)
@given(name=NAMES)
def test_file_stem_is_safe_and_keeps_what_it_can(name, tmp_path_factory):
    stem = sanitize.file_stem(name, "scenario")
    assert stem and len(stem) <= sanitize.MAX_STEM + 1
    assert not set(stem) & (NEVER | set('<>:"/\\|?*%#\n\r\t'))
    assert stem == stem.strip(" .-") or stem.endswith("_")
    assert not any(unicodedata.category(c) in ("Cs", "Cf") for c in stem)
    path = tmp_path_factory.getbasetemp() / (stem + ".xlsx")
    path.write_bytes(b"x")  # the file system takes it
    assert path.read_bytes() == b"x"
    path.unlink()


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("煤炭减产方案", "煤炭减产方案"),
        ("煤炭减产7700", "煤炭减产7700"),
        ("煤炭/减产:7700?", "煤炭 减产 7700"),
        ("  ..煤炭减产..  ", "煤炭减产"),
        ("煤炭\x7f减产\x00方案", "煤炭减产方案"),
        ("报告\u202etxt.exe", "报告txt.exe"),
        ("CON", "CON_"),
        ("nul.txt", "nul.txt_"),
        ("", "scenario"),
        ("\x01\x02 ...", "scenario"),
        ("方" * 100, "方" * 80),
    ],
)
def test_file_stem_examples(name, stem):
    assert sanitize.file_stem(name, "scenario") == stem


def test_clean_text_drops_what_no_format_holds():
    assert sanitize.clean_text("a\x00b\x7fc\x9fd\ud800e\uffff") == "abcde"
    assert sanitize.clean_text("一\r\n二\r三\u2028四\t五") == "一\n二\n三\n四\t五"
    assert sanitize.clean_text("  一\n二\t三  ", lines=False) == "一 二 三"


def test_cell_neutralises_after_cleaning():
    assert sanitize.cell("\x01=cmd") == "'=cmd"  # the control character hid the formula
    assert sanitize.cell("\r=1+1") == "'\n=1+1"
    assert sanitize.cell("-3") == "'-3" and sanitize.cell(-3.0) == -3.0
    assert sanitize.cell("煤炭") == "煤炭"


def test_a_short_title_reads_back_as_written():
    """ "ȡ" is C8 A1 in UTF-8, which is also GBK's "取": the download's BOM settles it."""
    values = validate_adjustment({}).values
    assert parse_scenario_bytes(export.scenario_toml_bytes(values, "ȡ")).title_zh == "ȡ"


def test_a_del_in_a_title_no_longer_breaks_the_scenario_file():
    """The export cleans the name; a Scenario written with DEL in a field reads back too."""
    from sim.scenarios import Scenario, scenario_to_toml

    text = scenario_to_toml(Scenario(id="x", title_zh="煤\x7f炭", title_en="a\x1bb"))
    scn = parse_scenario_bytes(text.encode("utf-8"))
    assert (scn.title_zh, scn.title_en) == ("煤炭", "ab")


def test_library_export_of_a_short_title_reads_back(tmp_path):
    from sim.cli import main
    from sim.library import Library

    lib_path = tmp_path / "lib.sqlite3"
    Library(lib_path).save("ȡ", {"price.coal": -20})
    out = tmp_path / "x.toml"
    assert main(["library", "export", "ȡ", "--out", str(out), "--library", str(lib_path)]) == 0
    scn = parse_scenario_bytes(out.read_bytes())
    assert scn.title_zh == "ȡ" and scn.values == {"price.coal": -20.0}


def test_an_uploaded_quote_with_control_characters_still_exports(run, base, targets):
    """Issue 15 item 5: a quote of an uploaded baseline holding ESC, a form feed or DEL made the
    Excel download silently do nothing (IllegalCharacterError); now it is cleaned."""
    from dataclasses import replace

    values, proj = run
    frame = base.frame.copy()
    frame.loc[0, "quote"] = "全市\x1b地区生产总值\x0c完成\x7f1557.64亿元"
    frame.loc[1, "source"] = "\x01=HYPERLINK(1)"
    case = Case("x", values, proj, replace(base, frame=frame), targets)
    wb = load_workbook(io.BytesIO(workbook.workbook_bytes(case, "zh")))
    cells = [c.value for row in wb["数据来源"].iter_rows() for c in row]
    assert "全市地区生产总值完成1557.64亿元" in cells
    assert "'=HYPERLINK(1)" in cells
