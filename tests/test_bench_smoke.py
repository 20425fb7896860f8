"""The benchmark command runs and writes the JSON it promises (tiny --quick mode, non-browser
parts). Timings are never asserted: benchmarks are not tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import run

ROOT = Path(__file__).resolve().parents[1]
FIGURE_KEYS = {"id", "label", "unit", "samples", "median", "floor", "ratio", "goal", "met"}


def _run(tmp_path, parts: str, capsys) -> dict:
    out = tmp_path / "bench.json"
    assert run.main(["--quick", "--only", parts, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "figure" in printed and "median" in printed and str(out) in printed
    return json.loads(out.read_text(encoding="utf-8"))


def _figures_ok(doc: dict, ids: set[str]) -> None:
    assert {"command", "quick", "machine", "figures", "skipped", "goals"} <= doc.keys()
    assert doc["quick"] is True and doc["machine"]["cpus"] >= 1
    got = {f["id"]: f for f in doc["figures"]}
    assert ids <= got.keys(), (ids - got.keys(), doc["skipped"])
    for fid in ids:
        f = got[fid]
        assert f.keys() >= FIGURE_KEYS
        assert f["samples"] and all(x > 0 for x in f["samples"])
        assert f["floor"] is not None and f["ratio"] is not None


def test_model_and_montecarlo_quick(tmp_path, capsys):
    doc = _run(tmp_path, "model,montecarlo", capsys)
    ids = {"model.run.1y", "mc.1000.1y", "mc.5000.2y"}
    _figures_ok(doc, ids | {f"model.run.{doc['figures'][1]['extra']['years']}y"})
    mc = {f["id"]: f for f in doc["figures"]}["mc.5000.2y"]
    assert {"draw_years_per_s", "sampling_s", "scaling_exponent"} <= mc["extra"].keys()


@pytest.mark.slow
@pytest.mark.skipif(not (ROOT / "app.py").exists(), reason="app.py not written yet")
def test_rerun_quick(tmp_path, capsys):
    doc = _run(tmp_path, "rerun", capsys)
    _figures_ok(doc, {"rerun.app", "rerun.app_vs_widgets"})


def test_unknown_part_is_refused(tmp_path):
    with pytest.raises(SystemExit):
        run.main(["--only", "nonsense", "--out", str(tmp_path / "x.json")])
