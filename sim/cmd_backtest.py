"""``python -m sim backtest``: project 2023 from the 2022 baseline and print each block's error
(sim.backtest); ``--markdown`` prints the README table."""

from __future__ import annotations

import sys

from . import backtest


def add_parsers(sub) -> None:
    p = sub.add_parser(
        "backtest", help="project 2023 from the 2022 baseline; each block's error, both modes"
    )
    p.add_argument("--markdown", action="store_true", help="print the README table")
    p.set_defaults(func=cmd_backtest)


def cmd_backtest(args) -> int:
    df = backtest.table()
    if args.markdown:
        sys.stdout.write(backtest.markdown(df) + "\n")
        return 0
    out = sys.stdout
    out.write("2023 projected from the 2022 baseline (params/backtest/2023.toml)\n")
    out.write(
        f"  {'block':30s} {'actual':>9s} {'target':>9s} {'error':>8s} {'drivers':>9s} {'error':>8s}\n"
    )
    for r in df.itertuples():
        unit = "pp" if r.kind == "rate" else "%"
        out.write(
            f"  {r.block:30s} {r.actual:9.2f} {r.target:9.2f} {r.target_error:+7.2f}{unit} "
            f"{r.drivers:9.2f} {r.drivers_error:+7.2f}{unit}\n"
        )
    return 0
