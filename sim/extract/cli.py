"""``python -m sim extract REPORT.txt --region NAME [--out-baseline F] [--out-targets F]``.

The only place in sim.extract that reads or writes files. Bad input (unreadable file, unknown
encoding, no year, nothing found, a text over the size limit) prints one line on stderr and
returns 2; never a traceback. A file is written only when it is usable: the targets file only
when the report has targets (else exit 2 naming what was missing), and the exit code is 1 when
the baseline still lacks rows the model needs (they are printed, ready to paste).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import InputError
from ..export import neutralise_frame
from ..io import read_user_input
from .normalise import MAX_REPORT_CHARS, read_report_bytes
from .region_name import region_in_title
from .report import extract_report
from .results import clean


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register the ``extract`` sub-command on an ``argparse`` subparsers object."""
    p = subparsers.add_parser(
        "extract",
        help="read a government work report into a baseline CSV and a targets TOML",
        description="Read a 政府工作报告 (UTF-8 or GBK text, simplified or traditional script; "
        f"'-' reads stdin; at most {MAX_REPORT_CHARS:,} characters) and print every figure found "
        "with its quote, the missing and the ambiguous ones.",
    )
    p.add_argument("report", help="report text file (.txt), or - for standard input")
    p.add_argument(
        "--region",
        help="region name written in the outputs (default: the one the title names, e.g. "
        "煤城市 in '煤城市2024年政府工作报告'; required when the title names none)",
    )
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
    print(f"error: {' '.join(clean(msg).split())}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Extract, print the summary, write the requested files.

    0 = everything written; 1 = written, but the baseline lacks rows the model needs (listed);
    2 = bad input, or a requested file that would be unusable (nothing written)."""
    name = str(args.report)
    region = " ".join(clean(str(args.region or "")).split())
    if args.region is not None and not region:
        return _fail("--region is empty")
    try:
        data = read_user_input(name, "report")  # sim.io: regular files only, size-limited
    except InputError as exc:
        return _fail(str(exc))
    try:
        text = read_report_bytes(data)
        if not region:
            region = region_in_title(text) or ""
            if not region:
                return _fail("--region is required: the report's title names no region")
            print(
                f"region: {region} (from the report's title; --region to change it)",
                file=sys.stderr,
            )
        ex = extract_report(text, region, getattr(args, "report_year", None))
    except ValueError as exc:
        return _fail(f"{name}: {exc}")
    if not ex.figures and not ex.targets and not ex.ambiguous:
        return _fail(f"{name}: no figures found; is this a government work report (政府工作报告)?")
    print(ex.summary())
    outputs = []
    if getattr(args, "out_targets", None):
        if not ex.targets:
            why = "every target is ambiguous" if ex.ambiguous else "no targets part was found"
            return _fail(
                f"{name}: no targets to write ({why}); pick the ambiguous readings or add a "
                "[[target]] table by hand; nothing written"
            )
        outputs.append((Path(args.out_targets), ex.targets_toml()))
    if getattr(args, "out_baseline", None):
        if not ex.figures:
            return _fail(f"{name}: no figures for {ex.review_year} to write; nothing written")
        frame = neutralise_frame(ex.baseline_frame())
        outputs.append((Path(args.out_baseline), frame.to_csv(index=False, lineterminator="\r\n")))
    for path, content in outputs:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8", newline="")
        except OSError as exc:
            return _fail(f"cannot write {path}: {exc.strerror or exc}")
        print(f"wrote {path}")
    needs = ex.needs()
    if needs and getattr(args, "out_baseline", None):
        print(
            f"The model needs {len(needs)} more row(s) for {ex.review_year} that the report does "
            f"not state; add them to {args.out_baseline} (fill in the value, and the source and "
            "quote if you have them):"
        )
        print(ex.needs_csv())
        for n in needs:
            if n.context:
                print(f"  {n.variable}: the report says «{' '.join(n.context.split())}»")
        return 1
    return 0


add_parsers = add_parser  # the name sim.cli looks for in COMMAND_MODULES
