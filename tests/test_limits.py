"""sim.limits is the one place the bounds live: the README states each of them, every entry
point reads them from there, and every refusal sentence exists in both languages with the same
placeholders."""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest

from sim import limits
from sim.errors import InputError

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_states_every_bound():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for what, limit in limits.BOUNDS:
        assert f"| {what} | {limit} |" in readme, f"README bounds table: {what} | {limit}"


def test_the_app_upload_limit_matches_the_file_limit():
    with open(ROOT / ".streamlit" / "config.toml", "rb") as f:
        mb = tomllib.load(f)["server"]["maxUploadSize"]
    assert mb * 1_000_000 >= limits.MAX_FILE_BYTES  # Streamlit's MB; sim.io refuses the rest


def test_no_entry_point_keeps_its_own_copy_of_a_bound():
    """The numbers that used to be written in each module are read from sim.limits now."""
    for path, pattern in [
        ("sim/cmd_analysis.py", r"MAX_DRAWS\s*=|100 <= args.draws|args.n < 16"),
        ("sim/io.py", r"MAX_UPLOAD_BYTES\s*=\s*\d"),
        ("sim/baseline.py", r"MAX_ROWS\s*=\s*\d"),
        ("sim/library_rows.py", r"MAX_(NAME|NOTES)\s*=\s*\d"),
        ("ui/analysis.py", r"-50\.0, 100\.0|0\.01, 0\.99"),
    ]:
        assert not re.search(pattern, (ROOT / path).read_text(encoding="utf-8")), path


def test_every_refusal_sentence_exists_in_both_languages_with_the_same_placeholders():
    with open(ROOT / "params" / "text_errors.toml", "rb") as f:
        doc = tomllib.load(f)
    zh, en = doc["zh"], doc["en"]
    assert set(zh) == set(en)
    fmt = string.Formatter()
    for key in zh:
        names = [
            {re.sub(r"_(zh|en)$", "", x[1]) for x in fmt.parse(text) if x[1]}
            for text in (zh[key], en[key])
        ]  # a value given in each language ({kind_zh}, {kind_en}) counts as one
        assert names[0] == names[1], key
        assert re.fullmatch(r"(err|warn|file_kind|tr)_[a-z_]+", key), key


@pytest.mark.parametrize(
    ("check", "args", "field"),
    [
        (limits.check_draws, (99, 1, 1), "draws"),
        (limits.check_draws, (1_000_000, 6, 65), "draws"),
        (limits.check_draws, (True, 1, 1), "draws"),
        (limits.check_sobol_n, (24,), "n"),
        (limits.check_sobol_n, (2**15,), "n"),
        (limits.check_seed, (-1,), "seed"),
        (limits.check_seed, (1.5,), "seed"),
        (limits.check_spread, (float("nan"),), "spread"),
        (limits.check_ytd_growth, (-100.0,), "ytd"),
        (limits.check_ytd_growth, (float("nan"),), "ytd"),
        (limits.check_period_share, (1.0,), "share"),
        (limits.check_file_size, (2_000_001, "f"), "f"),
        (limits.check_csv_shape, (51, 0), "baseline CSV"),
        (limits.check_scenario_keys, (501, "s"), "s"),
        (limits.check_base_year, (1948,), "baseline CSV"),
    ],
)
def test_each_check_refuses_by_name_in_both_languages(check, args, field):
    with pytest.raises(InputError) as e:
        check(*args)
    assert e.value.field == field
    assert e.value.message_zh != e.value.message_en and "{" not in e.value.text("zh")


def test_the_bounds_allow_what_the_tool_itself_offers():
    from sim.analysis import sensitivity

    limits.check_draws(100_000, 7, 20)  # the app's largest Monte Carlo, to 2030
    limits.check_draws(100_000, 7, 65)  # the same with every variable
    limits.check_draws(1_000_000, 1, 20)  # the README's largest one-year run
    limits.check_sobol_n(sensitivity.SOBOL_N)
    limits.check_seed(2**31 - 1)  # the app's largest seed
