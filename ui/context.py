"""What every part of the app receives: the language, the validated inputs, the baseline, the
metadata, the targets and the projection for the current inputs."""

from __future__ import annotations

from dataclasses import dataclass

from sim.baseline import Baseline
from sim.metadata import ParamSet
from sim.model import Projection
from sim.targets import TargetSet


@dataclass
class Ctx:
    lang: str  # "zh" or "en"
    values: dict  # every parameter id -> validated value (choices as their string)
    base: Baseline
    pset: ParamSet
    targets: TargetSet
    proj: Projection  # the current scenario, deterministic (one draw)
    scenario_id: str  # preset id, or "custom"
    setup: object = None  # sim.region.RegionSetup of the baseline in use (flags, profile)

    def tr(self, key: str, **kw) -> str:
        from sim.i18n import t

        return t(key, self.lang, **kw)
