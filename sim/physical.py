"""Physical and accounting limits, checked in every projected year.

Value added of every sector and sub-sector, GDP, revenue, each tax part and the energy counted
under the accounting rule must stay positive
(zero or more for the parts); utilisation hours cannot pass the 8,760 hours of a year. A break
is reported with the first year it happens, the value, and the inputs that drive that series,
so the planner knows which input to narrow. ``first_break`` serves the CLI (one line, exit 2);
``breaks`` the checks list.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import InputError
from .i18n import t

HOURS_IN_YEAR = 8760.0

# series -> (lowest allowed value, inputs that drive it in drivers mode, ... in target mode)
LIMITS: dict[str, tuple[float, tuple[str, ...], tuple[str, ...]]] = {
    "GDP": (1e-9, ("industry.other_growth", "price.coal"), ("growth.secondary", "price.coal")),
    "Value Added|Primary": (1e-9, ("growth.primary",), ("growth.primary",)),
    "Value Added|Coal Mining": (
        0.0,
        ("price.coal", "struct.coal_va_ratio"),
        ("price.coal", "struct.coal_va_ratio"),
    ),
    "Value Added|Power": (
        0.0,
        ("price.coal", "price.power", "struct.thermal_coal_price"),
        ("price.coal", "price.power", "struct.thermal_coal_price"),
    ),
    "Value Added|Other Industry": (0.0, ("industry.other_growth",), ("growth.secondary",)),
    "Value Added|Construction": (
        1e-9,
        ("demand.investment_growth", "demand.construction_elasticity"),
        ("demand.investment_growth", "demand.construction_elasticity"),
    ),
    "Value Added|Secondary": (1e-9, ("industry.other_growth",), ("growth.secondary",)),
    "Value Added|Tertiary": (
        1e-9,
        ("services.other_growth", "demand.retail_growth"),
        ("growth.tertiary",),
    ),
    "Value Added|Trade and Catering": (1e-9, ("demand.retail_growth",), ("demand.retail_growth",)),
    "Value Added|Other Services": (
        1e-9,
        ("services.other_growth",),
        ("growth.tertiary", "demand.retail_growth"),
    ),
    "Revenue|Tax|Other": (
        0.0,
        ("fiscal.resource_tax_share", "fiscal.vat_share", "fiscal.cit_share"),
        ("fiscal.resource_tax_share", "fiscal.vat_share", "fiscal.cit_share"),
    ),
    "Revenue|General Public Budget": (1e-9, ("fiscal.tax_buoyancy",), ("fiscal.tax_buoyancy",)),
    # counted energy: the rule's deductions (exported power, non-fossil) cannot exceed the use
    "Energy|Consumption": (
        1e-9,
        ("energy.accounting", "energy.thermal_share", "energy.local_power_use"),
        ("energy.accounting", "energy.thermal_share", "energy.local_power_use"),
    ),
}


@dataclass
class Break:
    variable: str
    year: int
    value: float
    inputs: tuple[str, ...]
    limit: str  # "negative" | "hours"

    def text(self, lang: str = "zh") -> str:
        from .iamc import variable_meta

        label = variable_meta().get(self.variable, {}).get(f"label_{lang}", self.variable)
        key = "check_limit_hours" if self.limit == "hours" else "check_limit_negative"
        return t(
            key,
            lang,
            what=label,
            variable=self.variable,
            year=self.year,
            value=f"{self.value:.2f}" if self.limit != "hours" else f"{self.value:.0f}",
            inputs=", ".join(self.inputs),
        )


def breaks(proj, draw: int = 0) -> list[Break]:
    """Every series that leaves its limit, with the first projected year it does so."""
    s, out = proj.series, []
    drivers = proj.mode != "target"
    for var, (lo, in_drivers, in_target) in LIMITS.items():
        if var not in s:
            continue
        row = s[var][draw]
        bad = np.flatnonzero(~(row >= lo))
        bad = bad[bad >= (0 if var.startswith("Revenue|Tax|Other") else 1)]
        if len(bad):
            j = int(bad[0])
            inputs = in_drivers if drivers else in_target
            out.append(Break(var, proj.years[j], float(row[j]), inputs, "negative"))
    hours = s.get("Electricity|Utilisation Hours")
    if hours is not None:
        bad = np.flatnonzero(hours[draw, 1:] > HOURS_IN_YEAR + 1e-9)
        if len(bad):
            j = int(bad[0]) + 1
            out.append(
                Break(
                    "Electricity|Utilisation Hours",
                    proj.years[j],
                    float(hours[draw, j]),
                    ("power.generation", "power.new_capacity", "horizon.power_growth"),
                    "hours",
                )
            )
    return out


def first_break(proj, draw: int = 0) -> None:
    """Raise an InputError naming the first broken limit (the CLI's one line, exit 2)."""
    found = breaks(proj, draw)
    if found:
        b = min(found, key=lambda x: x.year)
        raise InputError(b.text("en"), field=b.inputs[0], zh=b.text("zh"))


def broken(proj) -> np.ndarray:
    """(draws,) True where a draw breaks a limit that ``breaks`` would name (vectorized: the
    Monte Carlo and the fuzz suite use it to tell a named refusal from an unphysical result)."""
    s = proj.series
    out = np.zeros(proj.draws, dtype=bool)
    for var, (lo, _, _) in LIMITS.items():
        if var in s:
            first = 0 if var.startswith("Revenue|Tax|Other") else 1
            out |= ~(s[var][:, first:] >= lo).all(axis=1)
    hours = s.get("Electricity|Utilisation Hours")
    if hours is not None:
        out |= (hours[:, 1:] > HOURS_IN_YEAR + 1e-9).any(axis=1)
    return out
