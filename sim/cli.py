"""``python -m sim``: the command line. Each subcommand module adds its own parsers.

Bad input of any kind ends with one line on stderr naming the problem and exit status 2.
"""

from __future__ import annotations

import importlib
import sys

from .cli_common import Parser
from .errors import InputError

# Modules that define add_parsers(subparsers); each subparser sets func(args) -> int.
COMMAND_MODULES = [
    "sim.cmd_core",
    "sim.extract.cli",
    "sim.cmd_analysis",
    "sim.cmd_plan",
    "sim.cmd_library",
    "sim.cmd_backtest",
    "sim.cmd_report",
]


def build_parser() -> Parser:
    parser = Parser(prog="python -m sim", description="Liupanshui annual-plan scenario simulator")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except InputError as e:
        lang = getattr(args, "lang", "en")
        sys.stderr.write(f"error: {_one_line(e.text(lang if lang in ('zh', 'en') else 'en'))}\n")
        return 2
    except BrokenPipeError:
        return 0


def _one_line(text: str, n: int = 500) -> str:
    """A message as one line of at most ``n`` characters (it may quote the user's input)."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
