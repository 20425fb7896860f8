"""Inputs that cannot break the tool: property and fuzz tests (hypothesis) over the validator,
the loaders and the model. Every generated input either works or is refused with an InputError
(or an Issue) naming the field; nothing raises anything else, and no NaN or infinity reaches
a projected series or an export.
"""

from __future__ import annotations

import codecs
import io as _io
import math
import string

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sim import checks, io, model, physical
from sim.baseline import BLOCKS, REQUIRED_ROWS, build_baseline
from sim.errors import InputError
from sim.iamc import to_iamc
from sim.metadata import coerce_value, cross_field_issues, load_parameters, validate_adjustment
from sim.retired import RETIRED
from sim.scenarios import Scenario, parse_scenario_bytes, scenario_to_toml

PSET = load_parameters()
FLOATS = [p for p in PSET.params if p.type == "float"]
NUMERIC = [p for p in PSET.params if p.type != "choice"]
CHOICES = [p for p in PSET.params if p.type == "choice"]
BASE_CSV = io.DEFAULT_BASELINE.read_bytes()
MAX_MESSAGE = 400  # a message naming a 2 MB value must not be 2 MB long
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.text(alphabet="0123456789.-+eE%％ ", max_size=12),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.binary(max_size=10),
)


def in_range(p, value) -> bool:
    if p.type == "choice":
        return value in p.choices
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    ok = ok and math.isfinite(value) and p.min - 1e-9 <= value <= p.max + 1e-9
    return ok and (p.type != "int" or isinstance(value, int))


# ---------------------------------------------------------------------------- the validator
@FUZZ
@given(
    adj=st.dictionaries(
        st.one_of(st.sampled_from(PSET.ids), st.text(max_size=3000)), junk, max_size=12
    ),
    clamp=st.booleans(),
)
def test_validator_never_raises_and_names_every_problem(adj, clamp):
    v = validate_adjustment(adj, clamp=clamp)
    for p in PSET.params:
        assert in_range(p, v.values[p.id]), (p.id, v.values[p.id])
    for issue in v.issues:
        assert issue.level in ("error", "warn") and issue.field
        for text in (issue.zh, issue.en):
            assert text and len(text) <= MAX_MESSAGE, text[:200]
    if clamp:  # shared URLs: only cross-field rules can still be errors
        assert set(v.errors) <= {"struct.power_share", "fiscal.resource_tax_share"}  # cross-field
    if v.ok:
        assert not cross_field_issues(v.values)
    unknown = [pid for pid in adj if pid not in PSET.by_id and pid not in RETIRED]
    assert len([i for i in v.issues if i.en.endswith("no such parameter")]) == len(unknown)


@FUZZ
@given(data=st.data())
def test_every_number_in_range_is_accepted_in_any_spelling(data):
    p = data.draw(st.sampled_from(NUMERIC))
    if p.type == "int":
        x = data.draw(st.integers(int(p.min), int(p.max)))
    else:
        x = data.draw(st.floats(p.min, p.max, allow_nan=False))
    spelled = data.draw(st.sampled_from([x, str(x), f" {x} ", f"{x}%", f"{x}％", repr(float(x))]))
    value, err = coerce_value(p, spelled)
    assert err is None and value == pytest.approx(x, abs=1e-12)


@FUZZ
@given(data=st.data())
def test_every_number_out_of_range_is_refused_with_the_range(data):
    p = data.draw(st.sampled_from(NUMERIC))
    span = p.max - p.min
    x = data.draw(
        st.one_of(
            st.floats(p.max + 1e-6 * span + 1e-6, 1e300),
            st.floats(-1e300, p.min - 1e-6 * span - 1e-6),
        )
    )
    v = validate_adjustment({p.id: x})
    (issue,) = v.errors[p.id]
    assert f"{p.min:g}" in issue.en and f"{p.max:g}" in issue.en
    assert v.values[p.id] == p.default


# ---------------------------------------------------------------------------- loaders
def loads_or_refuses(fn, *args):
    try:
        return fn(*args)
    except InputError as e:
        assert str(e) and len(str(e)) <= MAX_MESSAGE * 2
        return None


@FUZZ
@given(data=st.binary(max_size=3000))
def test_random_bytes_never_crash_any_loader(data):
    loads_or_refuses(io.decode_text, data, "f")
    loads_or_refuses(io.parse_toml_bytes, data, "f.toml")
    loads_or_refuses(parse_scenario_bytes, data, "f.toml")
    frame = loads_or_refuses(io.read_baseline_frame, data)
    if frame is not None:
        loads_or_refuses(build_baseline, frame)


