#!/usr/bin/env bash
# Runs the command it is given (the test suite) with one CPU-bound process per core beside it,
# as on a busy clinic machine, and stops those processes however the command ends.
set -u
burners=()
stop_burners() {
  for pid in "${burners[@]}"; do kill "$pid" 2>/dev/null; done
  wait "${burners[@]}" 2>/dev/null
  burners=()
}
trap stop_burners EXIT
trap 'exit 130' INT TERM
for _ in $(seq "$(nproc)"); do
  ( trap - EXIT; while :; do :; done ) &
  burners+=("$!")
done
echo "test-stress: ${#burners[@]} CPU-bound processes beside the suite (pids ${burners[*]})"
"$@"
