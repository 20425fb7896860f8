"""Cached loaders (once per process) and cached computations (keyed on the inputs).

The model run is keyed on the tuple of every input value plus a baseline key, so moving a
slider back to an earlier value is a cache hit; chart specs are cached the same way, per chart
and language, because building an Altair chart costs far more than the model run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import streamlit as st

from sim import io, model
from sim.baseline import Baseline, build_baseline
from sim.metadata import ParamSet, load_parameters
from sim.model import Projection
from sim.profiles import find_profile
from sim.region import RegionSetup, region_setup
from sim.scenarios import Scenario, presets, sparse_diff
from sim.targets import TargetSet, load_targets

DEFAULT_BASE_KEY = "default"


@dataclass(frozen=True)
class Preset:
    scenario: Scenario
    values: dict
    diff: dict


@dataclass(frozen=True)
class Resources:
    pset: ParamSet
    targets: TargetSet
    presets: tuple[Preset, ...]
    base: Baseline  # the embedded Liupanshui baseline


@st.cache_resource(show_spinner=False)
def resources() -> Resources:
    pset = load_parameters()
    items = []
    for scn in presets():
        v = scn.validate(pset)
        items.append(Preset(scn, v.values, sparse_diff(v.values, pset)))
    base = build_baseline(io.read_baseline_frame())
    return Resources(pset, load_targets(), tuple(items), base)


@st.cache_resource(show_spinner=False, max_entries=50)
def _region(base_key: str, targets_key: tuple, _base: Baseline, _targets: TargetSet) -> RegionSetup:
    return region_setup(_base, _targets, find_profile(_base.region))


def region(base_key: str, base: Baseline, targets: TargetSet) -> RegionSetup:
    """The inputs of the baseline in use (sim.region): ranges, defaults and assumptions that
    follow the region, with the flags of what is not its own (cached per baseline and targets)."""
    key = (targets.region, targets.year, tuple((x.id, x.value, x.high) for x in targets.targets))
    return _region(base_key, key, base, targets)


def values_key(values: Mapping[str, object], pset: ParamSet) -> tuple:
    return tuple(values[pid] for pid in pset.ids)


@st.cache_data(max_entries=2000, show_spinner=False)
def _run(key: tuple, base_key: str, _base: Baseline, _pset: ParamSet) -> Projection:
    return model.run(dict(zip(_pset.ids, key, strict=True)), _base, _pset)


def projection(
    values: Mapping[str, object], base_key: str, base: Baseline, pset: ParamSet
) -> Projection:
    """The model run for these inputs on this baseline (cached)."""
    return _run(values_key(values, pset), base_key, base, pset)


@st.cache_data(max_entries=500, show_spinner=False)
def chart_template(name: str, shape: tuple, lang: str, _build: Callable) -> dict | None:
    """A chart's Vega-Lite spec, built once per chart, language and run shape (baseline and
    number of years); callers swap in the current data. ``_build`` runs on a miss only."""
    chart = _build()
    return None if chart is None else chart.to_dict(validate=False)


@st.cache_data(max_entries=200, show_spinner=False)
def chart_spec(name: str, key: tuple, lang: str, _build: Callable) -> dict | None:
    """A whole spec cached on everything it depends on (for charts without a template)."""
    chart = _build()
    return None if chart is None else chart.to_dict(validate=False)
