#!/usr/bin/env bash
# Launches the studio. Without a display (a plain console or SSH session) it starts one with Xvfb so
# the window still runs; otherwise it uses the desktop's display.
set -euo pipefail
studio="$1"; shift || true
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] || [ -n "${QT_QPA_PLATFORM:-}" ]; then
  exec "$studio" "$@"
fi
echo "[run] no display found: starting the studio under Xvfb (xvfb-run)" >&2
exec xvfb-run -a -s "-screen 0 1600x1000x24" "$studio" "$@"
