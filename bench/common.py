"""What every benchmark module shares: the embedded baseline and the official inputs."""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


@lru_cache(maxsize=1)
def base():
    from sim import io
    from sim.baseline import build_baseline

    return build_baseline(io.read_baseline_frame())


@lru_cache(maxsize=1)
def pset():
    from sim.metadata import load_parameters

    return load_parameters()


def values(years: int) -> dict:
    """The official 2024 inputs projected ``years`` years past the base year."""
    from sim.metadata import validate_adjustment

    v = validate_adjustment({"horizon.end_year": base().year + years}, pset())
    assert v.ok, v.errors
    return v.values


def max_years() -> int:
    return int(pset()["horizon.end_year"].max) - base().year


def child_env() -> dict:
    """Environment for a child Python that imports the project from the repository root."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env
