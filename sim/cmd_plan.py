"""Plan subcommands: feasibility (a grid over two inputs where the chosen targets hold at once)
and paths (cumulative outcomes over the horizon, the plan-period intensity check).

Both resolve their inputs like ``run`` (cli_common.resolve_inputs): --baseline, --targets,
--profile, --set and --years, on the region's own ranges and defaults (sim.region).
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import model
from .analysis import feasibility, paths
from .cli_common import add_scenario_args, resolve_inputs, write_table
from .errors import InputError
from .i18n import region_label


def add_parsers(sub) -> None:
    p = sub.add_parser(
        "feasibility", help="grid over two inputs: where every chosen target holds at once"
    )
    add_scenario_args(p)
    p.add_argument("--x", required=True, metavar="ID", help="input on the horizontal axis")
    p.add_argument("--y", required=True, metavar="ID", help="input on the vertical axis")
    p.add_argument(
        "--target",
        dest="target_ids",
        action="append",
        default=[],
        metavar="ID",
        help="target id (repeatable; default: every covered target the model projects)",
    )
    p.add_argument("--n", type=int, default=21, help="grid points per axis (3-101, default 21)")
    p.add_argument("--lang", choices=("zh", "en"), default="en")
    p.set_defaults(func=cmd_feasibility)

    p = sub.add_parser("paths", help="cumulative growth and intensity over the horizon")
    add_scenario_args(p)
    p.add_argument("--out", type=Path, help="the table as CSV (UTF-8 with BOM)")
    p.add_argument("--lang", choices=("zh", "en"), default="en")
    p.set_defaults(func=cmd_paths)


N_RANGE = (3, 101)


def cmd_feasibility(args) -> int:
    if not N_RANGE[0] <= args.n <= N_RANGE[1]:
        raise InputError(
            key="err_range_simple", field="--n", got=args.n, lo=N_RANGE[0], hi=N_RANGE[1]
        )
    r = resolve_inputs(args)
    proj = model.run(r.values, r.base, r.pset)
    ids = args.target_ids or [tg.id for tg in r.targets.covered if tg.variable in proj.series]
    fm = feasibility.feasibility_map(
        r.values, r.base, args.x, args.y, ids, n=args.n, pset=r.pset, targets=r.targets
    )
    out = sys.stdout
    out.write(
        f"{region_label(r.base.region, args.lang)} {r.targets.year}: {', '.join(ids)} — {100 * fm.share_ok:.1f}% "
        f"of the grid holds ({proj.mode_label(args.lang)})\n"
    )
    out.write(f"  {args.y} (rows, top = {fm.ys[-1]:g}) x {args.x} (columns {fm.xs[0]:g} to "
              f"{fm.xs[-1]:g}); # holds, . misses, x invalid, o current inputs\n")  # fmt: skip
    cx = abs(fm.xs - fm.current[0]).argmin()
    cy = abs(fm.ys - fm.current[1]).argmin()
    for j in range(len(fm.ys) - 1, -1, -1):
        cells = [
            "o"
            if (i, j) == (cx, cy)
            else "x"
            if not fm.valid[j, i]
            else "#"
            if fm.ok[j, i]
            else "."
            for i in range(len(fm.xs))
        ]
        out.write(f"  {fm.ys[j]:10.4g} {''.join(cells)}\n")
    return 0


def cmd_paths(args) -> int:
    r = resolve_inputs(args)
    proj = model.run(r.values, r.base, r.pset)
    table = paths.cumulative_table(proj)
    lang, out = args.lang, sys.stdout
    out.write(
        f"{region_label(r.base.region, lang)} {proj.years[1]}-{proj.years[-1]} — {proj.mode_label(lang)}\n"
    )
    out.write(table.to_string(index=False, float_format=lambda v: f"{v:.3f}") + "\n")
    plan = r.targets.by_id(paths.FYP_TARGET_ID)
    if plan is not None and plan.start_year and plan.end_year:
        check = paths.fyp_intensity(
            proj, r.base, target=plan.value, start=plan.start_year, end=plan.end_year
        )
        out.write(
            f"{plan.label(lang)} {plan.start_year}-{plan.end_year}: {check.cumulative:+.2f}% "
            f"against {plan.value:g}%"
        )
        if check.missing:
            years = ", ".join(map(str, check.missing))
            out.write(f"; no figure for {years} (needs {check.needed_missing:+.2f}% a year)")
        out.write("\n")
    if args.out:
        write_table(table, args.out)
    return 0
