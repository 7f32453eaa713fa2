#!/usr/bin/env bash
# `make run`: the kiosk when there is a display; otherwise check the content and say so.
set -euo pipefail
bin=.venv/bin
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && "$bin/python" -c 'import decisionaid.ui' 2>/dev/null; then
  exec "$bin/decisionaid" kiosk --windowed
fi
if "$bin/python" -c 'import decisionaid.ui.kiosk.window' 2>/dev/null; then
  "$bin/decisionaid" demo --out demo-out
  echo "No display here: ran a scripted visit instead. Screens and report.pdf are in demo-out/"
else
  "$bin/decisionaid" check
fi
