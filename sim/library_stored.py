"""What a scenario library version stores and gives back: the inputs as the checked sparse diff
(and its JSON), the baseline by the hash of its checked frame (the embedded one or an uploaded
CSV), and a stored version opened for use (``Opened``). Used by sim.library and
sim.library_files."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from . import io
from .baseline import Baseline, build_baseline
from .errors import InputError
from .library_rows import Entry, Version
from .metadata import Issue, ParamSet, validate_adjustment
from .region import params_for, stored_diff


@dataclass
class Opened:
    """A stored version ready to use: every parameter's value (checked against today's ranges,
    out-of-range values clamped with a warning in ``issues``) and the baseline it ran on."""

    entry: Entry
    version: Version
    values: dict
    issues: list[Issue] = field(default_factory=list)
    baseline_csv: str | None = None  # None: the embedded baseline
    baseline_changed: bool = False  # embedded baseline differs from the one it was run on

    def baseline(self) -> Baseline:
        data = None if self.baseline_csv is None else self.baseline_csv.encode("utf-8")
        return build_baseline(io.read_baseline_frame(data))


def baseline_hash(frame: pd.DataFrame) -> str:
    """sha256 of the checked baseline frame (columns in name order, rows as given)."""
    text = frame[sorted(frame.columns)].to_csv(index=False, lineterminator="\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def embedded_baseline() -> tuple[Baseline, str]:
    base = build_baseline(io.read_baseline_frame())
    return base, baseline_hash(base.frame)


def inputs_json(inputs: Mapping) -> str:
    return json.dumps(dict(inputs), ensure_ascii=False, separators=(",", ":"))


def checked_inputs(values: Mapping, pset: ParamSet | None = None) -> dict:
    """The one validation path (on the region's inputs ``pset``, sim.region); returns the
    sparse diff that is stored (sim.region.stored_diff)."""
    v = validate_adjustment(values, pset)
    v.raise_first()
    return stored_diff(v.values, pset)


def stored_params(csv: str | None) -> ParamSet | None:
    """Another region's baseline: its own ranges (sim.region.params_for); else the written."""
    try:
        return (
            None
            if csv is None
            else params_for(build_baseline(io.read_baseline_frame(csv.encode())))
        )
    except InputError:
        return None
