#!/usr/bin/env bash
# Set up (if needed) and start the app on the embedded Liupanshui baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
NO_PYAM=1 ./scripts/setup.sh  # pyam is for the tests only
exec .venv/bin/streamlit run app.py "$@"
