"""Core subcommands: run (IAMC rows), params (every input with range and unit), targets
(the scoreboard and consistency checks)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from . import checks, iamc, io, model, physical
from .cli_common import (
    add_check_arg,
    add_region_args,
    add_scenario_args,
    resolve_inputs,
    resolve_region,
    write_table,
)
from .i18n import region_label, t, unit_label
from .side_inputs import side_inputs
from .targets import scoreboard


def add_parsers(sub) -> None:
    p = sub.add_parser("run", help="run a scenario and write IAMC long rows (CSV)")
    add_scenario_args(p)
    add_check_arg(p)  # the workbook's checks sheet
    p.add_argument(
        "--out",
        type=Path,
        help="output file: .csv (IAMC rows, UTF-8 with BOM) or .xlsx (the hand-over workbook "
        "in --lang); stdout when omitted",
    )
    p.add_argument(
        "--lang", choices=("zh", "en"), help="language of the workbook or table (default zh)"
    )
    p.add_argument(
        "--table",
        action="store_true",
        help="write the results table for people (headers and units in --lang) instead of IAMC rows",
    )
    p.set_defaults(func=cmd_run)

    p = sub.add_parser(
        "params",
        help="list every input with its range, unit and default (for a region with --baseline)",
    )
    add_region_args(p, baseline=True)
    p.add_argument("--lang", choices=("zh", "en"), default="en")
    p.set_defaults(func=cmd_params)

    p = sub.add_parser("targets", help="print the target scoreboard and consistency checks")
    add_scenario_args(p)
    add_check_arg(p)
    p.add_argument("--lang", choices=("zh", "en"), default="en")
    p.set_defaults(func=cmd_targets)


def cmd_run(args) -> int:
    r = resolve_inputs(args)
    proj = model.run(r.values, r.base, r.pset)
    physical.first_break(proj)  # a path that breaks a physical limit names the year and input
    lang = args.lang or "zh"
    if (args.out is not None and args.out.suffix.lower() == ".xlsx") or args.table:
        from . import workbook
        from .export_tables import Case

        case = Case(r.title(lang), r.values, proj, r.base, r.targets, r.pset, checks=r.checks)
        case = replace(case, description=r.description(lang), reasons=r.scenario.reasons)
        if args.out is not None and args.out.suffix.lower() == ".xlsx":
            data = workbook.workbook_bytes(case, lang)
        else:
            data = workbook.table_csv_bytes(case, lang)
        if args.out is None:
            sys.stdout.write(data.decode("utf-8-sig").replace("\r\n", "\n"))
        else:
            io.write_user_bytes(args.out, data, "--out")
        return 0
    write_table(iamc.to_iamc(proj, r.scenario.id), args.out)
    return 0


def cmd_params(args) -> int:
    lang = args.lang
    _, _, setup = resolve_region(args)
    ps = setup.pset
    for g in ps.groups:
        print(f"[{g.label(lang)}]")
        for p in ps.in_group(g.id):
            unit = unit_label(p.unit, lang)
            if p.type == "choice":
                rng = " | ".join(p.choices)
                print(
                    f"  {p.id:28s} {p.label(lang)}: one of {rng} (default {p.default}) [{p.kind}]"
                )
            else:
                print(
                    f"  {p.id:28s} {p.label(lang)}: {p.min:g} to {p.max:g} {unit}, step {p.step:g} (default {p.default:g}) [{p.kind}]"
                )
            flag = setup.flag(p.id)
            if flag is not None:
                print(f"  {'':28s} ! {flag.text(lang)}")
    print(f"[{t('app_ck_params', lang)}]")
    for c in side_inputs("check").values():
        rng = f"{c.min:g} to {c.max:g} {unit_label(c.unit, lang)}, step {c.step:g}"
        print(f"  {c.id:28s} {c.label(lang)}: {rng} (default {c.default:g}) [assumption]")
    return 0


def cmd_targets(args) -> int:
    lang = args.lang
    r = resolve_inputs(args)
    proj = model.run(r.values, r.base, r.pset)
    ts = r.targets
    out = sys.stdout
    out.write(
        f"{r.title(lang)} — {region_label(proj.region, lang)} {proj.years[1]} — {proj.mode_label(lang)}\n"
    )
    for row in scoreboard(proj, ts):
        tg = row.target
        unit = unit_label(tg.unit, lang)
        out.write(
            f"  {tg.label(lang):34s} {row.projected:10.2f}  target {t('qual_' + tg.qualifier, lang)} "
            f"{tg.value:g} {unit}  gap {row.gap:+.2f}  {row.status_text(lang)}"
            f"{'  (' + t('status_input', lang) + ')' if row.set_by_input else ''}\n"
        )
    out.write("checks:\n")
    for c in checks.consistency(proj, ts, r.base, r.checks):
        out.write(f"  [{c.level}] {c.text(lang)}\n")
    for n in proj.notes:
        out.write(f"  [note] {n.text(lang)}\n")
    return 0
