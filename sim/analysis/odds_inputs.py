"""The Monte Carlo's own inputs (the ``[[odds]]`` rows of params/parameters.toml): the bias and
spread of outcome minus target, the common year factor's loading, the persistence of shocks,
the skew of coal output and the in-year correlation. Each has a reason, a plausible range and
its evidence; a value outside [min, max] is refused naming the field and the range."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from .. import io
from ..errors import InputError


@dataclass(frozen=True)
class OddsInput:
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


@lru_cache(maxsize=1)
def odds_inputs() -> dict[str, OddsInput]:
    out = {}
    for raw in io.parameters_doc().get("odds", []):
        d = dict(raw)
        d["plausible"] = tuple(d["plausible"])
        out[d["id"]] = OddsInput(**d)
    return out


def odds_defaults() -> dict[str, float]:
    return {k: float(v.default) for k, v in odds_inputs().items()}


def odds_values(given: Mapping[str, object] | None = None) -> dict[str, float]:
    """Defaults updated by ``given`` ({id or short id: value}), each checked against its range."""
    spec = odds_inputs()
    out = odds_defaults()
    for key, raw in (given or {}).items():
        pid = key if key in spec else f"odds.{key}"
        if pid not in spec:
            raise InputError(
                key="err_odds_unknown", field=str(key)[:60], allowed=", ".join(sorted(spec))
            )
        p = spec[pid]
        try:
            v = float(raw)
        except (TypeError, ValueError):
            raise InputError(key="err_odds_number", field=pid, got=str(raw)[:40]) from None
        if not (p.min <= v <= p.max):  # also refuses NaN
            raise InputError(key="err_odds_range", field=pid, got=v, lo=p.min, hi=p.max)
        out[pid] = v
    return out
