"""How much each assumption moves the headline results across its plausible range, and which
assumption dominates each headline (the README's and docs/model.md's assumptions table).

A one-at-a-time sweep (sensitivity.tornado with span "plausible") of every input that has a
plausible range (kind assumption or derived), the others at their defaults, in the first
projected year."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from ..baseline import Baseline
from ..metadata import ParamSet, load_parameters
from .sensitivity import tornado

HEADLINES = (
    ("GDP|Real Growth", "pp"),
    ("GDP", "100m CNY"),
    ("Revenue|General Public Budget|Growth", "pp"),
    ("Energy Intensity|Change", "pp"),
)


def swings(
    values: Mapping[str, object],
    base: Baseline,
    outputs: Sequence[str] = tuple(h for h, _ in HEADLINES),
    pset: ParamSet | None = None,
) -> pd.DataFrame:
    """One row per assumption: its plausible range and the swing of each headline output."""
    pset = pset or load_parameters()
    tor = tornado(values, base, list(outputs), pset, span="plausible")
    wide = tor.pivot_table(index="input", columns="output", values="swing", sort=False)
    ranges = tor.drop_duplicates("input").set_index("input")[["low", "high"]]
    return ranges.join(wide[list(outputs)]).reset_index()


def dominant(df: pd.DataFrame, outputs: Sequence[str]) -> dict[str, str]:
    """{output: the assumption with the largest swing}."""
    return {o: str(df.loc[df[o].idxmax(), "input"]) for o in outputs}


def markdown(values: Mapping[str, object], base: Baseline, pset: ParamSet | None = None) -> str:
    pset = pset or load_parameters()
    outs = [h for h, _ in HEADLINES]
    df = swings(values, base, outs, pset).sort_values(outs[0], ascending=False, kind="stable")
    head = "| assumption | plausible range | GDP growth (pp) | nominal GDP (亿元) | revenue growth (pp) | energy intensity (pp) |"
    lines = [head, "|---|---|---|---|---|---|"]
    for _, r in df.iterrows():
        p = pset[r["input"]]
        cells = " | ".join(f"{r[o]:.2f}" for o in outs)
        span = f"{r['low']:g} to {r['high']:g} {p.unit}".strip()
        lines.append(f"| `{r['input']}` {p.label_en} | {span} | {cells} |")
    dom = dominant(df, outs)
    lines.append("")
    lines.append("Dominant assumption: " + "; ".join(f"{o}: `{dom[o]}`" for o in outs) + ".")
    return "\n".join(lines)
