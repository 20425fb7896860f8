"""Shared fixtures. Floating-point errors raise, so a silent NaN or overflow fails a test."""

from __future__ import annotations

import numpy as np
import pytest

from sim import io
from sim.baseline import build_baseline
from sim.metadata import load_parameters, validate_adjustment
from sim.targets import load_targets

np.seterr(all="raise", under="ignore")  # underflow to 0 is harmless


@pytest.fixture(scope="session")
def base():
    return build_baseline(io.read_baseline_frame())


@pytest.fixture(scope="session")
def pset():
    return load_parameters()


@pytest.fixture(scope="session")
def targets():
    return load_targets()


@pytest.fixture
def defaults():
    return validate_adjustment({}).values
