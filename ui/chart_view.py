"""Drawing charts fast: a chart's spec is built with Altair once per run shape and language
(ui/cache.py), then only its data is replaced, so moving a slider costs a DataFrame, not an
Altair build (10-20 ms each)."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from sim.i18n import t

from . import charts
from .cache import chart_template
from .context import Ctx
from .state import run_key


def records(df: pd.DataFrame) -> list[dict]:
    """JSON-safe rows (NaN becomes null, as Altair would write it)."""
    rows = df.to_dict("records")
    for row in rows:
        for k, v in row.items():
            if isinstance(v, float) and not math.isfinite(v):
                row[k] = None
    return rows


def spec(name: str, ctx: Ctx) -> dict | None:
    """The current spec of chart ``name``: a cached template with this run's data swapped in."""
    frame_fn, spec_fn = charts.CHARTS[name]
    df = frame_fn(ctx.proj, ctx.targets, ctx.lang)
    if df is None:
        return None
    shape = (run_key(ctx)[0], len(ctx.proj.years))
    template = chart_template(
        name, shape, ctx.lang, lambda: spec_fn(df, ctx.proj, ctx.targets, ctx.lang)
    )
    datasets = template.get("datasets", {})
    if len(datasets) == 1:  # every chart here draws one frame
        (key,) = datasets
        template["datasets"] = {key: records(df)}
    else:  # pragma: no cover - a chart with several frames is rebuilt each time
        template = spec_fn(df, ctx.proj, ctx.targets, ctx.lang).to_dict(validate=False)
    return template


def show(name: str, ctx: Ctx, width="stretch") -> None:
    """Draw chart ``name``, or a short note when the baseline lacks its block."""
    s = spec(name, ctx)
    if s is None:
        st.caption(t("app_block_missing", ctx.lang))
    else:
        st.vega_lite_chart(s, width=width)
