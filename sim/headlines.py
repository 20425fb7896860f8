"""The six headline figures of the first projected year, as the app's cards and the briefing's
first table show them: (text key, variable shown, variable whose target it is judged by).
Budget revenue is shown as a level and judged by its growth target; nominal GDP has no target."""

from __future__ import annotations

CARDS = (
    ("app_card_gdp", "GDP|Real Growth", "GDP|Real Growth"),
    ("app_card_ngdp", "GDP", None),
    ("app_card_revenue", "Revenue|General Public Budget", "Revenue|General Public Budget|Growth"),
    ("app_card_intensity", "Energy Intensity|Change", "Energy Intensity|Change"),
    ("app_card_coal", "Production|Coal", "Production|Coal"),
    ("app_card_power", "Electricity|Generation", "Electricity|Generation"),
)
