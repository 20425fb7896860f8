#!/usr/bin/env bash
# Set up (if needed) and start the app on the embedded Liupanshui baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/streamlit run app.py "$@"
