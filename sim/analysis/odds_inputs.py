"""The Monte Carlo's own inputs (the ``[[odds]]`` rows of params/parameters.toml): the bias and
spread of outcome minus target, the common year factor's loading, the persistence of shocks,
the skew of coal output and the in-year correlation. Each has a reason, a plausible range and
its evidence; a value outside [min, max] is refused naming the field and the range
(sim.side_inputs reads and checks them). The defaults follow the region: a ParamSet from
sim.region.region_setup carries its region's (sim.analysis.odds_region), any other gets those
of the region the file was written for (Liupanshui)."""

from __future__ import annotations

from collections.abc import Mapping

from ..side_inputs import SideInput, side_values
from .odds_region import odds_of


def odds_inputs(pset=None) -> dict[str, SideInput]:
    """The rows with the defaults, reasons and evidence of ``pset``'s region."""
    return dict(odds_of(pset).inputs)


def odds_defaults(pset=None) -> dict[str, float]:
    return odds_of(pset).defaults()


def odds_values(given: Mapping[str, object] | None = None, pset=None) -> dict[str, float]:
    """The region's defaults updated by ``given`` ({id or short id: value}), each checked
    against its range."""
    return side_values("odds", given, odds_of(pset).inputs)
