"""The hand-over workbook and table CSV, read back with openpyxl and the csv module: sheet names,
headers and units in the planner's language, rounded number formats over full-precision cells,
the energy balance in 10k tce, the cover sheet, statuses in words, and any name saved safely."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sim import model, workbook
from sim.export_tables import Case, findings
from sim.metadata import validate_adjustment
from sim.targets import scoreboard

ROOT = Path(__file__).resolve().parents[1]
ZH_SHEETS = ["封面", "输入", "结果", "目标完成情况", "一致性检查", "数据来源"]
EN_SHEETS = ["Cover", "Inputs", "Results", "Targets", "Checks", "Sources"]
WHEN = datetime(2026, 3, 5, 16, 30, tzinfo=UTC)  # 00:30 on 6 March in Beijing


@pytest.fixture(scope="module")
def coal_case(base, targets, pset):
    values = validate_adjustment({"coal.output": 7700, "horizon.end_year": 2026}).values
    proj = model.run(values, base)
    why = {"coal.output": "两处煤矿停产整改", "growth.primary": "not changed: not listed"}
    return Case("煤炭减产7700", values, proj, base, targets, pset, "煤矿安全检查后减产", WHEN, why)


def book(case: Case, lang: str):
    return load_workbook(io.BytesIO(workbook.workbook_bytes(case, lang)))


def rows(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


def row_of(ws, first: str):
    return next(r for r in ws.iter_rows() if r[0].value == first)


def test_cli_writes_the_chinese_workbook(tmp_path, base, targets):
    out = tmp_path / "F.xlsx"
    subprocess.run(
        [sys.executable, "-m", "sim", "run", "--out", str(out), "--lang", "zh"],
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    wb = load_workbook(out)
    assert wb.sheetnames == ZH_SHEETS
    res = wb["结果"]
    assert rows(res)[0] == ("指标", "单位", "2023年", "2024年", "变量代码")
    proj = model.run(validate_adjustment({}).values, base)
    gdp = row_of(res, "地区生产总值（现价）")
    assert gdp[1].value == "亿元" and gdp[4].value == "GDP"
    # full precision (openpyxl writes 16 significant digits; Excel keeps 15), not the 2 shown
    assert gdp[3].value == pytest.approx(proj.value("GDP"), rel=1e-15, abs=0)
    assert gdp[3].value != round(gdp[3].value, 2)
    assert gdp[3].number_format == "0.00"
    score = rows(wb["目标完成情况"])
    assert score[0] == ("指标", "预测值", "目标", "差距", "完成情况", "原文")
    assert len(score) - 1 == len(scoreboard(proj, targets))


def test_energy_balance_in_ten_thousand_tce_not_an_index(coal_case):
    res = book(coal_case, "zh")["结果"]
    energy = [r for r in res.iter_rows(min_row=2) if str(r[-1].value).startswith("Energy|")]
    codes = {r[-1].value for r in energy}
    assert {"Energy|Consumption", "Energy|Consumption|Power Plants"} <= codes
    assert "Energy|Consumption|Exported Electricity" in codes
    for r in energy:
        if r[-1].value.startswith("Energy|Consumption") and not r[-1].value.endswith("Growth"):
            assert r[1].value == "万吨标准煤", r[-1].value
    total = next(r for r in energy if r[-1].value == "Energy|Consumption")
    for j, _year in enumerate(coal_case.proj.years):
        want = float(coal_case.proj.series["Energy|Consumption"][0, j])
        assert total[2 + j].value == pytest.approx(want, rel=1e-15, abs=0)
    assert all(r[1].value != "指数" for r in energy)


def test_number_formats_round_the_display_only(coal_case):
    wb = book(coal_case, "en")
    res = wb["Results"]
    coal = row_of(res, "Raw coal output")
    assert coal[1].value == "10,000 t"
    assert coal[3].value == 7700 and coal[3].number_format == "#,##0.0"
    growth = row_of(res, "GDP real growth")
    assert growth[3].number_format == "#,##0.00"
    assert growth[3].value == pytest.approx(coal_case.proj.value("GDP|Real Growth"), rel=1e-15)
    gap = row_of(wb["Targets"], "GDP real growth")[3]
    assert (
        gap.number_format
        == '+#,##0.00" percentage points";-#,##0.00" percentage points";#,##0.00" percentage points"'
    )
    assert gap.value == pytest.approx(coal_case.proj.value("GDP|Real Growth") - 5.5, abs=1e-12)


def test_english_units_written_out_and_statuses_in_words(coal_case):
    wb = book(coal_case, "en")
    assert wb.sheetnames == EN_SHEETS
    units = {r[1] for r in rows(wb["Results"])[1:]}
    assert {"100 million yuan", "10,000 t", "100 million kWh", "10,000 tce"} <= units
    assert not units & {"100m CNY", "10k t", "10k tce", "100m kWh"}
    statuses = {r[4] for r in rows(wb["Targets"])[1:]}
    assert {"met", "missed"} <= {s.split(" (")[0] for s in statuses}
    zh = book(coal_case, "zh")
    words = {r[4].split("（")[0] for r in rows(zh["目标完成情况"])[1:]}
    assert words <= {"达到", "基本达到", "未达到"} and {"达到", "未达到"} <= words
    assert "未达到" in row_of(zh["目标完成情况"], "地区生产总值增长")[4].value


def test_cover_names_the_scenario_and_its_changed_inputs(coal_case, pset):
    ws = book(coal_case, "zh")["封面"]
    cells = {r[0]: r[1] for r in rows(ws) if r[0]}
    assert cells["六盘水市2024年计划情景测算"] is None  # the title
    assert cells["情景名称"] == "煤炭减产7700"
    assert cells["情景说明"] == "煤矿安全检查后减产"
    assert cells["地区"] == "六盘水市" and cells["基期年份"] == 2023
    assert cells["目标年份"] == 2024 and cells["预测期"] == "2024—2026年"
    assert cells["生成时间（北京时间）"] == "2026-03-06 00:30"
    assert "由驱动因素推算" in cells["产业增速口径"]
    header = next(r for r in rows(ws) if r[0] == "输入")
    assert header == ("输入", "取值", "默认值", "单位", "调整理由", "默认值依据")
    changed = [r for r in rows(ws) if r[0] == pset["coal.output"].label_zh]
    assert changed == [
        ("原煤产量", 7700, 8000, "万吨", "两处煤矿停产整改", pset["coal.output"].quote)
    ]
    horizon = [r for r in rows(ws) if r[0] == pset["horizon.end_year"].label_zh]
    assert horizon and horizon[0][1] == 2026 and horizon[0][4] is None  # no reason given
    assert not any(r[0] == pset["growth.primary"].label_zh for r in rows(ws))  # unchanged


def test_cover_says_when_nothing_changed(base, targets):
    values = validate_adjustment({}).values
    case = Case("官方目标", values, model.run(values, base), base, targets)
    first = [r[0] for r in rows(book(case, "zh")["封面"])]
    assert "无：全部输入为默认值（报告目标与说明理由的假设）" in first


def test_headers_and_labels_have_no_english_in_chinese(coal_case):
    """Sheet names, headers and the words the workbook itself writes are Chinese; variable
    codes (the IAMC names in their own column), sources and quotes are data."""
    wb = book(coal_case, "zh")
    english = re.compile(r"[A-Za-z]{4,}")
    for ws in wb.worksheets:
        for cell in next(ws.iter_rows(max_row=1)):
            assert not english.search(str(cell.value or "")), (ws.title, cell.value)
    for r in rows(wb["输入"])[1:]:
        for v in r[:7]:
            assert not english.search(str(v or "")), r
    for r in rows(wb["目标完成情况"])[1:]:
        assert not english.search(" ".join(str(v) for v in r[:5])), r


def test_checks_sheet_holds_the_findings_without_passing_identities(coal_case):
    ws = book(coal_case, "zh")["一致性检查"]
    got = rows(ws)[1:]
    assert got == findings(coal_case, "zh")
    assert not any("相差 0.000000 亿元" in r[1] for r in got)
    assert any(r[0] == "注意" and "能耗强度目标" in r[1] for r in got)


def test_sources_give_every_figure_its_quote(coal_case, base):
    ws = book(coal_case, "zh")["数据来源"]
    body = rows(ws)[1:]
    sections = [r[0] for r in body]
    assert sections.count("基期数据") == len(base.frame)
    assert sections.count("报告目标") == len(coal_case.targets.targets)
    gdp = next(r for r in body if r[0] == "基期数据" and r[1] == "地区生产总值（现价）")
    assert gdp[2:5] == (2023, 1557.64, "亿元") and "1557.64亿元" in gdp[7]
    coal = next(r for r in body if r[0] == "输入参数" and r[1] == "原煤产量")
    assert coal[3] == 7700 and coal[6] == "六盘水市2024年政府工作报告"


def test_table_csv_for_people(coal_case):
    data = workbook.table_csv_bytes(coal_case, "zh")
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert table[0] == ["指标", "单位", "2023年", "2024年", "2025年", "2026年", "变量代码"]
    gdp = next(r for r in table if r[-1] == "GDP|Real Growth")
    assert gdp[3] == f"{coal_case.proj.value('GDP|Real Growth'):.2f}"
    energy = next(r for r in table if r[-1] == "Energy|Consumption")
    assert energy[1] == "万吨标准煤"


def test_cli_table_csv_in_english(tmp_path):
    out = tmp_path / "t.csv"
    subprocess.run(
        [sys.executable, "-m", "sim", "run", "--table", "--lang", "en", "--out", str(out)],
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    head = out.read_bytes().decode("utf-8-sig").splitlines()[:2]
    assert head[0] == "Indicator,Unit,2023,2024,Variable code"
    assert head[1].startswith("GDP (current prices),100 million yuan,1557.64,")


def test_app_downloads_are_named_after_the_scenario(coal_case, base, targets, pset):
    """The app's download list (ui/io_panel.downloads): Chinese names kept, each file valid."""
    from sim.scenarios import parse_scenario_bytes
    from ui.context import Ctx
    from ui.io_panel import downloads

    ctx = Ctx("zh", dict(coal_case.values), base, pset, targets, coal_case.proj, "custom")
    items = downloads(ctx, "煤炭减产方案", "煤矿减产", {"coal.output": "停产整改"})
    names = [name for _, name, _, _ in items]
    assert names == [
        "煤炭减产方案.xlsx",
        "煤炭减产方案.docx",
        "煤炭减产方案.csv",
        "煤炭减产方案_IAMC.csv",
        "煤炭减产方案.toml",
    ]
    assert next(n for _, n, _, _ in downloads(ctx, "煤炭减产7700")) == "煤炭减产7700.xlsx"
    assert next(n for _, n, _, _ in downloads(ctx, "a/b\x7f")) == "a b.xlsx"
    data = {name: fn() for _, name, _, fn in items if not name.endswith(".docx")}
    wb = load_workbook(io.BytesIO(data["煤炭减产方案.xlsx"]))
    assert wb.sheetnames == ZH_SHEETS and wb["封面"]["B3"].value == "煤炭减产方案"
    assert wb["封面"]["B4"].value == "煤矿减产"
    assert "停产整改" in [c.value for c in wb["封面"]["E"]]
    assert data["煤炭减产方案.csv"].decode("utf-8-sig").startswith("指标,单位,2023年")
    assert b",\xe7\x85\xa4\xe7\x82\xad" in data["煤炭减产方案_IAMC.csv"]  # ",煤炭…" scenario column
    scn = parse_scenario_bytes(data["煤炭减产方案.toml"])
    assert scn.title_zh == "煤炭减产方案" and scn.values["coal.output"] == 7700
    assert scn.description_zh == "煤矿减产"


