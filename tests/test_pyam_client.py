"""pyam, the IAMC community's reader, reads our IAMC CSV: the real package (pyam-iamc), in its own
venv (.venv-pyam, made by scripts/setup.sh from requirements-pyam.lock; see
requirements-pyam.txt for why it is separate), driven through a subprocess. A missing pyam
fails: the set-up script always installs it.

pyam must see the same models, scenarios, regions, variables, years and values we wrote, and
its own ``check_aggregate`` must find our totals equal to the sum of their parts."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from sim import export, model
from sim.iamc import to_iamc
from sim.metadata import validate_adjustment

ROOT = Path(__file__).resolve().parents[1]
PYAM_PYTHON = Path(os.environ.get("PYAM_PYTHON", ROOT / ".venv-pyam" / "bin" / "python"))
# Totals and their parts, as pyam's check_aggregate takes them (current prices, 100m CNY).
AGGREGATES = {
    "GDP": ["Value Added|Primary", "Value Added|Secondary", "Value Added|Tertiary"],
    "Value Added|Secondary": ["Value Added|Industry", "Value Added|Construction"],
    "Revenue|General Public Budget": ["Revenue|Tax", "Revenue|Non-Tax"],
}
READER = """
import json, sys, warnings
warnings.simplefilter("ignore")
import pyam
aggregates = json.loads(sys.argv[2])
df = pyam.IamDataFrame(sys.argv[1])
data = df.data
out = {
    "version": pyam.__version__,
    "model": list(df.model), "scenario": list(df.scenario), "region": list(df.region),
    "variable": list(df.variable), "year": [int(y) for y in df.year],
    "rows": [[r.variable, r.unit, int(r.year), float(r.value)] for r in data.itertuples()],
    "aggregate_failures": {},
}
for total, parts in aggregates.items():
    bad = df.check_aggregate(total, components=parts, rtol=1e-6, atol=1e-5)
    out["aggregate_failures"][total] = 0 if bad is None else len(bad)
print(json.dumps(out, ensure_ascii=False))
"""


def read_with_pyam(path: Path) -> dict:
    if not PYAM_PYTHON.exists():
        pytest.fail(f"pyam is missing: {PYAM_PYTHON} does not exist; run ./scripts/setup.sh")
    proc = subprocess.run(
        [str(PYAM_PYTHON), "-c", READER, str(path), json.dumps(AGGREGATES)],
        capture_output=True,
        text=True,
        timeout=300,
        # iam-units caches pint's registry with absolute paths of the venv that built it: a
        # cache per venv, so a clone elsewhere (CI) never reads one pointing into another venv
        env={
            **os.environ,
            "PYTHONIOENCODING": "utf-8",
            "IAM_UNITS_CACHE": str(PYAM_PYTHON.parents[1] / "iam-units-cache"),
        },
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def written(base, tmp_path_factory):
    """A three-year run with a Chinese scenario name, as the app's IAMC download writes it."""
    values = validate_adjustment({"coal.output": 7700, "horizon.end_year": 2026}).values
    proj = model.run(values, base)
    path = tmp_path_factory.mktemp("pyam") / "煤炭减产方案_IAMC.csv"
    path.write_bytes(export.iamc_csv_bytes(proj, "煤炭减产方案"))
    return proj, path, read_with_pyam(path)


def test_pyam_is_the_locked_package(written):
    _, _, got = written
    lock = (ROOT / "requirements-pyam.lock").read_text(encoding="utf-8")
    assert f"pyam-iamc=={got['version']}" in lock


def test_pyam_reads_every_row_we_wrote(written):
    proj, _, got = written
    ours = to_iamc(proj, "煤炭减产方案")
    assert got["model"] == sorted(set(ours["model"]))
    assert got["scenario"] == ["煤炭减产方案"]
    assert got["region"] == ["Liupanshui"]
    assert got["year"] == [2023, 2024, 2025, 2026]
    assert set(got["variable"]) == set(ours["variable"])
    assert len(got["rows"]) == len(ours)
    want = {(r.variable, r.unit, int(r.year)): r.value for r in ours.itertuples()}
    for variable, unit, year, value in got["rows"]:
        assert value == pytest.approx(want[(variable, unit, year)], abs=1e-9), variable
    energy = {(v, y): x for v, u, y, x in got["rows"] if v == "Energy|Consumption"}
    assert energy[("Energy|Consumption", 2024)] == pytest.approx(
        proj.value("Energy|Consumption"), abs=1e-6
    )


def test_pyam_finds_our_totals_equal_to_their_parts(written):
    _, _, got = written
    assert got["aggregate_failures"] == dict.fromkeys(AGGREGATES, 0)


def test_the_set_up_script_installs_pyam():
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "requirements-pyam.lock" in setup and ".venv-pyam" in setup
    assert "pyam-iamc" in (ROOT / "requirements-pyam.txt").read_text(encoding="utf-8")
