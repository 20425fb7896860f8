"""The montecarlo subcommand: percentiles, the odds given the record of meeting targets, the
calibration's basis, the mayor's sentences and (with --ytd) the odds updated in the year."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from . import limits, model
from .analysis import HEADLINE, inyear, montecarlo, odds_text, tracking
from .cli_common import add_scenario_args, number_arg, parse_pairs, resolve_inputs, write_table
from .errors import InputError
from .i18n import t
from .iamc import variable_meta

SENTENCE_TARGETS = ("gdp_growth", "revenue_growth", "energy_intensity")


def add_parser(sub) -> None:
    p = sub.add_parser("montecarlo", help="Monte Carlo percentiles and odds of meeting targets")
    add_scenario_args(p)
    p.add_argument("--draws", type=int, default=10_000, help="number of draws (default 10000)")
    p.add_argument("--seed", type=int, default=2024, help="random seed (default 2024)")
    p.add_argument(
        "--spread", type=float, default=1.0, help="multiply every spread by this (default 1)"
    )
    p.add_argument(
        "--odds",
        action="append",
        default=[],
        metavar="ID=VALUE",
        help="an odds input of params/parameters.toml [[odds]] (bias, spread, loading, "
        "persistence, coal_upside, ytd_corr), e.g. --odds bias=-0.74; repeatable",
    )
    p.add_argument(
        "--structural",
        action="store_true",
        help="also draw the structural unknowns over their plausible ranges",
    )
    p.add_argument(
        "--ytd",
        action="append",
        default=[],
        metavar="TARGET=GROWTH",
        help=f"year-to-date growth %% to update the odds ({', '.join(tracking.TRACKED)})",
    )
    g = p.add_mutually_exclusive_group()
    g.add_argument("--months", type=int, help="with --ytd: the first K months")
    g.add_argument("--quarters", type=int, help="with --ytd: the first K quarters")
    p.add_argument("--share", type=float, help="with --ytd: base-year share of the period (0-1)")
    p.add_argument("--all", action="store_true", help="keep every variable (more memory)")
    p.add_argument("--out", type=Path, help="percentile table as CSV (UTF-8 with BOM)")
    p.add_argument("--lang", choices=("zh", "en"), default="en")
    p.set_defaults(func=cmd_montecarlo)


def _share(args) -> float:
    if args.share is not None:
        return limits.check_period_share(args.share, "--share")
    if args.months is None and args.quarters is None:
        raise InputError(key="err_odds_ytd_period", field="--ytd")
    unit, k = ("month", args.months) if args.months is not None else ("quarter", args.quarters)
    return tracking.even_share(k, unit)


def cmd_montecarlo(args) -> int:
    limits.check_draws(args.draws, 0, 1, "--draws")
    limits.check_spread(args.spread, "--spread")
    limits.check_seed(args.seed, "--seed")
    odds_in = parse_pairs(args.odds, "--odds")
    ytd = {k: number_arg(v, f"--ytd {k[:40]}") for k, v in parse_pairs(args.ytd, "--ytd").items()}
    share = _share(args) if ytd else None
    r = resolve_inputs(args)
    _reach_targets_year(r)
    years = int(r.values["horizon.end_year"]) - r.base.year
    kept = len(model.run(r.values, r.base, r.pset).series) if args.all else len(montecarlo.KEEP)
    limits.check_draws(args.draws, years, kept, "--draws")
    targets = r.targets  # --targets: scored in their own year (sim.region, target_year_issue)
    start = time.perf_counter()
    res = montecarlo.run_montecarlo(
        r.values,
        r.base,
        args.draws,
        args.seed,
        r.pset,
        targets=targets,
        spread=args.spread,
        keep=None if args.all else montecarlo.KEEP,
        odds=odds_in,
        structural=args.structural,
    )
    secs = time.perf_counter() - start
    lang, out = args.lang, sys.stdout
    out.write(
        f"{r.title(lang)} — {res.draws} draws, seed {res.seed}, {secs:.2f} s, "
        f"{len(res.names)} uncertain inputs — "
        f"{model.run(r.values, r.base, r.pset).mode_label(lang)}\n"
    )
    for line in odds_text.basis_lines(res, lang):
        out.write(f"  {line}\n")
    year = targets.year if targets.year in res.years[1:] else res.years[1]
    _percentile_table(res, lang, out, year)
    _odds_table(res, lang, out, t("an_mc_odds", lang) + f" ({t('od_label', lang)}, {year})")
    out.write(f"{t('od_cli_sentences', lang)}:\n")
    for o in res.odds:
        if o.target.id in SENTENCE_TARGETS:
            out.write(f"  {odds_text.sentence(res, o, targets, lang)}\n")
    if ytd:
        upd = inyear.update(res, ytd, share, targets, r.base)
        _odds_table(upd, lang, out, t("od_cli_inyear", lang, share=f"{share:.3f}"), set(ytd))
    if args.out:
        write_table(res.summary(), args.out)
    return 0


def _reach_targets_year(r) -> None:
    """Monte Carlo scores the targets' year: a horizon that stops short of it is extended (within
    the region's horizon range); target_year_issue has already warned when it is not base + 1."""
    p = r.pset["horizon.end_year"]
    if int(r.values["horizon.end_year"]) < r.targets.year <= p.max:
        r.values["horizon.end_year"] = int(r.targets.year)


def _percentile_table(res, lang, out, year: int) -> None:
    """Percentiles and mean of the headline outputs in ``year`` (the targets' year)."""
    col = res.years.index(year)
    out.write(
        f"{year}: {'mean':>9s} " + " ".join(f"{'p' + str(q):>9s}" for q in montecarlo.PERCENTILES)
    )
    out.write("\n")
    meta = variable_meta()
    for var in HEADLINE:
        if var not in res.series:
            continue
        pc, mean = res.percentiles(var)[:, col], res.mean(var)[col]
        label = meta.get(var, {}).get(f"label_{lang}", var)
        out.write(f"  {label:34s} {mean:9.3f} " + " ".join(f"{x:9.3f}" for x in pc))
        out.write("\n")


def _odds_table(res, lang, out, title, only=None) -> None:
    out.write(f"{title}:\n")
    for o in res.odds:
        if only is not None and o.target.id not in only:
            continue
        out.write(
            f"  {o.target.label(lang):34s} {100 * o.p_met:6.1f}%  "
            f"({t('an_mc_or_near', lang)} {100 * o.p_met_or_near:.1f}%)\n"
        )
