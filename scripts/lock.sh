#!/usr/bin/env bash
# Refresh requirements.lock, the pinned versions (with sha256 hashes) that scripts/setup.sh and
# thus CI install, from the ranges in requirements.txt. Versions already in the lock are kept
# unless they no longer satisfy requirements.txt; pass --upgrade (everything) or
# --upgrade-package NAME to move on. Resolved for Python 3.11 on Linux, macOS and Windows.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
[ -x .venv/bin/uv ] || .venv/bin/python -m pip install -q "uv>=0.9"
.venv/bin/uv pip compile requirements.txt \
  --universal --python-version 3.11 --generate-hashes \
  --custom-compile-command "./scripts/lock.sh" \
  --output-file requirements.lock "$@"
