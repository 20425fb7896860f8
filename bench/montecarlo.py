"""Figure 2: Monte Carlo scaling, 1,000 / 10,000 / 100,000 draws over 1 and 7 years.

Each figure is ``sim.analysis.montecarlo.run_montecarlo`` (sampling, projection, percentile
inputs and target odds). Floor: the projection core alone (``sim.analysis.evaluate.
project_matrix``) on the same draws in the same chunks, so the ratio is what the Monte Carlo
machinery adds to the model. Also reported: draw-years per second, the sampling step alone, how
the time grows from 10k to 100k draws (exponent 1 = linear) and, in a fresh process, the first
100k x 7 call (it pays for touching new memory).
"""

from __future__ import annotations

import json
import math
import subprocess

import numpy as np

from . import common
from .figures import Figure, median, repeat

SEED = 2024
GOAL_100K_S = 0.5  # "well under a second": at most half a second


def _core(names, X, paths, vals, chunk):
    from sim.analysis.evaluate import project_matrix

    def run():
        for start in range(0, X.shape[0], chunk):
            cut = slice(start, start + chunk)
            sub = {k: v[:, cut] for k, v in paths.items()}
            project_matrix(X[cut], names, common.base(), vals, common.pset(), sub)

    return run


def _old_sampling(vals, draws, pset):
    """The sampler before issue 12, for comparison in the same run: every input with an mc_sd
    drawn independently by scipy.stats.truncnorm.rvs (first year only)."""
    from scipy.stats import truncnorm

    from sim.analysis.sampling import uncertain_params

    def run():
        rng = np.random.default_rng(SEED)
        for p in uncertain_params(pset, vals):
            mu, sd = float(vals[p.id]), p.mc_sd
            a, b = (p.min - mu) / sd, (p.max - mu) / sd
            truncnorm.rvs(a, b, loc=mu, scale=sd, size=draws, random_state=rng)

    return run


def measure(quick: bool = False) -> list[Figure]:
    from sim.analysis import montecarlo as mc

    base, pset = common.base(), common.pset()
    sizes = (1_000, 5_000) if quick else (1_000, 10_000, 100_000)
    horizons = (1, 2) if quick else (1, common.max_years())
    out: list[Figure] = []
    for years in horizons:
        vals = common.values(years)
        by_size = {}
        for draws in sizes:
            n = 2 if quick else {1_000: 30, 10_000: 15}.get(draws, 5)
            names, X, paths = mc.draw_inputs(
                vals, draws, np.random.default_rng(SEED), pset, base=base, n_years=years
            )
            chunk = getattr(mc, "CHUNK", draws)
            samples, floors, sampling, before, core_before = [], [], [], [], []
            run = lambda vals=vals, draws=draws: mc.run_montecarlo(  # noqa: E731
                vals, base, draws=draws, seed=SEED, pset=pset
            )
            core = _core(names, X, paths, vals, chunk)
            draw = lambda vals=vals, draws=draws, years=years: mc.draw_inputs(  # noqa: E731
                vals, draws, np.random.default_rng(SEED), pset, base=base, n_years=years
            )
            old_draw = _old_sampling(vals, draws, pset)
            old_core = _core(names, X, paths, vals, 25_000)  # the chunk size before issue 12
            run(), core()
            for _ in range(n):  # interleaved: figure, floor, sampling step, the steps before
                samples += repeat(run, 1, warmup=0)
                floors += repeat(core, 1, warmup=0)
                sampling += repeat(draw, 1, warmup=0)
                before += repeat(old_draw, 1, warmup=0)
                core_before += repeat(old_core, 1, warmup=0)
            fig = Figure(
                id=f"mc.{draws}.{years}y",
                label=f"Monte Carlo {draws:,} draws x {years} yr",
                unit="s",
                samples=samples,
                floor_label="(projection core alone)",
                floor_samples=floors,
                extra={
                    "draws": draws,
                    "years": years,
                    "draw_years_per_s": draws * years / median(samples),
                    "sampling_s": median(sampling),
                    "sampling_before_s": median(before),
                    "core_25k_chunks_s": median(core_before),
                },
            )
            fig.note = (
                f"{fig.extra['draw_years_per_s'] / 1e6:.2f} M draw-yr/s; "
                f"sampling {fig.extra['sampling_s'] * 1e3:.0f} ms "
                f"(before: truncnorm.rvs {fig.extra['sampling_before_s'] * 1e3:.0f} ms); "
                f"core in 25k chunks {fig.extra['core_25k_chunks_s'] * 1e3:.0f} ms"
            )
            if draws == 100_000 and years == common.max_years():
                fig.goal = f"<= {GOAL_100K_S} s (well under 1 s)"
                fig.max_value = GOAL_100K_S
            by_size[draws] = fig
            out.append(fig)
        big, small = max(sizes), sorted(sizes)[-2]
        growth = math.log(by_size[big].median / by_size[small].median) / math.log(big / small)
        by_size[big].extra["scaling_exponent"] = growth
        by_size[big].note += f"; time ~ draws^{growth:.2f} from {small:,}"
        if not by_size[big].goal:
            by_size[big].goal = "near-linear (exponent ~1)"
    if not quick:
        out.append(fresh_process())
    return out


_FRESH = """
import json, sys, time
import numpy as np
from sim import io
from sim.baseline import build_baseline
from sim.metadata import validate_adjustment
from sim.analysis import montecarlo as mc
from sim.analysis.evaluate import project_matrix
base = build_baseline(io.read_baseline_frame())
v = validate_adjustment({"horizon.end_year": base.year + int(sys.argv[2])}).values
mc.run_montecarlo(v, base, draws=200)  # imports and caches, little memory
t = time.perf_counter()
if sys.argv[1] == "mc":
    mc.run_montecarlo(v, base, draws=100_000, seed=2024)
else:
    names, X, paths = mc.draw_inputs(
        v, 100_000, np.random.default_rng(2024), base=base, n_years=int(sys.argv[2])
    )
    t = time.perf_counter()
    c = getattr(mc, "CHUNK", 100_000)
    for s in range(0, 100_000, c):
        sub = {k: a[:, s : s + c] for k, a in paths.items()}
        project_matrix(X[s : s + c], names, base, v, shocks=sub)
print(json.dumps(time.perf_counter() - t))
"""


def _fresh(kind: str, years: int) -> float:
    r = subprocess.run(
        [common.PYTHON, "-c", _FRESH, kind, str(years)],
        capture_output=True,
        text=True,
        cwd=common.ROOT,
        env=common.child_env(),
        timeout=300,
        check=True,
    )
    return json.loads(r.stdout.strip().splitlines()[-1])


def fresh_process(repeats: int = 3) -> Figure:
    years = common.max_years()
    samples, floors = [], []
    for _ in range(repeats):
        samples.append(_fresh("mc", years))
        floors.append(_fresh("core", years))
    return Figure(
        id=f"mc.100000.{years}y.first_call",
        label=f"Monte Carlo 100,000 x {years} yr, first call in a new process",
        unit="s",
        samples=samples,
        floor_label="(projection core alone, first call)",
        floor_samples=floors,
        goal="< 1 s",
        max_value=1.0,
    )
