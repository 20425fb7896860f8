"""``python -m sim extract REPORT.txt --region NAME [--out-baseline F] [--out-targets F]``.

The only place in sim.extract that reads or writes files. Bad input (unreadable file, unknown
encoding, no year, nothing found) prints one line on stderr and returns 2; never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import InputError
from ..io import read_user_input
from .normalise import read_report_bytes
from .report import extract_report


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register the ``extract`` sub-command on an ``argparse`` subparsers object."""
    p = subparsers.add_parser(
        "extract",
        help="read a government work report into a baseline CSV and a targets TOML",
        description="Read a 政府工作报告 (UTF-8 or GBK text; '-' reads stdin) and print every "
        "figure found with its quote, the missing and the ambiguous ones.",
    )
    p.add_argument("report", help="report text file (.txt), or - for standard input")
    p.add_argument("--region", required=True, help="region name written in the outputs")
    p.add_argument("--out-baseline", metavar="FILE", help="write last year's figures (CSV)")
    p.add_argument("--out-targets", metavar="FILE", help="write this year's targets (TOML)")
    p.add_argument(
        "--report-year",
        type=int,
        metavar="YYYY",
        help="year of the report, used when the text does not state it",
    )
    p.set_defaults(func=run)
    return p


def _fail(msg: str) -> int:
    print(f"error: {msg}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Extract, print the summary, write the requested files. 0 = ok, 2 = bad input."""
    name = str(args.report)
    try:
        data = read_user_input(name, "report")  # sim.io: regular files only, size-limited
    except InputError as exc:
        return _fail(str(exc))
    try:
        text = read_report_bytes(data)
        ex = extract_report(text, args.region, getattr(args, "report_year", None))
    except ValueError as exc:
        return _fail(f"{name}: {exc}")
    if not ex.figures and not ex.targets and not ex.ambiguous:
        return _fail(f"{name}: no figures found; is this a government work report (政府工作报告)?")
    print(ex.summary())
    outputs = []
    if getattr(args, "out_baseline", None):
        outputs.append((Path(args.out_baseline), ex.baseline_frame().to_csv(index=False)))
    if getattr(args, "out_targets", None):
        outputs.append((Path(args.out_targets), ex.targets_toml()))
    for path, content in outputs:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        except OSError as exc:
            return _fail(f"cannot write {path}: {exc.strerror or exc}")
        print(f"wrote {path}")
    return 0


add_parsers = add_parser  # the name sim.cli looks for in COMMAND_MODULES
