"""Run the benchmarks, print the table, write JSON.

    .venv/bin/python -m bench.run [--quick] [--only model,montecarlo,...] [--out FILE]

Parts: model, montecarlo, rerun (AppTest), browser and coldstart (Chromium + Playwright),
exports (workbook, briefing, chart PNG).
``--quick`` is a tiny smoke run (few repeats, small sizes) whose timings mean little.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

from .figures import Figure, table

PARTS = ("model", "montecarlo", "rerun", "browser", "coldstart", "exports")
DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "latest.json"


def machine() -> dict:
    import numpy
    import streamlit

    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "streamlit": streamlit.__version__,
    }


def run_parts(parts: list[str], quick: bool) -> tuple[list[Figure], dict]:
    figures: list[Figure] = []
    skipped: dict[str, str] = {}
    for part in parts:
        mod = importlib.import_module(f"bench.{part}")
        reason = getattr(mod, "unavailable", lambda: None)()
        if reason:
            skipped[part] = reason
            print(f"[{part}] skipped: {reason}", file=sys.stderr)
            continue
        t0 = time.perf_counter()
        print(f"[{part}] measuring ...", file=sys.stderr, flush=True)
        try:
            got = mod.measure(quick=quick)
        except Exception as e:  # one broken part must not lose the others' figures
            traceback.print_exc()
            skipped[part] = f"failed: {type(e).__name__}: {e}"
            continue
        figures += got
        print(f"[{part}] done in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    return figures, skipped


def report(
    figures: list[Figure], skipped: dict, quick: bool, parts: list[str], load_before: float
) -> dict:
    m = machine()
    m["load_before"], m["load_after"] = load_before, os.getloadavg()[0]
    return {
        "command": "python -m bench.run" + (" --quick" if quick else ""),
        "quick": quick,
        "parts": parts,
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": m,
        "figures": [f.to_json() for f in figures],
        "skipped": skipped,
        "goals": {
            "met": [f.id for f in figures if f.met is True],
            "missed": [f.id for f in figures if f.met is False],
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="tiny smoke run; timings mean little")
    ap.add_argument("--only", default="", help=f"comma-separated parts of {', '.join(PARTS)}")
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="JSON file (default: %(default)s)")
    args = ap.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()] or list(PARTS)
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        ap.error(f"unknown part {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    load_before = os.getloadavg()[0]
    figures, skipped = run_parts(parts, args.quick)
    out = report(figures, skipped, args.quick, parts, load_before)
    path = Path(args.out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False), encoding="utf-8")
    m = out["machine"]
    print(
        f"\nmachine: {m['cpus']} cores, {m['platform']}, Python {m['python']}; "
        f"1-min load average {m['load_before']:.1f} before, {m['load_after']:.1f} after"
    )
    print(table(figures))
    for part, why in skipped.items():
        print(f"skipped {part}: {why}")
    print(f"\nwritten {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
