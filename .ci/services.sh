# Sourced by `make test` and `make bench`: starts the services the integration tests use, on this
# machine only, and exports where they are. Each start is idempotent; a failure is reported and
# left to the tests, which fail under CI=true and skip with the reason elsewhere.

_da_root="$(pwd)/.run"
mkdir -p "$_da_root"
_as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# --- PostgreSQL on loopback, in a cluster of its own -------------------------------------------
_da_pg_start() {
  local bindir port=54329 data
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$bindir/initdb" ] || { echo "services: PostgreSQL is not installed" >&2; return 1; }
  if [ "$(id -u)" -eq 0 ]; then data=/tmp/decisionaid-pg; else data="$_da_root/pg"; fi
  if [ ! -s "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data"
    _as_postgres "$bindir/initdb" -D "$data" -U decisionaid --auth=trust -E UTF8 >"$_da_root/pg-init.log" 2>&1 \
      || { echo "services: initdb failed, see $_da_root/pg-init.log" >&2; return 1; }
  fi
  if ! _as_postgres "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    _as_postgres "$bindir/pg_ctl" -D "$data" -w -t 60 -l "$data/server.log" \
      -o "-c listen_addresses=127.0.0.1 -p $port -k /tmp -c fsync=on" start >/dev/null \
      || { echo "services: PostgreSQL did not start, see $data/server.log" >&2; return 1; }
  fi
  export DECISIONAID_TEST_PG_URL="postgresql+psycopg://decisionaid@127.0.0.1:$port/postgres"
}

# --- CUPS with a PDF queue ----------------------------------------------------------------------
_da_cups_start() {
  command -v lpadmin >/dev/null || { echo "services: CUPS is not installed" >&2; return 1; }
  if ! lpstat -r 2>/dev/null | grep -q "is running"; then
    if [ "$(id -u)" -eq 0 ]; then
      (cupsd >/dev/null 2>&1) || true
    else
      echo "services: CUPS is not running (start it with: sudo service cups start)" >&2; return 1
    fi
    for _ in $(seq 1 50); do lpstat -r 2>/dev/null | grep -q "is running" && break; sleep 0.2; done
  fi
  local ppd
  ppd=$(ls /usr/share/ppd/cups-pdf/CUPS-PDF*.ppd 2>/dev/null | head -n 1)
  if ! lpstat -p decisionaid-test >/dev/null 2>&1; then
    lpadmin -p decisionaid-test -E -v cups-pdf:/ ${ppd:+-P "$ppd"} 2>"$_da_root/cups.log" \
      || { echo "services: could not add the test print queue, see $_da_root/cups.log" >&2; return 1; }
  fi
  cupsenable decisionaid-test 2>/dev/null || true
  cupsaccept decisionaid-test 2>/dev/null || true
  export DECISIONAID_TEST_PRINTER=decisionaid-test
  # Where cups-pdf writes: its `Out` setting (Debian: ${HOME}/PDF of the user who printed),
  # else its built-in default /var/spool/cups-pdf/${USER}.
  local out me
  me=$(id -un)
  out=$(sed -n 's/^[[:space:]]*Out[[:space:]]\+//p' /etc/cups/cups-pdf.conf 2>/dev/null | tail -n 1)
  out=${out:-/var/spool/cups-pdf/\$\{USER\}}
  out=${out//\$\{HOME\}/$HOME}
  out=${out//\$\{USER\}/$me}
  export DECISIONAID_TEST_PRINT_DIR="$out"
}

# --- speech-dispatcher with espeak-ng, for the read-aloud test ----------------------------------
# A private daemon on its own socket (SPEECHD_ADDRESS tells Qt's speechd plugin where), with the
# system's voices and modules but no sound: ALSA's "null" device takes the audio, so the tests
# need no sound card, play nothing aloud, and never fall back to a PulseAudio server that a
# headless machine (or root) does not have. It quits after an hour without a client.
_da_speech_start() {
  command -v speech-dispatcher >/dev/null || { echo "services: speech-dispatcher is not installed" >&2; return 1; }
  ls /usr/lib/speech-dispatcher-modules/sd_espeak-ng >/dev/null 2>&1 \
    || { echo "services: speech-dispatcher-espeak-ng (the espeak-ng output module) is not installed" >&2; return 1; }
  local dir="$_da_root/speechd"
  if [ ! -s "$dir/pid" ] || ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    rm -rf "$dir" && mkdir -p "$dir/log"
    cp -r /etc/speech-dispatcher/. "$dir/conf"
    printf '%s\n' 'AudioOutputMethod "alsa"' 'AudioALSADevice "null"' 'DefaultModule espeak-ng' 'LogLevel 1' \
      >>"$dir/conf/speechd.conf"
    speech-dispatcher -d -t 3600 -l 1 -C "$dir/conf" -c unix_socket -S "$dir/speechd.sock" \
      -P "$dir/pid" -L "$dir/log" >"$dir/start.log" 2>&1 \
      || { echo "services: speech-dispatcher did not start, see $dir/start.log" >&2; return 1; }
    for _ in $(seq 1 50); do [ -S "$dir/speechd.sock" ] && break; sleep 0.1; done
  fi
  export SPEECHD_ADDRESS="unix_socket:$dir/speechd.sock"
}

_da_pg_start || true
_da_cups_start || true
_da_speech_start || true
