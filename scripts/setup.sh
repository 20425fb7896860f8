#!/usr/bin/env bash
# Create .venv and install the pinned Python packages of requirements.lock (idempotent). The
# lock holds exact versions with their sha256 hashes, so a fresh machine next year installs what
# the tests passed with; requirements.txt keeps the ranges it is resolved from
# (./scripts/lock.sh refreshes it; see the README's "Installs that reproduce").
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.lock
# pyam, the IAMC reference reader, in a venv of its own for tests/test_pyam_client.py
# (requirements-pyam.txt says why), installed with uv (from the lock above), which handles the
# lock's extras in hash mode; skipped with NO_PYAM=1 (./scripts/app.sh sets it).
if [ "${NO_PYAM:-0}" != "1" ]; then
  [ -x .venv-pyam/bin/python ] || python3 -m venv --without-pip .venv-pyam
  .venv/bin/uv pip sync -q --python .venv-pyam/bin/python --require-hashes requirements-pyam.lock
fi
