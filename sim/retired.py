"""Input ids the energy balance replaced, and what becomes of them in old scenario files,
presets, URLs and library versions (sim.metadata.validate_adjustment calls ``migrate``).

``energy.power_counted`` (share of plant energy counted, %) becomes ``energy.accounting``:
100 is the gross rule; any lower share was a stand-in for deducting exported power, so it
becomes the equivalent-value net rule (the closest of the three). The four base-year energy
shares (``struct.energy_*``, % of an index) have no counterpart: the balance is now in
万吨标准煤 (``energy.base_*``), so they are dropped with a notice naming what replaced them. The drivers model retired
construction's own growth (now from fixed-asset investment) and the fixed tax weights and
non-tax growth (now tax bases and an elasticity): dropped with a notice. The two shares of
power coal burned in the city (the economy's and the energy balance's) are one input now.
"""

from __future__ import annotations

RETIRED_SHARES = (
    "struct.energy_power",
    "struct.energy_coal",
    "struct.energy_industry",
    "struct.energy_primary",
)
# Replaced by the drivers model (issue 10) and by one shared coal share: the value is dropped,
# or moved to the input that now holds it, with a notice.
RETIRED_DROPPED = (
    "construction.growth",
    "fiscal.coal_tax_weight",
    "fiscal.primary_tax_weight",
    "fiscal.nontax_growth",
)
# the rate and the local share acted only through their product, now the base-year share
RETIRED_RESOURCE = ("fiscal.resource_tax_rate", "fiscal.resource_tax_local")
RENAMED = {"struct.power_local_coal": "energy.plant_coal_local"}
RETIRED = (
    "energy.power_counted",
    *RETIRED_SHARES,
    *RETIRED_DROPPED,
    *RETIRED_RESOURCE,
    *RENAMED,
)


def migrate(pid: str, raw: object) -> tuple[dict[str, object], str]:
    """(new values {id: value}, the text key of the notice) for a retired id and its value."""
    if pid == "energy.power_counted":
        try:
            share = float(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            share = float("nan")
        if share == 100.0:
            return {"energy.accounting": "gross"}, "warn_retired_gross"
        return {"energy.accounting": "net_equivalent"}, "warn_retired_net"
    if pid in RENAMED:
        return {RENAMED[pid]: raw}, "warn_retired_renamed"
    if pid in RETIRED_RESOURCE:
        return {}, "warn_retired_resource"
    if pid in RETIRED_DROPPED:
        return {}, "warn_retired_dropped"
    return {}, "warn_retired_share"
