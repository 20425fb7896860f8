"""The Monte Carlo's own inputs (the ``[[odds]]`` rows of params/parameters.toml): the bias and
spread of outcome minus target, the common year factor's loading, the persistence of shocks,
the skew of coal output and the in-year correlation. Each has a reason, a plausible range and
its evidence; a value outside [min, max] is refused naming the field and the range
(sim.side_inputs reads and checks them)."""

from __future__ import annotations

from collections.abc import Mapping

from ..side_inputs import SideInput, side_defaults, side_inputs, side_values


def odds_inputs() -> dict[str, SideInput]:
    return side_inputs("odds")


def odds_defaults() -> dict[str, float]:
    return side_defaults("odds")


def odds_values(given: Mapping[str, object] | None = None) -> dict[str, float]:
    """Defaults updated by ``given`` ({id or short id: value}), each checked against its range."""
    return side_values("odds", given)