toml_scalar = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(
        lambda x: (
            "nan" if x != x else ("inf" if x == math.inf else "-inf" if x == -math.inf else repr(x))
        )
    ),
    st.text(max_size=20).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.sampled_from(["true", "false", "[]", "[1, 2]", "{}", "1979-05-27", '"target"', '"drivers"']),
)
toml_key = st.one_of(
    st.sampled_from(PSET.ids).map(lambda k: f'"{k}"'),
    st.sampled_from(PSET.ids),  # unquoted dotted keys make nested tables
    st.text(alphabet=string.ascii_letters + "._-", min_size=1, max_size=12),
)


@FUZZ
@given(
    head=st.dictionaries(
        st.sampled_from(["id", "title_zh", "title_en", "description_zh", "source", "x"]),
        toml_scalar,
        max_size=6,
    ),
    values=st.lists(st.tuples(toml_key, toml_scalar), max_size=10),
    has_head=st.booleans(),
)
def test_random_scenario_files_load_or_name_the_problem(head, values, has_head):
    lines = ["[scenario]", *(f"{k} = {v}" for k, v in head.items())] if has_head else []
    lines += ["[values]", *(f"{k} = {v}" for k, v in values)]
    scn = loads_or_refuses(parse_scenario_bytes, "\n".join(lines).encode("utf-8"), "s.toml")
    if scn is not None:
        v = scn.validate()
        for p in PSET.params:
            assert in_range(p, v.values[p.id])


def test_scenario_written_with_unquoted_dotted_keys_still_loads():
    text = '[scenario]\nid = "x"\ntitle_zh = "x"\n[values]\ngrowth.primary = 4\nprice.coal = -5\n'
    scn = parse_scenario_bytes(text.encode(), "s.toml")
    v = scn.validate()
    assert v.ok and v.values["growth.primary"] == 4 and v.values["price.coal"] == -5


BASE_ROWS = pd.read_csv(_io.BytesIO(BASE_CSV), dtype=str, keep_default_na=False)
mutation = st.sampled_from(
    ["drop", "unit", "value_nan", "value_inf", "value_text", "value_huge", "value_zero",
     "value_negative", "year_text", "year_far", "duplicate", "region", "blank"]
)  # fmt: skip


@FUZZ
@given(muts=st.lists(st.tuples(mutation, st.integers(0, len(BASE_ROWS) - 1)), max_size=4))
def test_mutated_baselines_are_refused_or_run_to_finite_results(muts):
    df = BASE_ROWS.copy()
    for kind, i in muts:
        i = min(i, len(df) - 1)
        col, new = {
            "unit": ("unit", "万元"),
            "value_nan": ("value", "nan"),
            "value_inf": ("value", "inf"),
            "value_text": ("value", "about 5"),
            "value_huge": ("value", "1e300"),
            "value_zero": ("value", "0"),
            "value_negative": ("value", "-" + str(df.at[df.index[i], "value"])),
            "year_text": ("year", "2023年"),
            "year_far": ("year", "20230"),
            "region": ("region", "Elsewhere"),
            "blank": ("variable", ""),
        }.get(kind, (None, None))
        if kind == "drop":
            df = df.drop(df.index[i])
        elif kind == "duplicate":
            row = df.iloc[[i]].assign(value="1.5")
            df = pd.concat([df, row], ignore_index=True)
        else:
            df.at[df.index[i], col] = new
        if df.empty:
            return
    data = df.to_csv(index=False).encode("utf-8")
    frame = loads_or_refuses(io.read_baseline_frame, data)
    base = None if frame is None else loads_or_refuses(build_baseline, frame)
    if base is not None:
        assert_finite(model.run(validate_adjustment({}).values, base))


@pytest.mark.parametrize(
    ("encoding", "sep"),
    [("utf-8", ","), ("utf-8-sig", ","), ("gb18030", ","), ("gbk", ","), ("utf-16", ","),
     ("utf-16", "\t"), ("utf-8", ";")],
)  # fmt: skip
def test_baseline_in_every_common_encoding_reads_the_same(encoding, sep):
    """UTF-8 with or without BOM, GBK as Excel on Chinese Windows saves CSV, UTF-16 tab-separated
    as Excel's "Unicode text", and semicolons as European Excel writes CSV."""
    text = BASE_ROWS.to_csv(index=False, sep=sep) if sep != "," else BASE_CSV.decode("utf-8")
    data = text.encode(encoding)
    if encoding == "utf-16":
        assert data.startswith(codecs.BOM_UTF16)
    a = build_baseline(io.read_baseline_frame(data))
    b = build_baseline(io.read_baseline_frame(BASE_CSV))
    assert a.values == b.values and list(a.frame.quote) == list(b.frame.quote)


