#!/usr/bin/env bash
# Create .venv and install the pinned Python packages of requirements.lock (idempotent). The
# lock holds exact versions with their sha256 hashes, so a fresh machine next year installs what
# the tests passed with; requirements.txt keeps the ranges it is resolved from
# (./scripts/lock.sh refreshes it; see the README's "Installs that reproduce").
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.lock
