#!/usr/bin/env bash
# Set up (if needed), lint and run every test. Browser tests skip cleanly without Chromium
# unless REQUIRE_BROWSER=1 (set by .ci/run), which turns a missing browser into a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