def test_oversized_and_binary_files_say_what_to_do():
    with pytest.raises(InputError, match="at most 2 MB"):
        io.decode_text(b"a" * (io.MAX_UPLOAD_BYTES + 1), "big.csv")
    with pytest.raises(InputError, match="CSV"):
        io.read_baseline_frame(b"PK\x03\x04" + b"\x00" * 50)  # an .xlsx
    with pytest.raises(InputError, match="UTF-8"):
        io.decode_text(b"caf\xe9 \x80\xff\xfe\x81", "latin.csv")


# ---------------------------------------------------------------------------- the model
def assert_finite(proj, draws=None):
    """Projected years finite in every series; base-year NaN only where the baseline is silent.
    A contribution rate is undefined (NaN) when GDP does not grow at all."""
    gdp_g = proj.series["GDP|Real Growth"][:, 1:]
    for name, arr in proj.series.items():
        a = arr[:, 1:] if draws is None else arr[draws, 1:]
        bad = ~np.isfinite(a)
        if name.endswith("|Contribution Rate"):
            g = gdp_g if draws is None else gdp_g[draws]
            bad &= np.abs(g) > 1e-9
        assert not bad.any(), f"{name}: {np.argwhere(bad)[:3].tolist()}"
        assert not np.isinf(arr[:, 0]).any(), name


@settings(max_examples=400, deadline=None)
@given(
    at_max=st.lists(st.booleans(), min_size=len(FLOATS), max_size=len(FLOATS)),
    mode=st.sampled_from(CHOICES[0].choices),
    end=st.sampled_from([2024, 2030]),
)
def test_every_extreme_combination_is_finite_or_refused_by_name(base, targets, at_max, mode, end):
    adj = {
        p.id: (p.max if hi else p.min)
        for p, hi in zip(FLOATS, at_max, strict=True)
        if p.mode in ("", mode)  # an input of the other mode is refused by name (tested apart)
    }
    adj |= {"industry.mode": mode, "horizon.end_year": end}
    v = validate_adjustment(adj)
    if not v.ok:
        assert set(v.errors) <= {"struct.power_share", "fiscal.resource_tax_share"}  # cross-field
        return
    proj = model.run(v.values, base)
    if physical.breaks(proj):  # refused by name: the CLI's one line, the app's check
        return
    assert_finite(proj)
    df = to_iamc(proj, "extreme")
    assert np.isfinite(df["value"]).all()
    for c in checks.consistency(proj, targets):
        assert c.level in ("ok", "info", "warn") and c.en


def test_vectorized_sweep_of_corners(base):
    """20,000 random corners (each float input at its min or max), both modes, to 2030, in a
    few vectorized runs: every valid one not refused by name (sim.physical) is finite."""
    rng = np.random.default_rng(2024)
    n = 5000
    for mode in (0.0, 1.0):
        for _round in range(2):
            hi = rng.random((n, len(FLOATS))) < 0.5
            x = {p.id: np.where(hi[:, j], p.max, p.min) for j, p in enumerate(FLOATS)}
            x["industry.mode"] = np.full(n, mode)
            for p in CHOICES:  # the accounting rule and its switches drawn at random
                if p.id != "industry.mode":
                    x[p.id] = rng.integers(0, len(p.choices), n).astype(float)
            x["horizon.end_year"] = np.full(n, 2030.0)
            valid = (x["struct.coal_share"] + x["struct.power_share"] <= 95) & (
                x["fiscal.vat_share"] + x["fiscal.cit_share"] + x["fiscal.resource_tax_share"]
                <= 100
            )
            proj = model.project(x, base, 2030 - base.year)
            valid &= ~physical.broken(proj)  # refused by name, like the CLI's one line
            assert valid.sum() > 150  # about 6% of the corners are neither invalid nor refused
            assert_finite(proj, draws=np.flatnonzero(valid))


PSET_MODE = {p.id: p.mode for p in FLOATS}


def minimal_baseline():
    """Only the required rows: every optional block skipped."""
    df = pd.read_csv(_io.BytesIO(BASE_CSV))
    return build_baseline(df[df.variable.isin(REQUIRED_ROWS) & (df.year == 2023)])