def test_english_workbook_writes_no_chinese_of_its_own(coal_case):
    """In English only data (quotes, sources, the scenario's own name and note, the numbers of
    official documents such as 发改环资〔2022〕803号) may be Chinese."""
    wb = book(replace(coal_case, name="Coal cut", description="after safety checks"), "en")
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for ws in wb.worksheets:
        for cell in next(ws.iter_rows(max_row=1)):
            assert not cjk.search(str(cell.value or "")), (ws.title, cell.value)
    document_no = re.compile(r"\([^()]*〔\d{4}〕\d+号\)")
    for r in rows(wb["Cover"]):
        text = " ".join(str(v) for v in r[:4] if v is not None)
        assert not cjk.search(document_no.sub("", text)), r
    for r in rows(wb["Inputs"])[1:]:
        assert not cjk.search(document_no.sub("", " ".join(str(v) for v in r[:7]))), r
    for r in rows(wb["Results"])[1:]:
        assert not cjk.search(" ".join(str(v) for v in r)), r


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_app_offers_every_download(lang):
    from streamlit.testing.v1 import AppTest

    from sim.i18n import t

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.session_state["view"] = t("app_tab_io", lang)
    at.run()
    assert not at.exception, at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    for key in ("app_io_xlsx", "xp_dl_docx", "xp_dl_table", "app_io_csv", "xp_dl_toml"):
        assert t(key, lang) in labels
    assert any(t("xp_dl_note", lang) in c.value for c in at.caption)


