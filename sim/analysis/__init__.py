"""Analysis tools on top of the vectorized core (sim.model.project): goal seeking, Monte Carlo,
sensitivity (tornado and Sobol), feasibility maps, multi-year paths and in-year tracking.

Everything here is pure: arrays and plain values in, arrays and dataclasses out; no streamlit and
no file access (text and metadata come through sim.i18n and sim.metadata, as elsewhere).
"""

HEADLINE = (
    "GDP|Real Growth",
    "Revenue|General Public Budget|Growth",
    "Energy Intensity|Change",
)
