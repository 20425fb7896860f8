"""In-year tracking: the rest-of-year arithmetic checked by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.analysis.tracking import (
    annual_growth,
    annual_target_growth,
    even_share,
    growth_from_level,
    needed_rest_growth,
    track,
)
from sim.cli import main
from sim.errors import InputError


def test_half_year_even_split_by_hand():
    # 1.055 = 0.5 x 1.04 + 0.5 x (1 + r)  =>  r = 7%
    assert float(needed_rest_growth(4.0, 5.5, even_share(6, "month"))) == pytest.approx(7.0)


def test_first_quarter_even_split_by_hand():
    # (1.055 - 0.25 x 1.03) / 0.75 = 1.063333
    r = float(needed_rest_growth(3.0, 5.5, even_share(1, "quarter")))
    assert r == pytest.approx(6.3333333, abs=1e-6)


def test_given_base_year_share_changes_the_answer():
    # Q1 carried 22% of 2023 GDP (the planner's figure): (1.055 - 0.22 x 1.03) / 0.78
    r = float(needed_rest_growth(3.0, 5.5, 0.22))
    assert r == pytest.approx(100 * ((1.055 - 0.22 * 1.03) / 0.78 - 1))
    assert r < float(needed_rest_growth(3.0, 5.5, 0.25))


def test_coal_level_target_jan_sep(base, targets):
    big_g = annual_target_growth("coal_output", targets, base)
    assert big_g == pytest.approx(100 * (8000 / 7601.8 - 1))  # 5.238%
    rows = track({"coal_output": 3.0}, even_share(9, "month"), targets, base)
    hand = 100 * (((8000 / 7601.8) - 0.75 * 1.03) / 0.25 - 1)
    assert rows[0].needed == pytest.approx(hand)
    assert rows[0].gap == pytest.approx(hand - 3.0)


def test_growth_from_a_level_to_date():
    # 5,800万吨 in January-September against 75% of 7,601.8 in the base year
    assert growth_from_level(5800, 7601.8, 0.75) == pytest.approx(100 * (5800 / 5701.35 - 1))


def test_track_rows_for_several_targets(base, targets):
    rows = track({"gdp_growth": 4.0, "revenue_growth": 1.0}, 0.5, targets, base)
    by_id = {r.target_id: r for r in rows}
    assert by_id["gdp_growth"].needed == pytest.approx(7.0)
    assert by_id["revenue_growth"].needed == pytest.approx(5.0)  # 2 x 3 - 1
    assert by_id["gdp_growth"].label("zh") == "地区生产总值增长"


@given(
    st.floats(-20, 30),
    st.floats(-10, 20),
    st.floats(0.05, 0.95),
)
def test_needed_growth_gives_back_the_annual_target(ytd, target, share):
    r = needed_rest_growth(ytd, target, share)
    assert float(annual_growth(ytd, r, share)) == pytest.approx(target, abs=1e-9)


@pytest.mark.parametrize(("k", "unit"), [(0, "month"), (12, "month"), (4, "quarter"), (1, "week")])
def test_bad_period_raises(k, unit):
    with pytest.raises(InputError):
        even_share(k, unit)


@pytest.mark.parametrize("share", [0.0, 1.0, -0.2, 1.5])
def test_bad_share_raises(share):
    with pytest.raises(InputError):
        needed_rest_growth(4.0, 5.5, share)


def test_unknown_target_raises(base, targets):
    with pytest.raises(InputError):
        track({"nothing": 1.0}, 0.5, targets, base)


def test_cli_track(capsys):
    code = main(["track", "--months", "6", "--ytd", "gdp_growth=4", "--ytd", "coal_output=3.1"])
    out = capsys.readouterr().out
    assert code == 0
    assert "0.500" in out and "7.00%" in out


def test_cli_track_with_share(capsys):
    assert main(["track", "--quarters", "1", "--share", "0.22", "--ytd", "gdp_growth=3"]) == 0
    hand = 100 * ((1.055 - 0.22 * 1.03) / 0.78 - 1)
    assert f"{hand:.2f}%" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ["track", "--months", "12", "--ytd", "gdp_growth=4"],
        ["track", "--months", "6", "--ytd", "gdp=4"],
        ["track", "--months", "6", "--ytd", "gdp_growth=fast"],
        ["track", "--months", "6"],
        ["track", "--months", "6", "--share", "1.2", "--ytd", "gdp_growth=4"],
    ],
)
def test_cli_track_bad_input_exits_2(capsys, args):
    assert main(args) == 2
    assert capsys.readouterr().err.startswith("error: ")