@settings(max_examples=200, deadline=None)
@given(
    vals=st.fixed_dictionaries({p.id: st.floats(p.min, p.max) for p in FLOATS}),
    mode=st.sampled_from(CHOICES[0].choices),
    end=st.integers(2024, 2030),
    minimal=st.booleans(),
)
def test_anywhere_in_range_is_finite_on_full_and_minimal_baselines(base, vals, mode, end, minimal):
    vals = {k: x for k, x in vals.items() if PSET_MODE[k] in ("", mode)}
    v = validate_adjustment({**vals, "industry.mode": mode, "horizon.end_year": end})
    assume(v.ok)
    b = minimal_baseline() if minimal else base
    proj = model.run(v.values, b)
    assert_finite(proj)
    assert np.isfinite(to_iamc(proj, "any")["value"]).all()
    assert set(BLOCKS) >= {k for k, on in b.blocks.items() if on}


def test_round_trip_of_generated_scenarios_through_toml():
    scn = Scenario("x", "标题 =1", "t", values={"growth.primary": 4.25, "industry.mode": "drivers"})
    again = parse_scenario_bytes(scenario_to_toml(scn).encode("utf-8"), "x.toml")
    assert again.values == scn.values and again.title_zh == "标题 =1"


# ---------------------------------------------------------------------------- hand-picked cases
def edited(**changes) -> bytes:
    """The embedded baseline with some cells changed: {variable: {column: new text}}."""
    df = BASE_ROWS.copy()
    for var, cols in changes.items():
        for col, new in cols.items():
            df.loc[df.variable == var.replace("_", "|"), col] = new
    return df.to_csv(index=False).encode("utf-8")


@pytest.mark.parametrize(
    ("data", "field", "fragment"),
    [
        (edited(Capacity_Electricity={"value": "0"}), "Capacity|Electricity", "positive"),
        (edited(Production_Coal={"value": "-5"}), "Production|Coal", "positive"),
        (edited(Electricity_Generation={"value": "1e12"}), "Electricity|Generation", "at most"),
        (edited(Revenue_Tax_Share={"value": "0"}), "Revenue|Tax|Share", "more than 0"),
        (edited(Share_Industry={"value": "-1"}), "Share|Industry", "negative"),
        (edited(GDP={"region": "Anshun"}), "region", "one region per file"),
        (edited(GDP={"year": "2023.5"}), "year", "whole number"),
        (edited(GDP={"unit": "万元"}), "unit", "'100m CNY' or '亿元'"),
        (edited(GDP={"value": "n/a"}), "value", "not a number"),
    ],
)
def test_baseline_refusals_name_the_field_and_what_is_allowed(data, field, fragment):
    with pytest.raises(InputError) as e:
        build_baseline(io.read_baseline_frame(data))
    assert field in str(e.value) and fragment in str(e.value)


def test_baseline_as_planners_type_it_is_accepted():
    data = edited(
        GDP={"unit": "亿元", "value": "1,557.64"}, Share_Primary={"value": "11.9%", "unit": "％"}
    )
    a = build_baseline(io.read_baseline_frame(data))
    assert a.gdp == 1557.64 and a.values["Share|Primary"] == 11.9


def test_conflicting_duplicate_rows_are_refused_identical_ones_kept():
    dup = pd.concat([BASE_ROWS, BASE_ROWS.iloc[[0]]], ignore_index=True)
    assert build_baseline(io.read_baseline_frame(dup.to_csv(index=False).encode())).gdp == 1557.64
    dup.loc[len(dup) - 1, "value"] = "1600"
    with pytest.raises(InputError, match="appears twice"):
        build_baseline(io.read_baseline_frame(dup.to_csv(index=False).encode()))


def test_scenario_file_in_gbk_runs_from_the_command_line(tmp_path, capsys):
    from sim.cli import main

    text = '[scenario]\nid = "gbk"\ntitle_zh = "国标编码"\n[values]\ngrowth.primary = 4\n'
    f = tmp_path / "gbk.toml"
    f.write_bytes(text.encode("gbk"))
    assert main(["run", str(f)]) == 0
    assert "gbk" in capsys.readouterr().out


def test_messages_about_huge_values_stay_short():
    v = validate_adjustment({"x" * 5000: 1, "growth.primary": "9" * 5000, "price.coal": 10**5000})
    assert len(v.issues) == 3
    assert all(len(i.en) < 200 and len(i.zh) < 200 for i in v.issues)
    assert "no such parameter" in v.issues[0].en and "…" in v.issues[0].field
