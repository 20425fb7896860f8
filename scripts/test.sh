#!/usr/bin/env bash
# Lint and run every test (browser tests skip cleanly without Chromium unless REQUIRE_BROWSER=1).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
