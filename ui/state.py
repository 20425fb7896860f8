"""Session state: inputs seeded from the URL, written back to it, the active baseline and the
notices that outlive one rerun.

Every input lives in ``st.session_state`` under its parameter id, the key of its one widget.
On the first run of a session the values come from the query string (clamped by
``sim.metadata.validate_adjustment(..., clamp=True)``; junk is dropped with a warning), before
any widget exists, and no widget passes ``value=``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import streamlit as st

from sim.baseline import Baseline
from sim.i18n import LANGS
from sim.metadata import Issue, Param, ParamSet, cross_field_issues, validate_adjustment
from sim.scenarios import sparse_diff
from sim.targets import TargetSet

from .cache import DEFAULT_BASE_KEY, Resources, region, values_key

SEEDED = "_seeded"
LANG = "lang"
VIEW = "view"
URL_ISSUES = "_url_issues"
LAST_VALID = "_last_valid"
BASELINES = "_baselines"  # {key: (Baseline, source text key)}
BASE_KEY = "_base_key"
MESSAGES = "_messages"  # [(level, zh, en)] shown in the import/export tab
PINNED = "_pinned"
SCN_NAME = "_scn_name"
ISSUES = "_issues"  # cross-field problems of this run, shown beside their widgets
TARGETS = "_targets"  # {baseline key: TargetSet} for baselines read from another report
PENDING = "_pending_values"  # inputs to set at the start of the next run, before any widget
GUIDE = "guide"  # query flag: guide=0 once the first-run guide is dismissed
PIN = "pin"  # query key, repeated: one pinned comparison each (see pin_value)
RESERVED = (LANG, GUIDE, PIN)  # query keys that are not inputs


def typed(p: Param, value):
    """The value in the type its widget expects (int slider, float slider, choice)."""
    if p.type == "int":
        return int(value)
    if p.type == "float":
        return float(value)
    return value


def init(pset: ParamSet) -> None:
    """First run of a session: language and inputs from the URL, everything else default."""
    ss = st.session_state
    if ss.get(SEEDED):
        return
    qp = st.query_params
    lang = qp.get(LANG)
    ss[LANG] = lang if lang in LANGS else "zh"
    # Every key that is not the language, the guide flag or a pin is read as an input id, so an
    # unknown one (?foo=1) is named in the notice and dropped from the address bar by sync_url.
    adjustment = {k: qp.get(k) for k in qp if k not in RESERVED}
    v = validate_adjustment(adjustment, pset, clamp=True)
    issues = [i for i in v.issues if i.level == "warn"]
    if not v.ok:
        # A combination the model refuses (shares adding up to too much): drop the shared
        # link's values of that group and say so.
        bad = {pset[f].group for f in v.errors if f in pset.by_id}
        kept = {
            k: x for k, x in adjustment.items() if k not in pset.by_id or pset[k].group not in bad
        }
        issues += [i for errs in v.errors.values() for i in errs]
        v = validate_adjustment(kept, pset, clamp=True)
    pins, pin_issues = read_pins(qp.get_all(PIN), pset)
    ss[URL_ISSUES] = issues + pin_issues
    if pins:
        ss[PINNED] = pins
    ss[GUIDE] = qp.get(GUIDE) != "0"
    apply_values(v.values, pset)
    ss[SEEDED] = True


def apply_pending(pset: ParamSet) -> None:
    """Inputs queued by an action that ran after the widgets existed (see queue_values)."""
    pending = st.session_state.pop(PENDING, None)
    if pending is not None:
        apply_values(pending, pset)


def queue_values(values: Mapping[str, object]) -> None:
    """Set the inputs on the next run (a widget's value cannot change once it is drawn)."""
    st.session_state[PENDING] = dict(values)


def apply_values(values: Mapping[str, object], pset: ParamSet) -> None:
    """Set every input (callbacks and first run only: before the widgets exist)."""
    for p in pset.params:
        st.session_state[p.id] = typed(p, values.get(p.id, p.default))
    st.session_state[LAST_VALID] = {p.id: st.session_state[p.id] for p in pset.params}


def lang() -> str:
    return st.session_state.get(LANG) or "zh"


def current_values(pset: ParamSet) -> tuple[dict, list[Issue]]:
    """The inputs as the widgets hold them. When a cross-field rule fails (for example coal and
    power shares leaving no other industry) the last valid inputs are used and the issues are
    returned so they can be shown beside the widgets."""
    ss = st.session_state
    values = {p.id: _within(p, ss.get(p.id, p.default)) for p in pset.params}
    for pid, v in values.items():  # another baseline's ranges: a value outside is moved in
        if ss.get(pid) is not None and v != ss[pid]:
            ss[pid] = v
    issues = cross_field_issues(values)
    ss[ISSUES] = issues
    if issues:
        return dict(ss.get(LAST_VALID) or pset.defaults()), issues
    ss[LAST_VALID] = values
    return values, []


def _within(p: Param, value):
    """The value inside the parameter's range (ranges follow the baseline, sim.region)."""
    if p.type == "choice":
        return value if value in p.choices else p.default
    try:
        x = min(max(float(value), float(p.min)), float(p.max))
    except (TypeError, ValueError):
        return p.default
    return typed(p, x) if x != float(value) else value


def current_issues() -> list[Issue]:
    return list(st.session_state.get(ISSUES, []))


def url_value(p: Param, value) -> str:
    if p.type == "float":
        return f"{float(value):.10g}"
    return str(value)


MAX_PIN_NAME = 60


def pin_value(pin: Mapping, pset: ParamSet) -> str:
    """One pinned comparison as a query value: ``name~id=value~id=value`` (its sparse diff)."""
    name = str(pin["name"]).replace("~", " ")[:MAX_PIN_NAME]
    diff = sparse_diff(pin["values"], pset)
    return "~".join([name, *(f"{k}={url_value(pset[k], v)}" for k, v in diff.items())])


def read_pins(raw: list[str], pset: ParamSet, most: int = 4) -> tuple[list[dict], list[Issue]]:
    """Pinned comparisons from the query string, each checked like a shared link's inputs."""
    pins, issues = [], []
    for text in raw[:most]:
        name, *pairs = str(text).split("~")
        adjustment = dict(p.split("=", 1) for p in pairs if "=" in p)
        v = validate_adjustment(adjustment, pset, clamp=True)
        issues += [i for i in v.issues if i.level == "warn"]
        if not v.ok:
            issues += [i for errs in v.errors.values() for i in errs]
            continue
        pins.append(
            {
                "name": name.strip()[:MAX_PIN_NAME] or "?",
                "values": v.values,
                "base_key": DEFAULT_BASE_KEY,
            }
        )
    return pins, issues


def url_state(values: Mapping[str, object], lang_: str, pset: ParamSet) -> dict[str, object]:
    """Everything a shared link carries: inputs that differ, language, pins (default baseline
    only: an uploaded baseline stays in the session), the guide flag."""
    want: dict[str, object] = {
        k: url_value(pset[k], v) for k, v in sparse_diff(values, pset).items()
    }
    if lang_ != "zh":
        want[LANG] = lang_
    pins = [p for p in st.session_state.get(PINNED, []) if p.get("base_key") == DEFAULT_BASE_KEY]
    if pins:
        want[PIN] = [pin_value(p, pset) for p in pins]
    if not st.session_state.get(GUIDE, True):
        want[GUIDE] = "0"
    return want


def sync_url(values: Mapping[str, object], lang_: str, pset: ParamSet) -> None:
    """Write the sparse diff (inputs that differ from the defaults), the language, the pins and
    the guide flag to the query string; remove every other key (inputs back at their default,
    junk and unknown keys, already named in the notice)."""
    qp = st.query_params
    want = url_state(values, lang_, pset)
    for k in list(qp):
        if k not in want:
            del qp[k]
    for k, v in want.items():
        if isinstance(v, list):
            if qp.get_all(k) != v:
                qp[k] = v
        elif qp.get(k) != v:
            qp[k] = v


def run_key(ctx) -> tuple:
    """What a result of the current scenario depends on: the baseline and every input."""
    return (st.session_state.get(BASE_KEY, DEFAULT_BASE_KEY), values_key(ctx.values, ctx.pset))


def baseline(res: Resources) -> tuple[str, Baseline, str]:
    """(key, Baseline, source text key) of the baseline in use."""
    ss = st.session_state
    key = ss.get(BASE_KEY, DEFAULT_BASE_KEY)
    if key != DEFAULT_BASE_KEY and key in ss.get(BASELINES, {}):
        base, source = ss[BASELINES][key]
        return key, base, source
    return DEFAULT_BASE_KEY, res.base, "app_io_source_default"


def active_region(res: Resources) -> str:
    """The region of the baseline in use (cheap: for the page title before anything else)."""
    return baseline(res)[1].region


def baseline_by_key(key: str, res: Resources) -> Baseline:
    if key == DEFAULT_BASE_KEY:
        return res.base
    return st.session_state[BASELINES][key][0]


def use_baseline(key: str, base: Baseline, source: str, targets: TargetSet | None = None) -> None:
    """Make ``base`` the baseline in use; ``targets`` (from the same report) replace the
    Liupanshui targets while it is in use."""
    ss = st.session_state
    ss.setdefault(BASELINES, {})[key] = (base, source)
    if targets is not None:
        ss.setdefault(TARGETS, {})[key] = targets
    ss[BASE_KEY] = key


def region_setup(res: Resources):
    """sim.region.RegionSetup of the baseline in use: its ParamSet replaces res.pset."""
    key, base, _ = baseline(res)
    return region(key, base, targets(res))


def targets(res: Resources) -> TargetSet:
    """The targets of the baseline in use: its own report's, else params/targets.toml."""
    ss = st.session_state
    return ss.get(TARGETS, {}).get(ss.get(BASE_KEY, DEFAULT_BASE_KEY), res.targets)


def scenario_id(values: Mapping[str, object], res: Resources, pset: ParamSet | None = None) -> str:
    """The preset these inputs equal (its changes on the region's defaults ``pset``), or
    'custom'."""
    diff = sparse_diff(values, pset or res.pset)
    for p in res.presets:
        if _same(diff, p.diff):
            return p.scenario.id
    return "custom"


def _same(a: Mapping, b: Mapping) -> bool:
    if a.keys() != b.keys():
        return False
    for k, x in a.items():
        y = b[k]
        if isinstance(x, str) or isinstance(y, str):
            if x != y:
                return False
        elif not math.isclose(float(x), float(y), abs_tol=1e-9):
            return False
    return True


def message(level: str, zh: str, en: str) -> None:
    st.session_state.setdefault(MESSAGES, []).append((level, zh, en))


def pop_messages() -> list[tuple[str, str, str]]:
    return st.session_state.pop(MESSAGES, [])
