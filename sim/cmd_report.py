"""``python -m sim report``: the briefing 情景测算说明 of one scenario as a Word document
(sim.briefing), the same as the app's download."""

from __future__ import annotations

import sys
from pathlib import Path

from . import io, model, physical
from .cli_common import add_check_arg, add_scenario_args, resolve_inputs
from .errors import InputError
from .export_tables import Case
from .sanitize import file_stem


def add_parsers(sub) -> None:
    p = sub.add_parser("report", help="write the scenario briefing (情景测算说明) as a .docx")
    add_scenario_args(p)
    add_check_arg(p)
    p.add_argument(
        "--out",
        type=Path,
        help="output .docx (default: the scenario's name, e.g. 煤炭减产方案.docx, in this folder)",
    )
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language (default zh)")
    p.set_defaults(func=cmd_report)


def cmd_report(args) -> int:
    from .briefing import briefing_bytes

    if args.out is not None and args.out.suffix.lower() != ".docx":
        raise InputError(key="xp_err_docx", field="--out", got=io.shown_path(args.out, 60))
    r = resolve_inputs(args)
    proj = model.run(r.values, r.base)
    physical.first_break(proj)
    title = r.title(args.lang)
    description, why = r.description(args.lang), r.scenario.reasons
    case = Case(
        title,
        r.values,
        proj,
        r.base,
        r.targets,
        r.pset,
        description=description,
        reasons=why,
        checks=r.checks,
    )
    out = args.out or Path(file_stem(title, r.scenario.id) + ".docx")
    io.write_user_bytes(out, briefing_bytes(case, args.lang), "--out")
    print(out, file=sys.stderr)
    return 0
