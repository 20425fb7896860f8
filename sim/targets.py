"""Targets of the report and the scoreboard: projected value, target, gap and status."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import io, limits
from .errors import InputError
from .i18n import t
from .model import Projection

STATUSES = ("met", "near", "missed", "na")


@dataclass(frozen=True)
class Target:
    id: str
    variable: str
    label_zh: str
    label_en: str
    value: float
    unit: str
    qualifier: str  # about | at_least | at_most
    sense: str  # higher | lower
    covered: bool
    quote: str
    position: int | None = None
    source: str = ""  # where a target not quoted from the report comes from
    start_year: int | None = None  # for a cumulative (plan-period) target
    end_year: int | None = None
    high: float | None = None  # upper end when qualifier == "range" (value is the lower end)
    stretch: float | None = (
        None  # a plan's stretch goal (力争), in the unit of value, if it has one
    )

    def label(self, lang: str = "zh") -> str:
        return self.label_zh if lang == "zh" else self.label_en


@dataclass(frozen=True)
class TargetSet:
    targets: tuple[Target, ...]
    year: int
    tolerance: float
    region: str = ""

    @property
    def covered(self) -> list[Target]:
        return [x for x in self.targets if x.covered]

    def by_variable(self, variable: str) -> Target | None:
        return next((x for x in self.targets if x.variable == variable), None)

    def by_id(self, target_id: str) -> Target | None:
        return next((x for x in self.targets if x.id == target_id), None)


REQUIRED = {"id": str, "variable": str, "value": (int, float), "unit": str}
CHOICES = {"qualifier": ("about", "at_least", "at_most", "range"), "sense": ("higher", "lower")}


def targets_from_doc(doc: dict, name: str = "targets file") -> TargetSet:
    """Build a TargetSet from parsed TOML, naming the first missing or malformed field."""
    meta = doc.get("meta", {})
    if not isinstance(meta, dict):
        raise InputError(key="err_tg_meta", field=name)
    raw_items = doc.get("target")
    if not isinstance(raw_items, list) or not raw_items:
        raise InputError(key="err_tg_none", field=name)
    items = []
    if len(raw_items) > limits.MAX_SCENARIO_KEYS:
        raise InputError(
            key="err_tg_many", field=name, n=len(raw_items), limit=limits.MAX_SCENARIO_KEYS
        )
    seen: set[str] = set()
    for i, raw in enumerate(raw_items, start=1):
        if not isinstance(raw, dict):
            raise InputError(key="err_tg_table", field=f"target {i}")
        for key, typ in REQUIRED.items():
            val = raw.get(key)
            if not isinstance(val, typ) or isinstance(val, bool):
                raise InputError(key="err_tg_field", field=f"target.{key}", i=i, name=key)
        try:
            value = float(raw["value"])
        except OverflowError:
            value = math.inf
        if not math.isfinite(value):
            raise InputError(key="err_tg_value", field="target.value", id=_cut(raw["id"]))
        if raw["id"] in seen:
            raise InputError(key="err_tg_duplicate", field="target.id", id=_cut(raw["id"]))
        seen.add(raw["id"])
        for key, allowed in CHOICES.items():
            if raw.get(key, allowed[0]) not in allowed:
                raise InputError(
                    key="err_tg_choice",
                    field=f"target.{key}",
                    id=_cut(raw["id"]),
                    got=_cut(raw.get(key)),
                    allowed=", ".join(allowed),
                )
        items.append(
            Target(
                id=raw["id"],
                variable=raw["variable"],
                label_zh=str(raw.get("label_zh") or raw["id"]),
                label_en=str(raw.get("label_en") or raw["id"]),
                value=value,
                unit=raw["unit"],
                qualifier=raw.get("qualifier", "about"),
                sense=raw.get("sense", "higher"),
                covered=bool(raw.get("covered", True)),
                quote=str(raw.get("quote", "")),
                position=raw.get("position") if isinstance(raw.get("position"), int) else None,
                source=str(raw.get("source", "")),
                start_year=_int_or_none(raw.get("start_year")),
                end_year=_int_or_none(raw.get("end_year")),
                high=_range_high(raw),
                stretch=_number_or_none(raw.get("stretch")),
            )
        )
    try:
        year, tol = int(meta.get("year", 0)), float(meta.get("about_tolerance", 0.1))
    except (TypeError, ValueError, OverflowError) as e:
        raise InputError(key="err_tg_meta", field=name) from e
    if year and not limits.FIRST_YEAR <= year <= limits.this_year() + 2:
        raise InputError(
            key="err_tg_year",
            field=f"{name} meta.year",
            year=year,
            lo=limits.FIRST_YEAR,
            hi=limits.this_year() + 2,
        )
    if not (math.isfinite(tol) and 0 <= tol <= 10):
        raise InputError(
            key="err_tg_tolerance", field=f"{name} meta.about_tolerance", got=f"{tol:g}"
        )
    return TargetSet(tuple(items), year, tol, str(meta.get("region", ""))[:80])


def _cut(v, n: int = 40) -> str:
    text = str(v)
    return text if len(text) <= n else text[: n - 1] + "…"


def _range_high(raw: dict) -> float | None:
    """The upper end of a ``range`` target: required, a number, not below ``value``."""
    if raw.get("qualifier") != "range":
        return None
    high = raw.get("high")
    if not isinstance(high, (int, float)) or isinstance(high, bool) or high < raw["value"]:
        raise InputError(
            f"target {raw['id']}: a range needs 'high', a number not below value {raw['value']}",
            field="target.high",
        )
    return float(high)


def _number_or_none(v) -> float | None:
    ok = isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
    return float(v) if ok else None


def _int_or_none(v) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


@lru_cache(maxsize=1)
def load_targets() -> TargetSet:
    return targets_from_doc(io.targets_doc())


MET, NEAR, MISSED = 2, 1, 0
STATUS_NAMES = np.array(["missed", "near", "met"])


def status_codes(projected: np.ndarray, target: Target, tolerance: float) -> np.ndarray:
    """Status per draw as int8: MET, NEAR (an 'about' target missed by at most ``tolerance`` in
    the target's unit) or MISSED. For a 'lower' sense (ceiling, reduction) the comparison flips.
    A 'range' target is met inside [value, high] and near within ``tolerance`` outside it."""
    eps = 1e-9
    if target.qualifier == "range" and target.high is not None:
        out = np.maximum(target.value - projected, projected - target.high)
        return (out <= eps).astype(np.int8) + (out <= tolerance + eps)
    gap = projected - target.value
    good = gap if target.sense == "higher" else -gap
    if target.qualifier == "at_most":
        good = target.value - projected
    met = good >= -eps
    codes = met.astype(np.int8) * MET
    if target.qualifier == "about":
        codes += (~met) & (good >= -tolerance - eps)
    return codes


def status_of(projected: np.ndarray, target: Target, tolerance: float) -> np.ndarray:
    """Status per draw as text: 'met', 'near' or 'missed' (see ``status_codes``)."""
    return STATUS_NAMES[status_codes(projected, target, tolerance)]


@dataclass
class ScoreRow:
    target: Target
    projected: float
    gap: float
    status: str
    prob_met: float | None  # share of draws meeting it (met or near), Monte Carlo only
    set_by_input: bool = False  # the projected value is an input, not a model result

    def status_text(self, lang: str = "zh") -> str:
        return t(f"status_{self.status}", lang)


def scoreboard(proj: Projection, targets: TargetSet, year: int | None = None) -> list[ScoreRow]:
    """One row per covered target the projection speaks to, for ``year`` (default: the first
    projected year). Deterministic runs use draw 0; with several draws the mean is shown and
    prob_met gives the share of draws that meet or nearly meet the target."""
    year = year or proj.years[1]
    col = proj.years.index(year)
    rows = []
    for tg in targets.covered:
        if tg.variable not in proj.series:
            continue
        vals = proj.series[tg.variable][:, col]
        central = float(vals.mean()) if proj.draws > 1 else float(vals[0])
        central_status = str(status_of(np.array([central]), tg, targets.tolerance)[0])
        prob = None
        if proj.draws > 1:
            prob = float((status_codes(vals, tg, targets.tolerance) != MISSED).mean())
        rows.append(
            ScoreRow(
                tg, central, central - tg.value, central_status, prob, tg.variable in proj.inputs
            )
        )
    return rows
