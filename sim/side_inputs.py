"""Inputs described in params/parameters.toml beside the [[param]] rows because they do not move
a single projection of the official baseline: the Monte Carlo's ``[[odds]]``, the consistency
checks' bands ``[[check]]`` (the plants' plausible coal rate, the band taken for the 14th plan's
unpublished years) and the ``[[fallback]]`` a baseline without a row gets. Each has labels, a
unit, a default inside [min, max], a reason in both languages, a plausible range and its
evidence; a value outside [min, max] is refused naming the field and the range."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from . import io
from .errors import InputError

# table -> the prefix of its error keys in params/text*.toml (err_<prefix>_unknown, ...)
ERROR_PREFIX = {"odds": "odds", "check": "check", "fallback": "check"}
# [[check]] rows that are the two ends of one band: (low id, high id)
BANDS = (
    ("check.coal_rate_low", "check.coal_rate_high"),
    ("check.fyp_missing_low", "check.fyp_missing_high"),
)


@dataclass(frozen=True)
class SideInput:
    id: str
    label_zh: str
    label_en: str
    unit: str
    default: float
    min: float
    max: float
    step: float
    reason_zh: str
    reason_en: str
    plausible: tuple[float, float]
    evidence: str

    def label(self, lang: str = "zh") -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def reason(self, lang: str = "zh") -> str:
        return self.reason_zh if lang == "zh" else self.reason_en


@lru_cache(maxsize=4)
def side_inputs(table: str) -> dict[str, SideInput]:
    """The rows of ``[[table]]`` in params/parameters.toml by id, in file order."""
    out = {}
    for raw in io.parameters_doc().get(table, []):
        d = dict(raw)
        d["plausible"] = tuple(d["plausible"])
        out[d["id"]] = SideInput(**d)
    return out


def side_defaults(table: str) -> dict[str, float]:
    return {k: float(v.default) for k, v in side_inputs(table).items()}


def side_values(
    table: str,
    given: Mapping[str, object] | None = None,
    spec: Mapping[str, SideInput] | None = None,
) -> dict[str, float]:
    """Defaults of ``[[table]]`` (or of ``spec``, the same rows with a region's defaults) updated
    by ``given`` ({id or id without the table's prefix: value}), each checked against its
    range."""
    spec, err = spec or side_inputs(table), ERROR_PREFIX[table]
    out = {k: float(v.default) for k, v in spec.items()}
    for key, raw in (given or {}).items():
        pid = key if key in spec else f"{table}.{key}"
        if pid not in spec:
            raise InputError(
                key=f"err_{err}_unknown", field=str(key)[:60], allowed=", ".join(sorted(spec))
            )
        p = spec[pid]
        try:
            v = float(raw)
        except (TypeError, ValueError):
            raise InputError(key=f"err_{err}_number", field=pid, got=str(raw)[:40]) from None
        if not (p.min <= v <= p.max):  # also refuses NaN
            raise InputError(key=f"err_{err}_range", field=pid, got=v, lo=p.min, hi=p.max)
        out[pid] = v
    return out


def check_values(given: Mapping[str, object] | None = None) -> dict[str, float]:
    """The checks' inputs (``[[check]]``), each in its range and each band's low end below its
    high end."""
    out = side_values("check", given)
    for lo, hi in BANDS:
        if not out[lo] < out[hi]:
            raise InputError(key="err_check_order", field=lo, lo=out[lo], hi=out[hi], other=hi)
    return out


def band(values: Mapping[str, float] | None, low_id: str) -> tuple[float, float]:
    """(low, high) of the band whose low end is ``low_id``, from ``values`` (check_values)."""
    vals = check_values() if values is None else values
    high_id = dict(BANDS)[low_id]
    return (float(vals[low_id]), float(vals[high_id]))


def fallback(pid: str) -> float:
    """The written value of a ``[[fallback]]`` row."""
    return float(side_inputs("fallback")[pid].default)
