"""Figure 1: one deterministic scenario (``sim.model.run``), 1 year and the full horizon.

Floor: writing the same output, i.e. allocating and filling arrays of the same number and
shapes as the projection returns (what any implementation must at least do); for one draw this
is mostly the cost of ~65 numpy calls. No goal: the figure is context for the app's rerun.
"""

from __future__ import annotations

import numpy as np

from . import common
from .figures import Figure, repeat, scaled


def _output_floor(proj):
    shapes = [a.shape for a in proj.series.values()]
    return lambda: [np.full(s, 1.0) for s in shapes]


def measure(quick: bool = False) -> list[Figure]:
    from sim import model

    base, pset = common.base(), common.pset()
    n = 20 if quick else 300
    out = []
    for years in (1, common.max_years()):
        vals = common.values(years)
        proj = model.run(vals, base, pset)
        floor = _output_floor(proj)
        samples, floors = [], []
        for _ in range(5):  # interleave the figure and its floor in slices of n // 5
            samples += repeat(lambda vals=vals: model.run(vals, base, pset), n // 5)
            floors += repeat(floor, n // 5)
        out.append(
            Figure(
                id=f"model.run.{years}y",
                label=f"model, 1 scenario x {years} yr",
                unit="ms",
                samples=scaled(samples, "ms"),
                floor_label="(write its output)",
                floor_samples=scaled(floors, "ms"),
                goal="(none; context)",
                extra={"series": len(proj.series), "years": years},
            )
        )
    return out
