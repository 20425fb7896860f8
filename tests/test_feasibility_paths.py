"""Feasibility map against the hand formula, and cumulative paths and the five-year plan check."""

from __future__ import annotations

import numpy as np
import pytest

from sim.analysis.evaluate import evaluate
from sim.analysis.feasibility import feasibility_map
from sim.analysis.paths import FYP_TARGET_ID, cumulative_table, fyp_intensity
from sim.errors import InputError
from sim.metadata import validate_adjustment
from sim.model import run
from sim.targets import load_targets

_PLAN = load_targets().by_id(FYP_TARGET_ID)
PLAN = {"target": _PLAN.value, "start": _PLAN.start_year, "end": _PLAN.end_year}

W_P, W_S, W_T = 0.119, 0.441, 0.44
W_OIND, W_OSERV = 0.396 * 0.38, 0.44 * 0.8


@pytest.fixture
def target(defaults):
    return {**defaults, "industry.mode": "target"}


def test_drivers_mode_region_over_the_open_parts_by_hand(base, defaults, targets):
    """Drivers mode: GDP growth is linear in other industry and other services, with slopes
    their weights; the 5.5 'about' line is a half plane."""
    fmap = feasibility_map(
        defaults, base, "industry.other_growth", "services.other_growth", ["gdp_growth"], n=21
    )
    gx, gy = np.meshgrid(fmap.xs, fmap.ys)
    now = run(defaults, base).value("GDP|Real Growth")
    gdp = now + W_OIND * (gx - 9.13) + W_OSERV * (gy - 4.803)
    margin = gdp - (5.5 - targets.tolerance)
    clear = np.abs(margin) > 1e-6
    assert np.array_equal(fmap.ok[clear], (margin >= 0)[clear])


def test_gdp_feasible_region_is_the_half_plane_by_hand(base, target, targets):
    defaults = target
    fmap = feasibility_map(
        defaults, base, "growth.secondary", "growth.tertiary", ["gdp_growth"], n=21
    )
    gx, gy = np.meshgrid(fmap.xs, fmap.ys)
    gdp = W_P * 3.5 + W_S * gx + W_T * gy
    margin = gdp - (5.5 - targets.tolerance)  # 'about': near counts as holding
    clear = np.abs(margin) > 1e-9
    assert np.array_equal(fmap.ok[clear], (margin >= 0)[clear])
    assert fmap.current == (6.5, 5.0)
    assert 0 < fmap.share_ok < 1 and fmap.valid.all()


def test_more_targets_never_enlarge_the_region(base, target):
    defaults = target
    one = feasibility_map(defaults, base, "growth.secondary", "price.coal", ["gdp_growth"], n=15)
    two = feasibility_map(
        defaults, base, "growth.secondary", "price.coal", ["gdp_growth", "revenue_growth"], n=15
    )
    assert not (two.ok & ~one.ok).any()
    assert np.array_equal(two.ok, one.by_target["gdp_growth"] & two.by_target["revenue_growth"])


def test_invalid_structure_combinations_are_marked(base, defaults):
    fmap = feasibility_map(
        defaults, base, "struct.coal_share", "struct.power_share", ["gdp_growth"], n=11
    )
    gx, gy = np.meshgrid(fmap.xs, fmap.ys)
    assert np.array_equal(fmap.valid, gx + gy <= 95 + 1e-9)
    assert not (fmap.ok & ~fmap.valid).any()


@pytest.mark.parametrize(
    ("x", "y", "tids"),
    [
        ("growth.primary", "growth.primary", ["gdp_growth"]),
        ("growth.primary", "industry.mode", ["gdp_growth"]),
        ("growth.primary", "growth.tertiary", ["no_such"]),
        ("growth.primary", "growth.tertiary", ["urbanisation_rate"]),  # not covered
        ("growth.primary", "growth.secondary", ["gdp_growth"]),  # target-mode input
        ("growth.primary", "growth.tertiary", []),
    ],
)
def test_feasibility_bad_requests(base, defaults, x, y, tids):
    with pytest.raises(InputError):
        feasibility_map(defaults, base, x, y, tids)


def test_evaluate_is_salib_shaped(base, target):
    defaults = target
    X = np.array([[3.5, 6.5, 5.0], [0.0, 0.0, 0.0], [10.0, 10.0, 10.0]])
    names = ["growth.primary", "growth.secondary", "growth.tertiary"]
    y = evaluate(X, names, base, defaults, "GDP|Real Growth")
    assert y.shape == (3,)
    assert y == pytest.approx([5.483, 0.0, 10.0])
    Y = evaluate(X, names, base, defaults, ["GDP|Real Growth", "Energy Intensity|Change"])
    assert Y.shape == (3, 2)
    with pytest.raises(InputError):
        evaluate(X[:, :2], names, base, defaults, "GDP|Real Growth")


def test_cumulative_table_by_hand(base):
    values = validate_adjustment({"horizon.end_year": 2026}).values
    proj = run(values, base)
    tab = cumulative_table(proj)
    g = tab["gdp_growth"].to_numpy()
    assert list(tab["year"]) == [2024, 2025, 2026]
    assert tab["gdp_cumulative"].iloc[-1] == pytest.approx(100 * (np.prod(1 + g / 100) - 1))
    avg = 100 * (np.prod(1 + g / 100) ** (1 / 3) - 1)
    assert tab["gdp_average"].iloc[-1] == pytest.approx(avg)
    ei = tab["intensity_change"].to_numpy()
    assert tab["intensity_cumulative"].iloc[-1] == pytest.approx(100 * (np.prod(1 + ei / 100) - 1))


def test_five_year_plan_intensity_with_and_without_prior_years(base):
    values = validate_adjustment({"horizon.end_year": 2025}).values
    proj = run(values, base)
    e24, e25 = (
        proj.value("Energy Intensity|Change", 2024),
        proj.value("Energy Intensity|Change", 2025),
    )
    part = fyp_intensity(proj, base, **PLAN)
    assert part.missing == [2021, 2022] and part.met is None
    known = (1 - 0.028) * (1 + e24 / 100) * (1 + e25 / 100)
    assert part.cumulative == pytest.approx(100 * (known - 1))
    assert part.needed_missing == pytest.approx(100 * ((0.87 / known) ** 0.5 - 1))
    full = fyp_intensity(proj, base, {2021: -3.7, 2022: -3.0}, **PLAN)
    assert not full.missing
    assert full.cumulative == pytest.approx(100 * (known * 0.963 * 0.97 - 1))
    assert full.met is (full.cumulative <= -13.0)


def test_one_year_horizon_leaves_2025_missing(base, defaults):
    check = fyp_intensity(run(defaults, base), base, {2021: -3.7, 2022: -3.0}, **PLAN)
    assert check.missing == [2025]