SCENARIO_WITH_REASONS = """[scenario]
id = "coal_cut"
title_zh = "煤炭减产方案"
title_en = "Coal cut"
description_zh = "两处煤矿停产整改"

[values]
"coal.output" = 7700

[reasons]
"coal.output" = "盘州两处煤矿停产整改，全年少产300万吨"
"""


def test_reasons_travel_from_the_scenario_file_to_the_workbook(tmp_path):
    scn, out = tmp_path / "coal_cut.toml", tmp_path / "F.xlsx"
    scn.write_text(SCENARIO_WITH_REASONS, encoding="utf-8")
    cmd = [sys.executable, "-m", "sim", "run", str(scn), "--out", str(out)]
    subprocess.run(cmd, cwd=ROOT, check=True, timeout=120)
    ws = load_workbook(out)["封面"]
    assert ws["B3"].value == "煤炭减产方案" and ws["B4"].value == "两处煤矿停产整改"
    coal = next(r for r in rows(ws) if r[0] == "原煤产量")
    assert coal[4] == "盘州两处煤矿停产整改，全年少产300万吨"


def test_reasons_round_trip_through_the_exported_scenario_file(pset):
    from sim import export
    from sim.scenarios import parse_scenario_bytes

    values = validate_adjustment({"coal.output": 7700, "price.coal": -5}).values
    why = {"coal.output": "停产\x7f整改\r\n第二行", "growth.primary": "unchanged: dropped"}
    data = export.scenario_toml_bytes(values, "煤炭减产方案", reasons=why, pset=pset)
    scn = parse_scenario_bytes(data)
    assert scn.reasons == {"coal.output": "停产整改\n第二行"}
    assert scn.values == {"coal.output": 7700.0, "price.coal": -5.0}


