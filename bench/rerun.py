"""Figure 3: server-side rerun of app.py after a slider move (Streamlit AppTest), against the
same app with the model results held constant (bench/apps/constant_results.py) and against a
page with the same widgets only (bench/apps/widgets_only.py).

Each page runs in its own worker process (so no cache or patch is shared) and the driver asks
them for one rerun each in turn, so drift on the machine hits all three alike. Every move takes
the primary-growth slider to a value not seen before (a model-cache miss, as when a planner
drags a slider). Goal: app.py within 1.5x the constant-results page.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from . import common
from .figures import Figure

SLIDER = "growth.primary"  # an input in both sector growth modes
APPS = {
    "app": "app.py",
    "constant": "bench/apps/constant_results.py",
    "widgets": "bench/apps/widgets_only.py",
}
GOAL_RATIO = 1.5


def unavailable() -> str | None:
    if not (common.ROOT / "app.py").exists():
        return "app.py does not exist yet"
    return None


def worker(path: str) -> None:
    """Serve reruns over stdin/stdout: 'move' -> seconds of one rerun after a new value."""
    from streamlit.testing.v1 import AppTest

    from sim.metadata import load_parameters

    p = load_parameters()[SLIDER]
    at = AppTest.from_file(str(common.ROOT / path), default_timeout=120)
    at.run()
    if at.exception:
        raise SystemExit(f"{path}: {at.exception[0].message}")
    if "constant" in path:
        from sim import model

        if not getattr(model.run, "calls", 0):
            raise SystemExit(f"{path}: app.py no longer calls sim.model.run; fix the floor page")
    value = float(at.slider(key=SLIDER).value)
    step = float(p.step)
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() != "move":
            break
        value = value + step if value + step <= p.max else float(p.min)
        slider = at.slider(key=SLIDER).set_value(round(value, 6))
        t0 = time.perf_counter()
        slider.run()
        elapsed = time.perf_counter() - t0
        if at.exception:
            raise SystemExit(f"{path}: {at.exception[0].message}")
        print(json.dumps(elapsed), flush=True)


class _Worker:
    def __init__(self, path: str):
        self.proc = subprocess.Popen(
            [common.PYTHON, "-m", "bench.rerun", "--worker", path],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=common.ROOT,
            env=common.child_env(),
        )
        self._expect("ready")

    def _expect(self, what: str | None = None) -> str:
        line = self.proc.stdout.readline().strip()
        if not line or (what and line != what):
            self.proc.kill()
            raise RuntimeError(f"rerun worker ended: {line!r}")
        return line

    def move(self) -> float:
        self.proc.stdin.write("move\n")
        self.proc.stdin.flush()
        return json.loads(self._expect())

    def close(self) -> None:
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def measure(quick: bool = False) -> list[Figure]:
    n, warmup = (3, 1) if quick else (40, 5)
    workers = {}
    try:
        for name, path in APPS.items():
            workers[name] = _Worker(path)
        samples: dict[str, list[float]] = {name: [] for name in APPS}
        for i in range(warmup + n):
            for name, w in workers.items():
                t = w.move()
                if i >= warmup:
                    samples[name].append(t * 1e3)
    finally:
        for w in workers.values():
            w.close()
    return [
        Figure(
            id="rerun.app",
            label="rerun app.py after a slider move",
            unit="ms",
            samples=samples["app"],
            floor_label="(model results held constant)",
            floor_samples=samples["constant"],
            goal=f"<= {GOAL_RATIO}x constant-results app",
            max_ratio=GOAL_RATIO,
        ),
        Figure(
            id="rerun.app_vs_widgets",
            label="rerun app.py (against widgets only)",
            unit="ms",
            samples=samples["app"],
            floor_label="(same widgets only)",
            floor_samples=samples["widgets"],
            goal="(context)",
        ),
    ]


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        worker(sys.argv[2])
    else:
        raise SystemExit("usage: python -m bench.rerun --worker APP.py")
