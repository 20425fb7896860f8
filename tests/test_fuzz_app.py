"""The app under generated shared links and uploads (AppTest): it never shows an exception, a
refused upload says why in the user's language with a bounded number of messages and keeps the
previous inputs, and the bounds are the command line's (sim.limits)."""

from __future__ import annotations

import math
import time

import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from sim import limits
from sim.metadata import load_parameters
from tests.fuzz_util import ROOT, examples, tally
from tests.test_app import app as _app

APP = str(ROOT / "app.py")
PSET = load_parameters()
BASE = pd.read_csv(ROOT / "data" / "baseline_2023.csv", dtype=str, keep_default_na=False)
MAX_BOXES = limits.MAX_ISSUES + 3  # listed problems, the count of the rest, cross-field rules


def app(query: dict | None = None, view: str | None = None, lang: str = "zh") -> AppTest:
    """tests/test_app.py's app(), in ``lang`` (a shared link's ?lang=)."""
    return _app({"lang": lang, **(query or {})}, view=view, lang=lang)


def cards(at: AppTest) -> list[str]:
    return [m.value for m in at.metric]


def finite_cards(at: AppTest) -> None:
    for m in at.metric:
        x = m.value.split()[0].rstrip("%").replace(",", "")
        assert math.isfinite(float(x)), m.value


values = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["1e308", "-1e308", "nan", "inf", "1" * 400, "999", "-999", "", "drivers",
                     "![x](http://example.invalid/p.png)", "[a](http://x)", "<b>x</b>", "\x00"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**30), 10**30).map(str),
)  # fmt: skip
keys = st.one_of(
    st.sampled_from([*PSET.ids, "lang", "view", "horizon.end_year"]), st.text(max_size=20)
)


@examples(25)
@given(query=st.dictionaries(keys, values, max_size=6), lang=st.sampled_from(["zh", "en"]))
@example(query={"horizon.persistence": "-1e-10"}, lang="zh")  # found here: inside the tolerance
@example(query={"growth.secondary": "![x](http://example.invalid/p.png)"}, lang="en")
def test_any_shared_link_renders_with_finite_cards_and_no_exception(query, lang):
    query = {k: v for k, v in query.items() if k and "\x00" not in k}
    at = app(query, lang=lang)
    finite_cards(at)
    for p in PSET.params:  # every slider within its range, whatever the link said
        if p.type != "choice" and p.id in at.session_state:
            assert p.min - 1e-9 <= float(at.session_state[p.id]) <= p.max + 1e-9
    tally("app: shared links", "rendered")


# ---------------------------------------------------------------------------- uploads
def upload(at: AppTest, key: str, name: str, data: bytes) -> AppTest:
    at.file_uploader(key=key).set_value((name, data, "application/octet-stream")).run()
    assert not at.exception, at.exception
    return at


toml_values = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(PSET.ids), st.text("abcxyz._", min_size=1, max_size=8)),
        st.sampled_from(["1", "999", "-5", '"x"', "nan", "[1]", "true", '"drivers"', "4.5"]),
    ),
    max_size=30,
)


@pytest.fixture(scope="module")
def io_tab() -> AppTest:
    return app(view="app_tab_io")


@examples(30)
@given(
    pairs=toml_values,
    n_unknown=st.sampled_from([0, 5, 60, 499, 600]),
    enc=st.sampled_from(["utf-8", "gbk", "utf-16"]),
)
def test_uploaded_scenario_files_apply_or_say_why_in_a_bounded_number_of_messages(
    io_tab, pairs, n_unknown, enc
):
    at = io_tab
    lines = ["[scenario]", 'id = "fz"', 'title_zh = "模糊测试"', "[values]"]
    lines += [f'"{k}" = {v}' for k, v in pairs] + [f'"junk{i}" = 1' for i in range(n_unknown)]
    data = "\n".join(lines).encode(enc)
    before = cards(at)
    upload(at, "_up_scn", "fz.toml", data)
    assert len(at.error) <= MAX_BOXES
    finite_cards(at)
    if at.error:
        assert cards(at) == before  # refused: the previous inputs stay
        tally("app: scenario uploads", "refused by name")
    else:
        assert any("模糊测试" in s.value for s in at.success)
        tally("app: scenario uploads", "applied")


