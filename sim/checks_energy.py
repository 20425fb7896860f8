"""Energy, carbon, coal and power checks in plain words, on every projected year: the
accounting rule in force, the plants' coal rate, utilisation hours at the 8,760-hour limit,
coal the plants need beyond the city's output, carbon (no target in the report) and the 14th
five-year plan. sim.checks.consistency appends these."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .energy_plan import FYP_ID, plan_need
from .i18n import t
from .metadata import load_parameters
from .model import Projection
from .side_inputs import band, check_values
from .targets import TargetSet

COAL_RATE_LOW = "check.coal_rate_low"  # with its high end: the plausible band, gce/kWh ([[check]])


def _years(proj: Projection, mask: np.ndarray) -> str:
    return ", ".join(str(y) for y, m in zip(proj.years, mask, strict=True) if m)


def _rule_words(proj: Projection, lang: str) -> dict[str, str]:
    pset = load_parameters()
    rule = proj.detail.get("energy_rule", {})
    return {
        k: pset[pid].choice_label(rule.get(pid, pset[pid].default), lang)
        for k, pid in (
            ("rule", "energy.accounting"),
            ("feed", "energy.deduct_feedstock"),
            ("nf", "energy.deduct_nonfossil"),
        )
    }


def energy_checks(
    proj: Projection, targets: TargetSet, make, checks: Mapping[str, float] | None = None
) -> list:
    """``make(id, level, key, value, **kw)`` builds a Check (sim.checks._c); ``checks``: the
    [[check]] inputs (sim.side_inputs.check_values; defaults when None)."""
    s, out = proj.series, []
    checks = check_values() if checks is None else checks
    zh, en = _rule_words(proj, "zh"), _rule_words(proj, "en")
    c = make("energy_rule", "info", "check_energy_rule", None)
    c.zh, c.en = t("check_energy_rule", "zh", **zh), t("check_energy_rule", "en", **en)
    out.append(c)
    if "Energy|Power Plants|Coal Rate" in s:
        r = float(s["Energy|Power Plants|Coal Rate"][0, 0])
        lo, hi = band(checks, COAL_RATE_LOW)
        ok = lo <= r <= hi
        key = "check_coal_rate" if ok else "check_coal_rate_bad"
        words = {"rate": f"{r:.0f}", "lo": f"{lo:g}", "hi": f"{hi:g}"}
        out.append(make("coal_rate", "info" if ok else "warn", key, r, **words))
    capped = proj.detail.get("hours_capped")
    if capped is not None and capped[0].any():
        yrs = _years(proj, capped[0])
        out.append(make("hours_capped", "warn", "check_hours_capped", None, years=yrs))
    if "Supply|Coal|Inflow" in s and (s["Supply|Coal|Inflow"][0] > 0).any():
        row = s["Supply|Coal|Inflow"][0]
        j = int(np.argmax(row > 0))
        out.append(
            make(
                "coal_inflow",
                "warn",
                "check_coal_inflow",
                float(row[j]),
                year=proj.years[j],
                amount=f"{row[j]:.0f}",
            )
        )
    if "Emissions|CO2|Intensity Change" in s:
        cg = float(s["Emissions|CO2|Intensity Change"][0, 1])
        share = float(s["Emissions|CO2|Power Plants|Share"][0, 1])
        has_target = targets.by_variable("Emissions|CO2|Intensity Change") is not None
        key = "check_carbon_target" if has_target else "check_carbon_none"
        out.append(make("carbon", "info", key, cg, change=cg, share=share, year=proj.years[1]))
    if targets.by_id(FYP_ID) is not None:
        need = plan_need(proj, targets, checks=checks)
        if need.remaining:
            words = {
                "target": need.target,
                "start": need.start,
                "end": need.end,
                "missing": ", ".join(map(str, need.missing)) or "-",
                "band_lo": need.band[0],
                "band_hi": need.band[1],
                "first": need.remaining[0],
                "last": need.remaining[-1],
                "lo": need.need[0],
                "hi": need.need[1],
                "proj": need.projected_average,
                "n": len(need.projected),
            }
            key = "check_fyp_plain"
            if need.need_stretch is not None:
                key = "check_fyp"
                words.update(
                    stretch=need.stretch, slo=need.need_stretch[0], shi=need.need_stretch[1]
                )
            out.append(make("fyp", "info", key, need.need[1], **words))
    return out
