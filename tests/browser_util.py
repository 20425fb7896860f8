"""Helpers for real-browser tests: start ``streamlit run app.py`` on a free port, wait until it
is healthy, launch Debian's Chromium through Playwright, stop everything by its own handle.

Used by tests/test_browser.py and reusable by other browser tests and benchmarks::

    with AppServer() as server, chromium() as browser:
        page = browser.new_page()
        page.goto(server.url)
        wait_for_app(page)

A missing /usr/bin/chromium makes browser tests skip, unless REQUIRE_BROWSER=1 (set in CI),
when it is a failure.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REQUIRE = os.environ.get("REQUIRE_BROWSER") == "1"
HAVE_BROWSER = Path(CHROMIUM).exists()

# Per test (a module-level skip makes pytest exit 5 when the file runs alone).
needs_browser = pytest.mark.skipif(
    not HAVE_BROWSER and not REQUIRE, reason=f"{CHROMIUM} not installed"
)


def require_browser() -> None:
    """Fail (not skip) when the browser is required but absent."""
    if not HAVE_BROWSER:
        pytest.fail(f"REQUIRE_BROWSER=1 but {CHROMIUM} is missing (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        if REQUIRE:
            pytest.fail("REQUIRE_BROWSER=1 but the playwright package is missing")
        pytest.skip("playwright is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """``streamlit run app.py`` from the project root on a free port (a context manager)."""

    def __init__(self, script: str = "app.py", timeout: float = 60.0):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.script = script
        self.timeout = timeout
        self.proc: subprocess.Popen | None = None
        self.started_at = 0.0

    def start(self) -> AppServer:
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            self.script,
            "--server.port",
            str(self.port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ]
        self.started_at = time.perf_counter()
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        self.wait_healthy()
        return self

    def wait_healthy(self) -> None:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read() if self.proc.stderr else ""
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}: {err[-2000:]}")
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r,
            ):
                if r.status == 200:
                    return
            time.sleep(0.2)
        raise TimeoutError(f"streamlit not healthy on {self.url} after {self.timeout}s")

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        if self.proc.stderr:
            self.proc.stderr.close()
        self.proc = None

    def __enter__(self) -> AppServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


@contextlib.contextmanager
def chromium():
    """A headless Debian Chromium driven by Playwright (never ``playwright install``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


CARDS = 6  # headline cards of app.py


def wait_for_app(page, timeout_ms: int = 60_000, cards: int = CARDS) -> None:
    """Health OK is not rendered: wait until the headline cards are on the page. All of them:
    the frontend mounts elements out of order (placeholders first), so the first metric in the
    page may be a later card for a moment."""
    page.wait_for_function(
        "n => document.querySelectorAll('[data-testid=\"stMetricValue\"]').length >= n",
        arg=cards,
        timeout=timeout_ms,
    )


def metric_text(page, index: int = 0) -> str:
    return page.locator('[data-testid="stMetricValue"]').nth(index).inner_text()
