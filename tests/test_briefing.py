"""The briefing 情景测算说明, read back with python-docx: the headline cards and the scoreboard as
tables, the changed inputs with their reasons, at least three of the app's charts as inline
images drawn with a CJK font, the consistency findings as sentences and the source and quote
of every figure; in Chinese by default and in English on request."""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest

from sim import model
from sim.briefing import briefing_bytes, charts
from sim.export_tables import Case, findings
from sim.i18n import t
from sim.metadata import validate_adjustment
from sim.targets import scoreboard
from tests.browser_util import AppServer, chromium, needs_browser, require_browser, wait_for_app

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")
IN_CI = os.environ.get("CI") == "true" or os.environ.get("REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="module")
def cli_doc(tmp_path_factory):
    """``python -m sim report`` with one changed input, in Chinese (the default)."""
    out = tmp_path_factory.mktemp("report") / "F.docx"
    cmd = [sys.executable, "-m", "sim", "report", "--set", "coal.output=7700", "--out", str(out)]
    subprocess.run(cmd, cwd=ROOT, check=True, timeout=300)
    return docx.Document(str(out))


def table_rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def all_text(d) -> str:
    cells = [c.text for tb in d.tables for row in tb.rows for c in row.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_cli_briefing_has_cards_scoreboard_and_chinese_headings(cli_doc, base, targets):
    headings = [p.text for p in cli_doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "情景测算说明：2024年政府工作报告目标"  # the preset's title
    for h in ("一、主要指标", "二、目标完成情况", "三、调整的输入及理由", "四、主要图表"):
        assert h in headings
    assert "五、一致性检查要点" in headings and "六、数据来源" in headings
    cards, score = table_rows(cli_doc.tables[0]), table_rows(cli_doc.tables[1])
    assert cards[0] == ["指标", "预测值", "目标", "差距", "完成情况"]
    assert [r[0] for r in cards[1:]] == [
        "地区生产总值增速",
        "地区生产总值（现价）",
        "一般公共预算收入",
        "单位GDP能耗变化",
        "原煤产量",
        "发电量",
    ]
    values = validate_adjustment({"coal.output": 7700}).values
    proj = model.run(values, base)
    assert cards[1][1] == f"{proj.value('GDP|Real Growth'):.2f}%"
    assert cards[5][1] == "7700.0 万吨" and cards[5][2] == "8000万吨以上"
    assert score[0] == ["指标", "预测值", "目标", "差距", "完成情况", "原文"]
    assert len(score) - 1 == len(scoreboard(proj, targets))
    gdp = next(r for r in score if r[0] == "地区生产总值增长")
    assert gdp[2] == "5.5%左右" and gdp[3].endswith("百分点") and gdp[4] == "未达到"
    assert gdp[5] == "地区生产总值增长5.5％左右"


def test_cli_briefing_lists_the_changed_input_with_its_reason(cli_doc, pset):
    changed = table_rows(cli_doc.tables[2])
    assert changed[0] == ["输入", "取值", "默认值", "单位", "调整理由", "默认值依据"]
    assert changed[1:] == [["原煤产量", "7700", "8000", "万吨", "", pset["coal.output"].quote]]


def test_cli_briefing_has_at_least_three_chart_images(cli_doc):
    shapes = cli_doc.inline_shapes
    assert len(shapes) >= 3
    images = [r.target_part.blob for r in cli_doc.part.rels.values() if "image" in r.reltype]
    assert len(images) == len(shapes)
    for blob in images:
        w, h = png_size(blob)
        assert w >= charts.WIDTH * charts.SCALE and h > 200
    captions = [p.text for p in cli_doc.paragraphs if p.style.name == "Caption"]
    assert "图1　各部门对地区生产总值增长的拉动" in captions
    assert any(c.startswith("图3　能源平衡") for c in captions)


def test_cli_briefing_states_findings_and_sources(cli_doc, base, targets):
    text = all_text(cli_doc)
    values = validate_adjustment({"coal.output": 7700}).values
    case = Case("x", values, model.run(values, base), base, targets)
    for level, sentence in findings(case, "zh"):
        assert f"【{level}】{sentence}" in text
    assert "相差 0.000000 亿元" not in text  # an identity that holds stays out
    for quote in base.frame["quote"].dropna().astype(str):
        assert quote in text  # every baseline figure with its quote
    for tg in targets.targets:
        assert tg.quote in text
    assert "六盘水市2024年政府工作报告" in text


def test_english_briefing_has_no_chinese_of_its_own(base, targets, pset):
    """Quotes and sources are the report's words; everything the briefing itself writes is
    English. Charts are left out here for speed (they are tested in Chinese above)."""
    values = validate_adjustment({"price.coal": -20}).values
    why = {"price.coal": "mines cut prices"}
    case = Case("Coal price -20%", values, model.run(values, base), base, targets, reasons=why)
    d = docx.Document(io.BytesIO(briefing_bytes(case, "en", chart_names=())))
    heads = [p.text for p in d.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert heads[0] == "Scenario briefing: Coal price -20%"
    assert "1. Headline figures" in heads and "6. Sources" in heads
    for p in d.paragraphs:
        if p.style.name != "List Bullet":  # findings may cite a report phrase
            assert not CJK.search(p.text), p.text
    cards = table_rows(d.tables[0])
    assert cards[0] == ["Indicator", "Projected", "Target", "Gap", "Status"]
    assert cards[5][1].endswith("10,000 t") and cards[6][1].endswith("100 million kWh")
    for row in table_rows(d.tables[1])[1:]:
        assert not CJK.search(" ".join(row[:5])), row
    changed = table_rows(d.tables[2])
    reason = pset["price.coal"].reason_en
    assert changed[1:] == [["Coal price change", "-20.0", "0.0", "%", "mines cut prices", reason]]


def test_any_name_makes_a_valid_document(base, targets):
    values = validate_adjustment({}).values
    proj = model.run(values, base)
    name = "煤\x00炭\x7f减\x1b产\ud800\ufffe方案\r\n="
    when = datetime(2026, 1, 1, 16, 5, tzinfo=UTC)
    case = Case(name, values, proj, base, targets, created=when)
    d = docx.Document(io.BytesIO(briefing_bytes(case, "zh", chart_names=())))
    assert d.paragraphs[0].text == "情景测算说明：煤炭减产方案 ="
    assert "生成于2026-01-02 00:05（北京时间）" in d.paragraphs[1].text


def test_charts_are_drawn_with_real_chinese_glyphs():
    """Two different characters give two different images: with no CJK font both would be the
    same empty box. In CI (fonts-noto-cjk installed by .ci/run) the Noto directory is found."""
    if IN_CI:
        assert charts.font_dir() is not None
    spec = {
        "data": {"values": [{"x": 0}]},
        "mark": {"type": "text", "fontSize": 40},
        "encoding": {"text": {"value": "X"}},
        "config": {"font": charts.FONT, "background": "white"},
    }
    drawn = []
    for ch in ("煤", "电"):
        spec["encoding"]["text"]["value"] = ch
        drawn.append(charts.png(spec))
    assert drawn[0] != drawn[1]


def test_briefing_charts_are_the_apps_specs(base, targets):
    from ui import charts as app_charts

    values = validate_adjustment({}).values
    proj = model.run(values, base)
    got = dict(charts.specs(proj, targets, "zh"))
    assert len(got) >= 3
    for name, spec in got.items():
        app = app_charts.chart(name, proj, targets, "zh").to_dict(validate=False)
        assert spec["width"] == charts.WIDTH and spec["config"]["font"] == charts.FONT
        assert {k: v for k, v in spec.items() if k not in ("width", "config")} == {
            k: v for k, v in app.items() if k not in ("width", "config")
        }


def wait_for_rerun(page) -> None:
    """Until Streamlit has finished the current rerun: no status widget, no stale element."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-stale=\"true\"]')",
        timeout=120_000,
    )


@pytest.mark.browser
@needs_browser
def test_browser_downloads_follow_the_chinese_name():
    """In real Chromium: name the scenario 煤炭减产方案, download the workbook, the briefing, the
    results table and the scenario file: each is named after it and reads back (openpyxl,
    python-docx, csv, the scenario parser)."""
    from openpyxl import load_workbook
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    require_browser()
    with AppServer() as server, chromium() as browser:
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        page.goto(server.url + "?coal.output=7700")
        wait_for_app(page)
        page.get_by_role("radio", name=t("app_tab_io", "zh"), exact=True).click()
        box = page.get_by_label(t("app_io_scenario_name", "zh"))
        box.wait_for()
        box.fill("煤炭减产方案")
        box.press("Enter")
        got = {}
        files = (("app_io_xlsx", ".xlsx"), ("xp_dl_docx", ".docx"), ("xp_dl_table", ".csv"))
        for key, ext in (*files, ("xp_dl_toml", ".toml")):
            button = page.get_by_role("button", name=t(key, "zh"))
            name = ""
            deadline = time.monotonic() + 180  # the machine is shared: reruns can be slow
            while name != "煤炭减产方案" + ext and time.monotonic() < deadline:
                wait_for_rerun(page)
                try:
                    with page.expect_download(timeout=60_000) as info:
                        button.click()
                    name = info.value.suggested_filename
                except PlaywrightTimeout:  # clicked while the page was being redrawn
                    continue
            assert name == "煤炭减产方案" + ext
            got[ext] = Path(info.value.path()).read_bytes()
        page.close()
    wb = load_workbook(io.BytesIO(got[".xlsx"]))
    assert wb.sheetnames[0] == "封面" and wb["封面"]["B3"].value == "煤炭减产方案"
    d = docx.Document(io.BytesIO(got[".docx"]))
    assert d.paragraphs[0].text == "情景测算说明：煤炭减产方案"
    assert len(d.inline_shapes) >= 3
    assert got[".csv"].decode("utf-8-sig").startswith("指标,单位,2023年,2024年")
    from sim.scenarios import parse_scenario_bytes

    scn = parse_scenario_bytes(got[".toml"])
    assert scn.title_zh == "煤炭减产方案" and scn.values == {"coal.output": 7700.0}


def test_the_briefing_never_imports_streamlit():
    """sim/ never imports Streamlit: the chart builders it borrows from ui/ must stay pure."""
    code = (
        "import sys\n"
        "from sim import io, model\n"
        "from sim.baseline import build_baseline\n"
        "from sim.briefing import charts\n"
        "from sim.metadata import validate_adjustment\n"
        "from sim.targets import load_targets\n"
        "base = build_baseline(io.read_baseline_frame())\n"
        "proj = model.run(validate_adjustment({}).values, base)\n"
        "assert len(charts.specs(proj, load_targets(), 'zh')) >= 3\n"
        "assert 'streamlit' not in sys.modules, 'streamlit imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)