mutations = st.sampled_from(
    ["year_2050", "year_2020", "wide", "many_rows", "big5", "latin1", "drop_gdp", "huge_value",
     "none"]
)  # fmt: skip


def baseline_bytes(kind: str) -> bytes:
    df = BASE[BASE.year == "2023"].copy()
    if kind == "year_2050":
        df["year"] = "2050"
    elif kind == "year_2020":
        df["year"] = "2020"
    elif kind == "drop_gdp":
        df = df[df.variable != "GDP"]
    elif kind == "huge_value":
        df.loc[df.variable == "GDP", "value"] = "1e300"
    text = df.to_csv(index=False)
    if kind == "many_rows":
        text += "X,GDP|Real Growth,%,2022,1\n" * limits.MAX_CSV_ROWS
    if kind == "wide":
        text = ",".join(f"c{i}" for i in range(150_000)) + "\n" + text
    if kind == "big5":
        return text.replace("Liupanshui", "六盤水市").encode("big5", errors="replace")
    if kind == "latin1":
        return text.replace("Liupanshui", "Zürich").encode("cp1252", errors="replace")
    return text.encode("utf-8")[: limits.MAX_FILE_BYTES]


@examples(15)
@given(kind=mutations)
def test_uploaded_baselines_load_or_say_why(io_tab, kind):
    at = io_tab
    before = cards(at)
    start = time.perf_counter()
    upload(at, "_up_base", f"{kind}.csv", baseline_bytes(kind))
    assert time.perf_counter() - start < 10  # the 150,000-column file took 15 s before
    assert len(at.error) <= MAX_BOXES
    finite_cards(at)
    if kind in ("year_2050", "wide", "many_rows", "drop_gdp", "huge_value"):
        assert at.error and cards(at) == before
        tally("app: baseline uploads", "refused by name")
    else:
        assert not at.error, [e.value for e in at.error]
        tally("app: baseline uploads", "loaded")
    if kind == "year_2020":
        assert any("2021" in w.value and "2024" in w.value for w in at.warning)


def test_a_file_over_the_upload_limit_is_one_message():
    at = app(view="app_tab_io", lang="en")
    upload(at, "_up_base", "big.csv", b"region,variable\n" + b"x" * limits.MAX_FILE_BYTES)
    assert len(at.error) == 1 and "at most 2 MB" in at.error[0].value


def test_fifty_thousand_unknown_keys_are_one_message_not_twenty_thousand():
    at = app(view="app_tab_io", lang="en")
    body = "\n".join(f'"k{i}" = 1' for i in range(50_000))
    data = f'[scenario]\nid = "x"\ntitle_zh = "x"\n[values]\n{body}\n'.encode()[
        : limits.MAX_FILE_BYTES
    ]
    upload(at, "_up_scn", "many.toml", data)
    assert len(at.error) == 1 and "at most 500" in at.error[0].value.replace("\\", "")


def test_four_hundred_unknown_keys_list_twenty_and_count_the_rest():
    at = app(view="app_tab_io", lang="zh")
    body = "\n".join(f'"k{i}" = 1' for i in range(400))
    upload(
        at,
        "_up_scn",
        "many.toml",
        f'[scenario]\nid = "x"\ntitle_zh = "x"\n[values]\n{body}\n'.encode(),
    )
    assert len(at.error) == limits.MAX_ISSUES + 1
    assert "另有 380 个问题" in at.error[-1].value


def test_the_apps_tracking_inputs_have_the_command_lines_bounds():
    from tests.test_analysis_ui import _app

    at = _app(view="In-year tracking")
    box = at.number_input(key="an_tr_gdp_growth")
    assert (box.proto.min, box.proto.max) == limits.YTD_GROWTH
    share = at.number_input(key="an_tr_share")
    assert (share.proto.min, share.proto.max) == limits.PERIOD_SHARE
    box.set_value(limits.YTD_GROWTH[1]).run()
    assert not at.exception
