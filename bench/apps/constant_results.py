"""Floor for the rerun figure: app.py exactly, but with the model results held constant.

``sim.model.run`` (what ``ui.cache`` calls on a cache miss) is replaced, in this process only,
by a lookup of the official scenario's projection for the requested horizon, computed once. The
app still validates inputs, hashes and caches, renders cards, scoreboard, checks and charts; only
the model's own arithmetic is gone, so app.py / this page = what the model adds to a rerun.

Run from the repository root: ``streamlit run bench/apps/constant_results.py``.
"""

import runpy
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sim import model  # noqa: E402

if not getattr(model.run, "held_constant", False):
    real_run = model.run

    @lru_cache(maxsize=16)
    def _fixed(years: int, base_id: int):
        from sim.metadata import validate_adjustment

        base = _bases[base_id]
        v = validate_adjustment({"horizon.end_year": base.year + years})
        return real_run(v.values, base)

    _bases: dict = {}

    def held(values, base, pset=None):
        held.calls += 1
        _bases[id(base)] = base
        return _fixed(model.n_years_of(values, base), id(base))

    held.held_constant = True
    held.calls = 0
    model.run = held

runpy.run_path(str(ROOT / "app.py"), run_name="__main__")
