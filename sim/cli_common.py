"""Shared pieces of the command line: the error-safe parser, --set/--baseline/--years handling.

Every subcommand resolves its inputs through ``resolve_inputs`` so the CLI, like the app, goes
through the one validation path in sim.metadata.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import io, limits
from .baseline import Baseline, build_baseline
from .errors import InputError
from .metadata import ParamSet, load_parameters, validate_adjustment
from .profiles import load_profile
from .region import RegionSetup, region_setup
from .scenarios import Scenario, load_scenario
from .side_inputs import check_values, side_inputs
from .targets import TargetSet, load_targets, targets_from_doc


class Parser(argparse.ArgumentParser):
    """argparse that reports a bad flag as one line and exits 2 (no usage dump)."""

    def error(self, message: str):
        cmd = self.prog.removeprefix("python -m sim").strip()
        sys.stderr.write(f"error: {message} (see python -m sim {cmd} --help)\n".replace("  ", " "))
        raise SystemExit(2)


def set_help() -> str:
    ps = load_parameters()
    ids = ", ".join(ps.ids)
    return f"override one input, ID=VALUE (repeatable). IDs: {ids}. `python -m sim params` lists ranges."


def add_scenario_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "scenario",
        nargs="?",
        default="official_2024",
        help="preset id or a scenario .toml file (default: official_2024)",
    )
    p.add_argument(
        "--baseline",
        type=Path,
        help="baseline CSV (default: the embedded Liupanshui 2023 baseline)",
    )
    p.add_argument(
        "--set", dest="sets", action="append", default=[], metavar="ID=VALUE", help=set_help()
    )
    p.add_argument(
        "--years",
        help="horizon, the year after the base year to at most 7 years after it, e.g. 2024 or "
        "2024-2030 on the 2023 baseline (sets horizon.end_year)",
    )
    add_region_args(p)


def add_region_args(p: argparse.ArgumentParser, baseline: bool = False) -> None:
    """--targets and --profile (and --baseline when the command has no scenario arguments)."""
    if baseline:
        p.add_argument(
            "--baseline",
            type=Path,
            help="baseline CSV (default: the embedded Liupanshui 2023 baseline)",
        )
    p.add_argument(
        "--targets",
        type=Path,
        help="targets TOML (default: params/targets.toml); e.g. one written by `python -m sim extract`; its values become the defaults of the linked inputs",
    )
    p.add_argument(
        "--profile",
        type=Path,
        help="assumption profile TOML (default: the region's own in params/profiles/ or data/regions/<region>/profile.toml, else the generic one)",
    )


@dataclass
class Resolved:
    scenario: Scenario
    values: dict
    base: Baseline
    targets: TargetSet
    setup: RegionSetup
    checks: dict[str, float] = field(default_factory=check_values)  # the [[check]] inputs

    @property
    def pset(self) -> ParamSet:
        return self.setup.pset

    def title(self, lang: str = "en") -> str:
        """The scenario's title; the official preset on another region or year is named for
        that region's own targets ("煤城市 2024 年目标"), not Liupanshui's 2024 ones."""
        if self.scenario.id == "official_2024" and self.setup.flags:
            from .i18n import region_label, t

            return t("reg_official_title", lang, region=region_label(self.base.region, lang),
                     year=self.targets.year)  # fmt: skip
        return self.scenario.title(lang)

    def description(self, lang: str = "en") -> str:
        """The scenario's description; the official preset's (Liupanshui's targets) is replaced
        on another region by one that says where its defaults come from."""
        if self.scenario.id == "official_2024" and self.setup.flags:
            from .i18n import region_label, t

            return t("reg_official_description", lang, region=region_label(self.base.region, lang))
        return self.scenario.description(lang)


def parse_pairs(items: list[str], flag: str) -> dict[str, str]:
    """ID=VALUE items of a repeatable flag as {id: value text}; an item without '=' is refused."""
    out = {}
    for item in items:
        if "=" not in item:
            raise InputError(key="err_not_pair", field=flag, got=_cut(item), form="ID=VALUE")
        k, v = item.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def parse_sets(sets: list[str]) -> dict[str, str]:
    return parse_pairs(sets, "--set")


def add_check_arg(p: argparse.ArgumentParser) -> None:
    """--check: the [[check]] inputs of params/parameters.toml, for commands that show checks."""
    ids = ", ".join(side_inputs("check"))
    p.add_argument(
        "--check",
        action="append",
        default=[],
        metavar="ID=VALUE",
        help=f"an assumption of the consistency checks (repeatable). IDs: {ids}. "
        "`python -m sim params` lists ranges.",
    )


def parse_years(text: str, base_year: int, pset: ParamSet | None = None) -> int:
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*", text or "")
    if not m:
        raise InputError(key="err_years_form", field="--years", got=_cut(text))
    start, end = int(m.group(1)), int(m.group(2) or m.group(1))
    p = (pset or load_parameters())["horizon.end_year"]
    if start != base_year + 1:
        raise InputError(key="err_years_start", field="--years", first=base_year + 1)
    if not p.min <= end <= p.max:
        raise InputError(
            key="err_years_end", field="--years", end=end, lo=f"{p.min:g}", hi=f"{p.max:g}"
        )
    return end


def resolve_inputs(args) -> Resolved:
    """Scenario file + --set overrides + --years, validated; the baseline loaded and checked.
    An --out that cannot be written (a device, FIFO, directory) is refused first."""
    if getattr(args, "out", None) is not None:
        io.check_output_path(args.out, "--out")
    base, ts, setup = resolve_region(args)
    scn = load_scenario(args.scenario)
    adjustment = dict(scn.values)  # the region's targets are already the defaults (sim.region)
    adjustment.update(parse_sets(args.sets))
    if args.years:
        adjustment["horizon.end_year"] = parse_years(args.years, base.year, setup.pset)
    v = validate_adjustment(adjustment, setup.pset)
    v.raise_first()
    for issue in v.issues:  # notices that keep the run going (e.g. a retired input migrated)
        print(f"warning: {issue.en}", file=sys.stderr)
    checks = check_values(parse_pairs(getattr(args, "check", []), "--check"))
    return Resolved(scn, v.values, base, ts, setup, checks)


def resolve_region(args) -> tuple[Baseline, TargetSet, RegionSetup]:
    """Baseline, targets and the region's inputs (ranges, defaults, profile) from --baseline,
    --targets and --profile; prints the region's one-line notice and a targets-year warning."""
    base = build_baseline(io.read_baseline_frame(getattr(args, "baseline", None)))
    path = getattr(args, "targets", None)
    ts = targets_from_doc(io.targets_doc(path)) if path else load_targets()
    setup = region_setup(base, ts, load_profile(getattr(args, "profile", None), base.region))
    lang = getattr(args, "lang", "en")
    line = setup.summary(lang if lang in ("zh", "en") else "en", short=True)
    if line:
        sys.stderr.write(f"note: {line}\n")
    warn_target_year(base.year, ts.year, lang)
    return base, ts, setup


def warn_target_year(base_year: int, targets_year: int, lang: str = "en") -> None:
    """One line on stderr when the targets are not for the year after the base year."""
    issue = limits.target_year_issue(base_year, targets_year)
    if issue:
        sys.stderr.write(f"warning: {issue[0] if lang == 'zh' else issue[1]}\n")


def _cut(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def write_table(df, out: Path | None) -> None:
    """CSV to stdout, or to a file as Excel reads it: UTF-8 with BOM (Chinese shows correctly)
    and CRLF line ends (so a text field holding a line break is quoted). Text cells that would
    start a formula are neutralised in both (sim.export.neutralise_frame)."""
    from .export import neutralise_frame

    df = neutralise_frame(df)
    if out is None:
        df.to_csv(sys.stdout, index=False, lineterminator="\n")
        return
    text = df.to_csv(index=False, lineterminator="\r\n")
    io.write_user_bytes(out, text.encode("utf-8-sig"), "--out")


def number_arg(text: str, flag: str) -> float:
    """A finite number typed on the command line ("4.0", "4%"), else one line naming ``flag``."""
    try:
        v = float(text.replace("%", "").strip())
    except ValueError as e:
        raise InputError(key="err_not_number", field=flag, got=text[:40]) from e
    if v != v or v in (float("inf"), float("-inf")):
        raise InputError(key="err_not_number", field=flag, got=text[:40])
    return v