@pytest.mark.parametrize(
    ("reasons", "field"),
    [
        ('"coal.output" = 5', "reasons.coal.output"),
        ('"coal.output" = "' + "x" * 3000 + '"', "reasons.coal.output"),
    ],
)
def test_bad_reasons_are_refused_by_name(reasons, field):
    from sim.errors import InputError
    from sim.scenarios import parse_scenario_bytes

    text = SCENARIO_WITH_REASONS.split("[reasons]")[0] + "[reasons]\n" + reasons + "\n"
    with pytest.raises(InputError) as e:
        parse_scenario_bytes(text.encode("utf-8"))
    assert e.value.field == field


def test_an_uploaded_scenario_fills_the_name_note_and_reasons():
    from streamlit.testing.v1 import AppTest

    from sim.i18n import t
    from ui import io_panel

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["view"] = t("app_tab_io", "zh")
    at.run()
    data = SCENARIO_WITH_REASONS.encode("utf-8")
    at.file_uploader(key=io_panel.SCN_UPLOAD).set_value(("coal_cut.toml", data, "text/plain"))
    at.run()
    assert not at.exception, at.exception
    assert at.text_input(key="_scn_name").value == "煤炭减产方案"
    assert at.text_area(key=io_panel.NOTE).value == "两处煤矿停产整改"
    why = at.text_input(key=io_panel.REASON_PREFIX + "coal.output")
    assert why.value == "盘州两处煤矿停产整改，全年少产300万吨"
