"""Bounds on work and on the world, in one place: every entry point (command line, app, library,
loaders, analysis functions) reads its limits from here and refuses with the same sentence.

Work: how large a file, a CSV, a scenario file, a Monte Carlo run or a Sobol sample may be, so
that one request cannot take the server's memory or minutes of its CPU. World: years and rates
that cannot happen (a base year in the future, a fall of more than 100%).

Each ``check_*`` raises ``InputError`` with a sentence from params/text_errors.toml (both
languages) naming the field and the limit; ``BOUNDS`` lists them for the README's table
(tests/test_limits.py keeps the two in step).
"""

from __future__ import annotations

import datetime as _dt

from .errors import InputError

# ---------------------------------------------------------------------------- files
MAX_FILE_BYTES = (
    2_000_000  # any file a user gives (baseline, scenario, targets, report, library import)
)
MAX_CSV_COLUMNS = 50  # a baseline CSV has 7-8 columns
MAX_CSV_ROWS = 20_000  # the embedded baseline has about 60 rows
MAX_SCENARIO_KEYS = 500  # [values] of a scenario file; there are about 35 parameters
MAX_ISSUES = 20  # problems listed one by one; the rest are counted in one more line
MAX_NAME = 80  # a scenario's name or author in the library
MAX_NOTES = 2000  # a library version's notes, a scenario file's title or description

# ---------------------------------------------------------------------------- analysis
MC_DRAWS = (100, 1_000_000)
# draws x projected years (plus the base year) x variables kept: 60 million values is about
# 480 MB of results and 1.2 GB at the peak (100,000 draws to 2030 with every variable).
MC_MAX_VALUES = 60_000_000
MC_SPREAD = (0.0, 5.0)
SOBOL_N = (16, 16_384)  # base samples, a power of two: 16,384 is about 280,000 model rows, 0.7 GB
SEED = (0, 2**32 - 1)

# ---------------------------------------------------------------------------- the world
FIRST_YEAR = 1949
HORIZON_YEARS = 7  # the last projected year is at most base + 7 (sim.region, horizon.end_year)
YTD_GROWTH = (-99.9, 1000.0)  # % over the same period of the base year: above -100% (a level)
PERIOD_SHARE = (0.01, 0.99)  # the base-year share of the period to date


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f}".rstrip("0").rstrip(".")


def check_file_size(size: int, field: str, limit: int = MAX_FILE_BYTES) -> None:
    if size > limit:
        raise InputError(key="err_file_too_large", field=field, size=_mb(size), limit=_mb(limit))


def check_csv_shape(columns: int, rows: int, field: str = "baseline CSV") -> None:
    """Columns counted in the header, rows after parsing (both before any further work)."""
    if columns > MAX_CSV_COLUMNS:
        raise InputError(key="err_csv_columns", field=field, n=columns, limit=MAX_CSV_COLUMNS)
    if rows > MAX_CSV_ROWS:
        raise InputError(key="err_csv_rows", field=field, n=rows, limit=MAX_CSV_ROWS)


def check_scenario_keys(n: int, field: str) -> None:
    if n > MAX_SCENARIO_KEYS:
        raise InputError(key="err_scenario_keys", field=field, n=n, limit=MAX_SCENARIO_KEYS)


