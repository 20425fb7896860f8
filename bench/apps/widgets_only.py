"""Floor for the rerun and browser figures: the app's input widgets (generated from
params/parameters.toml by the app's own ``ui.inputs.param_widget``, seeded from the URL by
``ui.state.init``, in the same sidebar expanders) and nothing else: no model, no charts. One card
echoes the moved slider's value, so the browser benchmark has something to see change.

Run from the repository root: ``streamlit run bench/apps/widgets_only.py``.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from ui import inputs, state  # noqa: E402
from ui.cache import resources  # noqa: E402

ECHO = "growth.primary"  # the slider the benchmarks move (an input in both modes)

res = resources()
state.init(res.pset)
lang = state.lang()
st.set_page_config(page_title="widgets only", layout="wide")
st.metric(res.pset[ECHO].label(lang), f"{st.session_state[ECHO]:.2f}")
for g in res.pset.groups:
    with st.sidebar.expander(g.label(lang), expanded=g.id in inputs.OPEN_GROUPS):
        for p in res.pset.in_group(g.id):
            inputs.param_widget(p, lang)
