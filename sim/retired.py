"""Input ids the energy balance replaced, and what becomes of them in old scenario files,
presets, URLs and library versions (sim.metadata.validate_adjustment calls ``migrate``).

``energy.power_counted`` (share of plant energy counted, %) becomes ``energy.accounting``:
100 is the gross rule; any lower share was a stand-in for deducting exported power, so it
becomes the equivalent-value net rule (the closest of the three). The four base-year energy
shares (``struct.energy_*``, % of an index) have no counterpart: the balance is now in
万吨标准煤 (``energy.base_*``), so they are dropped with a notice naming what replaced them.
"""

from __future__ import annotations

RETIRED_SHARES = (
    "struct.energy_power",
    "struct.energy_coal",
    "struct.energy_industry",
    "struct.energy_primary",
)
RETIRED = ("energy.power_counted", *RETIRED_SHARES)


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
    return {}, "warn_retired_share"
