"""Timing helpers and the figure record every benchmark module returns.

A figure is a median over repeated runs, printed beside its floor (a simpler thing measured in
the same run), with the ratio and the goal it is held to. Nothing here asserts a timing.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field


def repeat(fn: Callable[[], object], n: int, warmup: int = 1) -> list[float]:
    """Seconds per call of ``fn``, ``n`` timed calls after ``warmup`` untimed ones."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def median(samples: list[float]) -> float:
    return statistics.median(samples) if samples else float("nan")


@dataclass
class Figure:
    """One measured figure. Times in ``unit`` ("ms" or "s"); samples in the same unit."""

    id: str
    label: str
    unit: str
    samples: list[float]
    floor_label: str = ""
    floor_samples: list[float] = field(default_factory=list)
    goal: str = ""  # human-readable goal, empty when the figure has none
    max_ratio: float | None = None  # goal as a ratio to the floor
    max_value: float | None = None  # goal as an absolute bound, in ``unit``
    extra: dict = field(default_factory=dict)  # e.g. draw-years per second, breakdowns
    note: str = ""  # a short remark printed in the table (throughput, scaling)

    @property
    def median(self) -> float:
        return median(self.samples)

    @property
    def floor(self) -> float | None:
        return median(self.floor_samples) if self.floor_samples else None

    @property
    def ratio(self) -> float | None:
        f = self.floor
        return self.median / f if f else None

    @property
    def met(self) -> bool | None:
        """True/False against the goal; None when the figure has no goal."""
        if self.max_ratio is not None:
            r = self.ratio
            return None if r is None else r <= self.max_ratio
        if self.max_value is not None:
            return self.median <= self.max_value
        return None

    def to_json(self) -> dict:
        d = asdict(self)
        d.update(median=self.median, floor=self.floor, ratio=self.ratio, met=self.met)
        return d


def scaled(samples_s: list[float], unit: str) -> list[float]:
    """Seconds to the figure's unit."""
    k = {"s": 1.0, "ms": 1e3}[unit]
    return [x * k for x in samples_s]


def table(figures: list[Figure]) -> str:
    """The printed table: figure, median, floor, ratio, goal, met."""
    head = ("figure", "median", "floor", "ratio", "goal", "met", "note")
    rows = []
    for f in figures:
        fl = f.floor
        rows.append(
            (
                f.label,
                _num(f.median, f.unit),
                "" if fl is None else f"{_num(fl, f.unit)} {f.floor_label}",
                "" if f.ratio is None else f"{f.ratio:.2f}x",
                f.goal,
                {True: "yes", False: "NO", None: ""}[f.met],
                f.note,
            )
        )
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in [head, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def _num(v: float, unit: str) -> str:
    if v != v:  # NaN
        return "n/a"
    digits = 3 if unit == "s" else (2 if v < 10 else 1)
    return f"{v:.{digits}f} {unit}"
