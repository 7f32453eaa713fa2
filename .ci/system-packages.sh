#!/usr/bin/env bash
# Installs the Debian packages decisionaid needs, only those not installed yet.
#   .ci/system-packages.sh run    what the kiosk needs at run time (Qt, sound, speech)
#   .ci/system-packages.sh test   plus what the tests need (PostgreSQL, CUPS, poppler, Xvfb,
#                                 cage and Xwayland for the kiosk session, systemd-analyze)
set -euo pipefail
runtime=(libpulse0 libegl1 libxkbcommon0 libxkbcommon-x11-0 libgl1 libfontconfig1 libdbus-1-3
         libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
         libxcb-randr0 libxcb-render-util0 libxcb-image0 libnss3 libasound2
         libwayland-cursor0 libwayland-egl1
         speech-dispatcher speech-dispatcher-espeak-ng espeak-ng cups-client poppler-utils python3-venv)
testing=(postgresql cups printer-driver-cups-pdf xvfb cage xwayland systemd)
want=("${runtime[@]}")
[ "${1:-run}" = test ] && want+=("${testing[@]}")
missing=()
for p in "${want[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
