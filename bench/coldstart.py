"""Figure 5: cold start, process start to the first rendered headline card, against a minimal
Streamlit page (bench/apps/minimal.py, one card) measured the same way in the same run.

The clock starts just before ``streamlit run`` is spawned (tests/browser_util.AppServer); its
health endpoint is polled every 20 ms, then an already running Chromium opens the page (a fresh
browser context each time, so nothing is cached) and the clock stops when the first card (any
stMetricValue) is rendered. App and minimal page take turns. Goal: within 1.5x the minimal page.
"""

from __future__ import annotations

import time
import urllib.request

from .browser import unavailable as browser_unavailable
from .figures import Figure

GOAL_RATIO = 1.5
PAGES = {"app": "app.py", "minimal": "bench/apps/minimal.py"}


def unavailable() -> str | None:
    return browser_unavailable()


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def cold_start(browser, script: str, timeout_s: float = 120.0) -> float:
    """Seconds from spawning ``streamlit run script`` to its first card rendered."""
    from tests.browser_util import AppServer, wait_for_app

    class Spawned(AppServer):
        def wait_healthy(self) -> None:  # polled below, every 20 ms rather than 200 ms
            pass

    server = Spawned(script)
    context = browser.new_context()
    try:
        server.start()
        deadline = time.perf_counter() + timeout_s
        while not _healthy(server.url):
            if server.proc.poll() is not None or time.perf_counter() > deadline:
                raise RuntimeError(f"streamlit run {script} did not come up")
            time.sleep(0.02)
        page = context.new_page()
        page.goto(server.url, wait_until="commit")
        wait_for_app(page, timeout_ms=int(timeout_s * 1000), cards=1)
        return time.perf_counter() - server.started_at
    finally:
        context.close()
        server.stop()


def measure(quick: bool = False) -> list[Figure]:
    from tests.browser_util import chromium

    n = 1 if quick else 7
    samples: dict[str, list[float]] = {name: [] for name in PAGES}
    with chromium() as browser:
        cold_start(browser, PAGES["minimal"])  # warm the OS file cache for both
        cold_start(browser, PAGES["app"])
        for _ in range(n):
            for name, script in PAGES.items():
                samples[name].append(cold_start(browser, script))
    return [
        Figure(
            id="coldstart.app",
            label="cold start: process -> first card",
            unit="s",
            samples=samples["app"],
            floor_label="(minimal page)",
            floor_samples=samples["minimal"],
            goal=f"<= {GOAL_RATIO}x minimal page",
            max_ratio=GOAL_RATIO,
        )
    ]
