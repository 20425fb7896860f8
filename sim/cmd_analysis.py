"""Analysis subcommands: goalseek, montecarlo, sensitivity and track (sim.analysis underneath).

Every subcommand resolves its scenario through cli_common.resolve_inputs, so the inputs pass the
same validation as ``run``; bad flags raise InputError (one line, exit status 2).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

from . import cmd_odds, limits, model
from .analysis import HEADLINE, goalseek, sensitivity, tracking
from .analysis.evaluate import resolve_output
from .cli_common import (
    add_region_args,
    add_scenario_args,
    number_arg,
    resolve_inputs,
    resolve_region,
    write_table,
)
from .errors import InputError
from .i18n import t
from .iamc import variable_meta


def add_parsers(sub) -> None:
    p = sub.add_parser(
        "goalseek",
        help="find the input value(s) that hit target output(s); exit 1 if none within range",
    )
    add_scenario_args(p)
    p.add_argument(
        "--target",
        dest="goals",
        action="append",
        default=[],
        metavar="VARIABLE=VALUE",
        help="an output variable (e.g. 'GDP|Real Growth') or target id (gdp_growth) and the "
        "value to reach in the first projected year; repeatable, one --vary per --target",
    )
    p.add_argument(
        "--vary", action="append", default=[], metavar="ID", help="input to vary (repeatable)"
    )
    p.add_argument("--lang", choices=("zh", "en"), default="en")
    p.set_defaults(func=cmd_goalseek)

    cmd_odds.add_parser(sub)

    p = sub.add_parser("sensitivity", help="tornado swings and Sobol indices (SALib)")
    add_scenario_args(p)
    p.add_argument(
        "--span",
        choices=("range", "sd", "plausible"),
        default="range",
        help="tornado span: the input's range, +-2 sd, or an assumption's plausible range",
    )
    p.add_argument(
        "--structural",
        action="store_true",
        help="add the structural unknowns (uniform over their plausible ranges) to the Sobol indices",
    )
    p.add_argument("--n", type=int, default=sensitivity.SOBOL_N, help="Sobol base samples (2^k)")
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--top", type=int, default=8, help="tornado rows shown per output")
    p.add_argument("--out", type=Path, help="tornado and Sobol rows as one CSV")
    p.set_defaults(func=cmd_sensitivity)

    p = sub.add_parser("track", help="in-year: growth the rest of the year needs per target")
    p.add_argument(
        "--ytd",
        action="append",
        default=[],
        metavar="TARGET=GROWTH",
        help=f"year-to-date growth in %% for a target id ({', '.join(tracking.TRACKED)})",
    )
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--months", type=int, help="the period is the first K months")
    g.add_argument("--quarters", type=int, help="the period is the first K quarters")
    p.add_argument(
        "--share",
        type=float,
        help="base-year share of the period in the annual total (0-1); default: even split",
    )
    add_region_args(p, baseline=True)
    p.add_argument("--lang", choices=("zh", "en"), default="en")
    p.set_defaults(func=cmd_track)


def _label(var: str, lang: str) -> str:
    return variable_meta().get(var, {}).get(f"label_{lang}", var)


def cmd_goalseek(args) -> int:
    if not args.goals or not args.vary:
        raise InputError(key="err_goalseek_args", field="--target")
    r = resolve_inputs(args)
    proj = model.run(r.values, r.base, r.pset)
    ts = r.targets
    goals = []
    for item in args.goals:
        if "=" not in item:
            raise InputError(
                key="err_not_pair", field="--target", got=item[:60], form="VARIABLE=VALUE"
            )
        name, val = item.rsplit("=", 1)
        var, _ = resolve_output(name, ts, proj)
        goals.append((var, number_arg(val, "--target")))
    res = goalseek.seek(r.values, r.base, goals, [v.strip() for v in args.vary], r.pset)
    lang, pset = args.lang, r.pset
    out = sys.stdout
    out.write(
        f"{r.title(lang)} — {t('an_gs_title', lang)} {proj.years[1]} — {proj.mode_label(lang)}\n"
    )
    for line in res.describe(lang, pset):
        out.write(f"  {line}\n")
    for pid, v in res.solution.items():
        lo, hi = res.bounds[pid]
        out.write(f"  {pid} = {v:.6f}  (range {lo:g} to {hi:g})\n")
    out.write(f"{t('an_outputs', lang)}:\n")
    for var, v in res.outputs.items():
        out.write(f"  {_label(var, lang):34s} {v:10.4f}\n")
    return 0 if res.found else 1


def cmd_sensitivity(args) -> int:
    limits.check_sobol_n(args.n, "--n")
    limits.check_seed(args.seed, "--seed")
    r = resolve_inputs(args)
    proj = model.run(r.values, r.base, r.pset)
    outputs = [v for v in HEADLINE if v in proj.series]  # a baseline without revenue rows
    tor = sensitivity.tornado(r.values, r.base, outputs, r.pset, span=args.span)
    start = time.perf_counter()
    sob = sensitivity.model_sobol(
        r.values, r.base, outputs, r.pset, n=args.n, seed=args.seed, structural=args.structural
    )
    secs = time.perf_counter() - start
    out = sys.stdout
    mode = proj.mode_label("en")
    out.write(f"{r.title('en')} — tornado ({args.span}), swing in the first year — {mode}\n")
    for var in outputs:
        out.write(f"  {var}\n")
        rows = tor[(tor.output == var) & (tor.swing > sensitivity.SWING_EPS)].head(args.top)
        for row in rows.itertuples():
            out.write(
                f"    {row.input:24s} {row.low:9.2f} -> {row.y_low:8.3f}   "
                f"{row.high:9.2f} -> {row.y_high:8.3f}   swing {row.swing:7.3f}\n"
            )
    out.write(f"Sobol indices (N = {args.n}, {secs:.2f} s): S1 first-order, ST total\n")
    for var in outputs:
        out.write(f"  {var}\n")
        rows = sob[(sob.output == var) & (sob.ST > 0.005)]
        for row in rows.itertuples():
            out.write(f"    {row.input:24s} S1 {row.S1:6.3f}  ST {row.ST:6.3f}\n")
    if args.out:
        both = pd.concat([tor.assign(method="tornado"), sob.assign(method="sobol")])
        write_table(both, args.out)
    return 0


def cmd_track(args) -> int:
    if not args.ytd:
        raise InputError(key="err_track_args", field="--ytd")
    unit, k = ("month", args.months) if args.months is not None else ("quarter", args.quarters)
    share = tracking.even_share(k, unit)
    if args.share is not None:
        share = limits.check_period_share(args.share, "--share")
    ytd = {}
    for item in args.ytd:
        if "=" not in item:
            raise InputError(key="err_not_pair", field="--ytd", got=item[:60], form="TARGET=GROWTH")
        tid, val = item.split("=", 1)
        ytd[tid.strip()] = limits.check_ytd_growth(
            number_arg(val, "--ytd"), f"--ytd {tid.strip()[:40]}"
        )
    for tid in ytd:
        if tid not in tracking.TRACKED:
            raise InputError(
                key="err_track_target",
                field="--ytd",
                got=tid[:40],
                allowed=", ".join(tracking.TRACKED),
            )
    base, targets, _ = resolve_region(args)
    rows = tracking.track(ytd, share, targets, base)
    lang = args.lang
    sys.stdout.write(t("an_tr_assumption_cli", lang, share=f"{share:.3f}") + "\n")
    for row in rows:
        sys.stdout.write(
            f"  {row.label(lang):34s} {t('an_tr_ytd', lang)} {row.ytd_growth:6.2f}%  "
            f"{t('an_tr_target', lang)} {row.annual_target:6.2f}%  "
            f"{t('an_tr_needed', lang)} {row.needed:6.2f}%"
            f"{'  (' + t('tr_secured', lang) + ')' if row.secured else ''}\n"
        )
    return 0
