"""Helpers shared by the fuzz suite (tests/test_fuzz_*.py).

``FUZZ_SCALE`` (environment, default 1) multiplies every hypothesis example count:
``FUZZ_SCALE=10 FUZZ_REPORT=/tmp/fuzz.json pytest tests/test_fuzz_*.py`` is the soak run whose
figures docs/reliability.md reports. ``tally`` counts the inputs each entry point was given and
how each ended (accepted, refused by name, ...); with ``FUZZ_REPORT`` set the counts are written
there as JSON when the run ends.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import json
import os
import threading
from collections import Counter, defaultdict
from pathlib import Path

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
SCALE = max(1, int(os.environ.get("FUZZ_SCALE", "1") or 1))
TALLY: dict[str, Counter] = defaultdict(Counter)


def examples(n: int, **kw) -> settings:
    """Hypothesis settings with n x FUZZ_SCALE examples, no deadline (the box is shared)."""
    return settings(
        max_examples=n * SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        **kw,
    )


def tally(entry: str, outcome: str) -> None:
    TALLY[entry][outcome] += 1


def run_cli(argv: list[str], timeout: float = 60.0) -> tuple[int, str, str]:
    """``python -m sim ARGV`` in this process, in a daemon thread so that a call that blocks
    (a FIFO opened for reading) fails the test after ``timeout`` seconds instead of hanging it.
    Returns (exit status, stdout, stderr). Any exception other than SystemExit propagates."""
    from sim.cli import main

    out, err = io.StringIO(), io.StringIO()
    result: dict = {}

    def target():
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    result["code"] = main(argv)
                except SystemExit as e:
                    result["code"] = e.code if isinstance(e.code, int) else 2
        except BaseException as e:
            result["exc"] = e

    th = threading.Thread(target=target, daemon=True)
    th.start()
    th.join(timeout)
    if th.is_alive():
        raise AssertionError(
            f"python -m sim {' '.join(argv)[:200]} still running after {timeout} s"
        )
    if "exc" in result:
        raise result["exc"]
    return int(result["code"]), out.getvalue(), err.getvalue()


def assert_refusal(code: int, err: str, *needles: str) -> None:
    """Exit 2 with exactly one line on stderr, starting 'error: ', holding every needle."""
    assert code == 2, (code, err[:300])
    assert err.startswith("error: ") and err.count("\n") == 1, err[:500]
    assert "Traceback" not in err
    for n in needles:
        assert n in err, (n, err)


def report() -> str:
    lines = []
    for entry in sorted(TALLY):
        c = TALLY[entry]
        lines.append(
            f"{entry}: {sum(c.values())} inputs, "
            + ", ".join(f"{k} {v}" for k, v in c.most_common())
        )
    return "\n".join(lines)


def _write_report() -> None:
    path = os.environ.get("FUZZ_REPORT")
    if path and TALLY:
        data = {entry: dict(c) for entry, c in sorted(TALLY.items())}
        Path(path).write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


atexit.register(_write_report)