def _whole(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(key="err_whole_number", field=field, got=str(value)[:40])
    return value


def check_draws(draws: object, years: int, variables: int, field: str = "draws") -> int:
    """Monte Carlo: ``draws`` in MC_DRAWS and draws x (years + 1) x variables within
    MC_MAX_VALUES. ``years`` projected years, ``variables`` kept (every series with --all)."""
    draws = _whole(draws, field)
    lo, hi = MC_DRAWS
    if not lo <= draws <= hi:
        raise InputError(key="err_draws_range", field=field, got=draws, lo=f"{lo:,}", hi=f"{hi:,}")
    cols = max(int(years), 0) + 1
    values = draws * cols * max(int(variables), 1)
    if values > MC_MAX_VALUES:
        most = MC_MAX_VALUES // (cols * max(int(variables), 1))
        raise InputError(
            key="err_draws_memory",
            field=field,
            draws=f"{draws:,}",
            cols=cols,
            vars=variables,
            values=f"{values / 1e6:,.0f}",
            limit=f"{MC_MAX_VALUES / 1e6:,.0f}",
            most=f"{most:,}",
        )
    return draws


def check_spread(spread: float, field: str = "spread") -> float:
    lo, hi = MC_SPREAD
    if not (isinstance(spread, int | float) and lo <= spread <= hi):
        raise InputError(
            key="err_range_simple", field=field, got=spread, lo=f"{lo:g}", hi=f"{hi:g}"
        )
    return float(spread)


def check_sobol_n(n: object, field: str = "n") -> int:
    n = _whole(n, field)
    lo, hi = SOBOL_N
    if not lo <= n <= hi or n & (n - 1):
        raise InputError(key="err_sobol_n", field=field, got=str(n)[:40], lo=lo, hi=f"{hi:,}")
    return n


def check_seed(seed: object, field: str = "seed") -> int:
    seed = _whole(seed, field)
    lo, hi = SEED
    if not lo <= seed <= hi:
        raise InputError(key="err_range_simple", field=field, got=str(seed)[:40], lo=lo, hi=hi)
    return seed


def check_ytd_growth(value: float, field: str = "ytd") -> float:
    """Year-to-date growth (%): a level cannot fall by 100% or more; 1000% is a typing error."""
    lo, hi = YTD_GROWTH
    if not (value == value and lo <= value <= hi):
        raise InputError(key="err_ytd_growth", field=field, got=f"{value:g}", lo=lo, hi=f"{hi:g}")
    return float(value)


def check_period_share(share: float, field: str = "share") -> float:
    lo, hi = PERIOD_SHARE
    if not (share == share and lo <= share <= hi):
        raise InputError(key="err_range_simple", field=field, got=f"{share:g}", lo=lo, hi=hi)
    return float(share)


def this_year() -> int:
    return _dt.date.today().year


def check_base_year(year: int, field: str = "baseline CSV", today: int | None = None) -> int:
    """A base year holds actuals: from FIRST_YEAR to next year at the latest (a plan drafted
    in December may use this year's preliminary figures as the base)."""
    last = (today or this_year()) + 1
    if not FIRST_YEAR <= year <= last:
        raise InputError(key="err_base_year", field=field, year=year, lo=FIRST_YEAR, hi=last)
    return year


def target_year_issue(base_year: int, targets_year: int) -> tuple[str, str] | None:
    """(zh, en) one line when the targets are not for the year after the base year (they are
    then compared with another year's projection), else None. The one place this rule lives:
    the command line prints it as a warning, the app shows it beside the scoreboard."""
    if not targets_year or targets_year == base_year + 1:
        return None
    from .i18n import t

    kw = {"targets": targets_year, "base": base_year, "first": base_year + 1}
    return t("warn_target_year", "zh", **kw), t("warn_target_year", "en", **kw)


# The README's bounds table (tests/test_limits.py checks that the README states each value).
BOUNDS = (
    (
        "any file read (baseline, scenario, targets, report, library import)",
        f"{_mb(MAX_FILE_BYTES)} MB",
    ),
    ("special files (device, FIFO, directory) as input or --out", "refused before reading"),
    ("baseline CSV columns", f"{MAX_CSV_COLUMNS}"),
    ("baseline CSV rows", f"{MAX_CSV_ROWS:,}"),
    ("keys in a scenario file's [values]", f"{MAX_SCENARIO_KEYS}"),
    ("problems listed one by one", f"{MAX_ISSUES}, then a count of the rest"),
    ("a name or author in the library", f"{MAX_NAME} characters"),
    ("notes; a scenario file's title or description", f"{MAX_NOTES:,} characters"),
    ("Monte Carlo draws", f"{MC_DRAWS[0]:,} to {MC_DRAWS[1]:,}"),
    ("Monte Carlo draws x years x variables kept", f"{MC_MAX_VALUES / 1e6:.0f} million"),
    ("Monte Carlo spread", f"{MC_SPREAD[0]:g} to {MC_SPREAD[1]:g}"),
    ("Sobol base samples (power of two)", f"{SOBOL_N[0]} to {SOBOL_N[1]:,}"),
    ("random seed", "0 to 2^32 - 1"),
    ("base year", f"{FIRST_YEAR} to next year"),
    ("projected years (--years, horizon.end_year)", f"base + 1 to base + {HORIZON_YEARS}"),
    ("year-to-date growth", f"{YTD_GROWTH[0]:g}% to {YTD_GROWTH[1]:g}%"),
    ("base-year share of the period to date", f"{PERIOD_SHARE[0]:g} to {PERIOD_SHARE[1]:g}"),
)
