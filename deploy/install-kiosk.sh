#!/usr/bin/env bash
# Turns a plain Debian 12 machine into a decisionaid kiosk, or back (docs/install.md). Run it
# as root: log in as root (or 'su -'), or put sudo in front where sudo is installed.
#
#   deploy/install-kiosk.sh [--wheel FILE] [--find-links DIR] [--no-start] [--dry-run]
#   deploy/install-kiosk.sh --uninstall [--purge] [--dry-run]
#
# Installing: the Debian packages the kiosk needs (only those missing, the PostgreSQL client
# among them), an unprivileged user decisionaid-kiosk, decisionaid in its own virtual
# environment in /opt/decisionaid (from --wheel, else built from this checkout), a starting
# configuration in /etc/decisionaid and a fresh random database key beside it (db.key, 0600,
# the kiosk user's; sealed to the TPM with systemd-creds where the machine has one), the
# encrypted database, the systemd unit that runs the kiosk full screen under cage on the first
# console, the hourly machine check (decisionaid-doctor.timer), decisionaid-admin (commands as
# the kiosk's user, with its key) and the peer station's menu entry. Run again to update: what is in
# place is left alone, decisionaid is upgraded, the database schema brought up to date.
# --find-links DIR installs from a folder of wheels without the network.
#
# --uninstall undoes each of those but keeps the Debian packages, the user decisionaid-kiosk
# with its data (database, backups, logs) and /etc/decisionaid (the key), and says so.
# --uninstall --purge removes the user, its data and /etc/decisionaid as well, once PURGE has
# been typed to confirm: the answers and the key are then gone for good.
# --dry-run says what would be done and changes nothing.
set -euo pipefail

USER_NAME=decisionaid-kiosk
HOME_DIR=/var/lib/decisionaid-kiosk
PREFIX=/opt/decisionaid
CONF_DIR=/etc/decisionaid
UNIT=decisionaid-kiosk.service
UNIT_FILE=/etc/systemd/system/$UNIT
DROP_IN=/etc/systemd/system/$UNIT.d/db-key.conf
KEY_FILE=$CONF_DIR/db.key
KEY_CRED=$CONF_DIR/db-key.cred  # the key sealed to the TPM (systemd-creds)
ADMIN=/usr/local/sbin/decisionaid-admin
CHECKS=decisionaid-doctor  # its .service runs 'decisionaid doctor --record', its .timer hourly
CHECKS_DROP_IN=/etc/systemd/system/$CHECKS.service.d/db-key.conf
OUTBOX=decisionaid-outbox  # its .service runs 'decisionaid outbox send', its .timer every 2 min
OUTBOX_DROP_IN=/etc/systemd/system/$OUTBOX.service.d/db-key.conf
DESKTOP=/usr/share/applications/decisionaid-peer.desktop
STATE=$CONF_DIR/install-state  # what was changed that uninstalling gives back
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}  # Debian's python3 (3.11 on Debian 12)
PACKAGES=(cage xwayland python3-venv fonts-dejavu-core speech-dispatcher
          speech-dispatcher-espeak-ng espeak-ng cups cups-client libpulse0 libegl1 libgl1
          libxkbcommon0 libfontconfig1 libdbus-1-3 libnss3 libasound2 libwayland-cursor0
          libwayland-egl1 pipewire-audio  # pipewire-audio: the session's sound server
          postgresql-client)  # pg_dump and pg_restore: backups where PostgreSQL is used

say() { echo "install-kiosk: $*"; }
die() { echo "install-kiosk: $*" >&2; exit 1; }

wheel="" links="" start=1 action=install purge=0 dry=0
while [ $# -gt 0 ]; do
  case $1 in
    --uninstall) action=uninstall ;;
    --purge) purge=1 ;;
    --dry-run) dry=1 ;;
    --wheel) wheel=${2:?--wheel needs a file}; shift ;;
    --find-links) links=${2:?--find-links needs a folder}; shift ;;
    --no-start) start=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done
[ "$purge" -eq 0 ] || [ "$action" = uninstall ] || die "--purge goes with --uninstall"
[ "$dry" -eq 1 ] || [ "$(id -u)" -eq 0 ] ||
  die "run it as root: log in as root (or su -), or with sudo where it is installed"

# Every change goes through act: with --dry-run it is only said.
act() {
  if [ "$dry" -eq 1 ]; then echo "install-kiosk: would run: $*"; else "$@"; fi
}

remember() { grep -qx "$1" "$STATE" 2>/dev/null || echo "$1" >>"$STATE"; }
recalled() { [ -f "$STATE" ] || return 0; sed -n "s/^$1=//p" "$STATE" | tail -n 1; }

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return
  say "installing Debian packages: ${missing[*]}"
  act env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  act env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

make_user() {
  if ! id "$USER_NAME" >/dev/null 2>&1; then
    say "adding the user $USER_NAME (no password, no login shell)"
    adduser --system --group --home "$HOME_DIR" --shell /usr/sbin/nologin \
      --gecos "decisionaid kiosk" "$USER_NAME" >/dev/null
  fi
  # The screen, touch input and sound: granted by logind for the session, these for safety.
  for g in video render input audio; do
    getent group "$g" >/dev/null && adduser "$USER_NAME" "$g" >/dev/null 2>&1 || true
  done
  chmod 0700 "$HOME_DIR"
}

install_decisionaid() {
  # Debian's own Python: one installed under root's home (pyenv) cannot be run by the kiosk user.
  if [ -f "$PREFIX/pyvenv.cfg" ] && ! grep -qx "home = $(dirname "$PYTHON")" "$PREFIX/pyvenv.cfg"; then
    say "making $PREFIX again with $PYTHON"
    rm -rf "$PREFIX"
  fi
  [ -x "$PREFIX/bin/python" ] || "$PYTHON" -m venv "$PREFIX"
  "$PREFIX/bin/python" -m pip install -q --upgrade pip ${links:+--no-index --find-links "$links"} \
    >/dev/null 2>&1 || true
  local source=$wheel
  if [ -z "$source" ]; then
    [ -f "$HERE/../pyproject.toml" ] || die "no --wheel given and $HERE/.. is not a checkout"
    source=$(cd "$HERE/.." && pwd)
  fi
  say "installing decisionaid from $source into $PREFIX"
  "$PREFIX/bin/python" -m pip install -q --upgrade ${links:+--no-index --find-links "$links"} \
    "$source"
  # A rebuilt wheel may keep its version number: put this one in place all the same.
  "$PREFIX/bin/python" -m pip install -q --force-reinstall --no-deps \
    ${links:+--no-index --find-links "$links"} "$source"
  install -d -m 0755 "$PREFIX/share"
  install -m 0755 "$HERE/decisionaid-kiosk-session" "$PREFIX/share/decisionaid-kiosk-session"
  [ -f "$HERE/../docs/install.md" ] && install -m 0644 "$HERE/../docs/install.md" "$PREFIX/share/install.md"
  ln -sfn "$PREFIX/bin/decisionaid" /usr/local/bin/decisionaid
  install -m 0755 "$HERE/decisionaid-admin" "$ADMIN"
}

write_config() {
  install -d -m 0750 -o root -g "$USER_NAME" "$CONF_DIR"
  touch "$STATE"
  if [ ! -f "$CONF_DIR/config.toml" ]; then
    say "writing $CONF_DIR/config.toml: edit site_name and the crisis line"
    umask 077
    cat >"$CONF_DIR/config.toml" <<EOF
# decisionaid's configuration for this kiosk (docs/install.md, README for every setting).
site_name = "Our Clinic"
emergency_number = "911"
languages = ["en", "es"]
closing_time = "18:00"
# The database key, made at installation: keep a copy somewhere safe, off this machine
# (without it the answers cannot be read). Sealed to the TPM, it is $KEY_CRED instead.
db_key_file = "$KEY_FILE"
# printer = "FrontDesk"
# content_dir = "/etc/decisionaid/content"
EOF
    umask 022
    if [ ! -f "$KEY_FILE" ] && [ ! -f "$KEY_CRED" ]; then
      say "making a new random database key in $KEY_FILE"
      (umask 077; "$PREFIX/bin/python" -c 'import secrets; print(secrets.token_urlsafe(32))' >"$KEY_FILE")
    fi
  fi
  chown "$USER_NAME:root" "$CONF_DIR/config.toml"
  chmod 0600 "$CONF_DIR/config.toml"
  if [ -f "$KEY_FILE" ]; then
    chown "$USER_NAME:root" "$KEY_FILE"
    chmod 0600 "$KEY_FILE"
  fi
}

# Where the machine has a TPM, the key is sealed to it: the file on disk (db-key.cred) opens
# only on this machine, through systemd, so a disk taken away carries no key. The plain key
# file goes once the sealed one is proved to open; the clinic's safe copy is the only other.
seal_key() {
  [ -f "$KEY_FILE" ] && [ ! -f "$KEY_CRED" ] || return 0
  systemd_running && command -v systemd-creds >/dev/null 2>&1 || return 0
  systemd-creds has-tpm2 >/dev/null 2>&1 || return 0
  say "sealing the database key to this machine's TPM ($KEY_CRED)"
  systemd-creds encrypt --with-key=tpm2 --name=decisionaid-db-key "$KEY_FILE" "$KEY_CRED.new"
  if systemd-creds decrypt --name=decisionaid-db-key "$KEY_CRED.new" - | cmp -s - "$KEY_FILE"; then
    chmod 0600 "$KEY_CRED.new"
    mv "$KEY_CRED.new" "$KEY_CRED"
    rm -f "$KEY_FILE"
  else
    rm -f "$KEY_CRED.new"
    say "the TPM could not give the key back: it stays in $KEY_FILE"
  fi
}

install_credential() {
  local drop_in
  # the kiosk, its hourly check and the health-record sender alike
  for drop_in in "$DROP_IN" "$CHECKS_DROP_IN" "$OUTBOX_DROP_IN"; do
    if [ -f "$KEY_CRED" ]; then
      install -d -m 0755 "$(dirname "$drop_in")"
      printf '[Service]\nLoadCredentialEncrypted=decisionaid-db-key:%s\n' "$KEY_CRED" >"$drop_in"
    else
      rm -f "$drop_in"
    fi
  done
}

as_kiosk() {
  "$ADMIN" "$@"
}

# In a container or chroot there is no running systemd: the unit is set up for the next boot.
systemd_running() { [ -d /run/systemd/system ]; }

install_session() {
  install -m 0644 "$HERE/$UNIT" "$UNIT_FILE"
  install -m 0644 "$HERE/decisionaid-kiosk.pam" /etc/pam.d/decisionaid-kiosk
  install -m 0644 "$HERE/decisionaid-peer.desktop" "$DESKTOP"
  install -m 0644 "$HERE/$CHECKS.service" "/etc/systemd/system/$CHECKS.service"
  install -m 0644 "$HERE/$CHECKS.timer" "/etc/systemd/system/$CHECKS.timer"
  install -m 0644 "$HERE/$OUTBOX.service" "/etc/systemd/system/$OUTBOX.service"
  install -m 0644 "$HERE/$OUTBOX.timer" "/etc/systemd/system/$OUTBOX.timer"
  # The kiosk owns the first console: a display manager there would fight it for the screen.
  if [ -z "$(recalled display-manager)" ] && systemctl is-enabled display-manager.service >/dev/null 2>&1; then
    local dm
    dm=$(basename "$(readlink -f /etc/systemd/system/display-manager.service)")
    remember "display-manager=$dm"
    say "turning off the desktop login ($dm); --uninstall turns it back on"
    systemctl disable --now "$dm" >/dev/null 2>&1 || true
  fi
  if [ -z "$(recalled default-target)" ]; then
    remember "default-target=$(systemctl get-default)"
  fi
  systemctl set-default graphical.target >/dev/null 2>&1
  if systemd_running; then systemctl daemon-reload; fi
  systemctl enable "$UNIT" >/dev/null 2>&1
  # doctor each hour: a failure shows at the peer station until it is mended.
  systemctl enable "$CHECKS.timer" >/dev/null 2>&1
  if systemd_running; then systemctl start "$CHECKS.timer"; fi
  # The health-record sender, only where the configuration names a health record: a kiosk
  # with no peer station open still delivers what it printed (docs/health-record.md).
  if grep -q '^\[health_record\]' "$CONF_DIR/config.toml" 2>/dev/null; then
    systemctl enable "$OUTBOX.timer" >/dev/null 2>&1
    if systemd_running; then systemctl start "$OUTBOX.timer"; fi
  fi
}

plan_install() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  say "dry run: nothing is changed. Installing would:"
  say "  install the Debian packages: ${missing[*]:-(none missing)}"
  if id "$USER_NAME" >/dev/null 2>&1; then say "  keep the user $USER_NAME"
  else say "  add the user $USER_NAME (no password, no login shell), home $HOME_DIR"; fi
  say "  install decisionaid from ${wheel:-this checkout} into $PREFIX${links:+ (wheels from $links only)}"
  if [ -f "$CONF_DIR/config.toml" ]; then say "  keep $CONF_DIR/config.toml"
  else say "  write $CONF_DIR/config.toml with a new database key"; fi
  say "  bring the database up to date (decisionaid db upgrade, as $USER_NAME)"
  say "  install and enable $UNIT_FILE, $CHECKS.service and $CHECKS.timer, the menu entry $DESKTOP"
  say "  install $OUTBOX.service and $OUTBOX.timer (enabled where config.toml has [health_record])"
  [ "$start" -eq 1 ] && say "  start the kiosk"
  return 0
}

install_all() {
  if [ "$dry" -eq 1 ]; then plan_install; return; fi
  install_packages
  make_user
  install_decisionaid
  write_config
  say "bringing the database up to date (a new one is encrypted with the key)"
  as_kiosk db upgrade
  # The nightly backups' folder, the kiosk's own from the start: one made later by a backup
  # run as root would stop the kiosk's nightly backup.
  install -d -m 0700 -o "$USER_NAME" -g "$USER_NAME" "$HOME_DIR/.local/share/decisionaid/backups"
  seal_key
  install_session
  install_credential
  if systemd_running; then systemctl daemon-reload; fi
  if [ "$start" -eq 1 ] && systemd_running; then
    systemctl restart "$UNIT"
    say "the kiosk is starting on the first screen"
  elif [ "$start" -eq 1 ]; then
    say "systemd is not running here: the kiosk starts at the next boot"
  fi
  if [ -f "$KEY_CRED" ]; then
    say "keep a copy of the database key off this machine; print it with:"
    say "  systemd-creds decrypt --name=decisionaid-db-key $KEY_CRED -"
  elif [ -f "$KEY_FILE" ]; then
    say "keep a copy of the database key ($KEY_FILE) off this machine: without it nothing can be read"
  fi
  say "done. Check it with: decisionaid-admin doctor (as root; with sudo: sudo decisionaid-admin doctor)"
  say "add staff accounts with: decisionaid-admin staff add --role admin NAME"
}

uninstall_all() {
  local unit
  for unit in "$OUTBOX.timer" "$OUTBOX.service" "$CHECKS.timer" "$CHECKS.service" "$UNIT"; do
    if [ -f "/etc/systemd/system/$unit" ]; then
      act systemctl disable --now "$unit" >/dev/null 2>&1 || true
      act rm -f "/etc/systemd/system/$unit"
    fi
  done
  if systemd_running; then act systemctl daemon-reload; fi
  act rm -f "$DESKTOP" /etc/pam.d/decisionaid-kiosk "$ADMIN" "$DROP_IN" "$CHECKS_DROP_IN" \
    "$OUTBOX_DROP_IN"
  act rmdir "$(dirname "$DROP_IN")" "$(dirname "$CHECKS_DROP_IN")" \
    "$(dirname "$OUTBOX_DROP_IN")" 2>/dev/null || true
  if [ "$(readlink /usr/local/bin/decisionaid 2>/dev/null)" = "$PREFIX/bin/decisionaid" ]; then
    act rm -f /usr/local/bin/decisionaid
  fi
  act rm -rf "$PREFIX"
  local target dm
  target=$(recalled default-target)
  if [ -n "$target" ]; then act systemctl set-default "$target" >/dev/null 2>&1 || true; fi
  dm=$(recalled display-manager)
  if [ -n "$dm" ]; then
    say "turning the desktop login ($dm) back on"
    act systemctl enable "$dm" >/dev/null 2>&1 || true
  fi
  act rm -f "$STATE"
  if [ "$purge" -eq 1 ]; then purge_all; return; fi
  say "removed decisionaid, its units and its menu entry. Left in place:"
  say "  the user $USER_NAME and its data in $HOME_DIR (database, nightly backups, log);"
  say "  $CONF_DIR (the configuration and its database key: without it the data cannot be read);"
  say "  the Debian packages installed for the kiosk (other software may use them)."
  say "To remove the user, its data and the key as well: $0 --uninstall --purge"
}

purge_all() {
  say "--purge removes for good: the user $USER_NAME, $HOME_DIR (the database with every"
  say "answer, the nightly backups, the log) and $CONF_DIR (the database key)."
  say "Keep a backup and the key elsewhere first if the answers may be needed again."
  if [ "$dry" -eq 1 ]; then
    say "dry run: would ask to type PURGE, then remove them; nothing was changed"
    return
  fi
  local answer=""
  printf 'install-kiosk: type PURGE to remove them: ' >&2
  read -r answer || true
  if [ "$answer" != PURGE ]; then
    say "not purged (you typed '${answer}'): the user, its data and $CONF_DIR are kept"
    exit 1
  fi
  if id "$USER_NAME" >/dev/null 2>&1; then
    pkill -u "$USER_NAME" >/dev/null 2>&1 || true  # its own processes only
    deluser --quiet "$USER_NAME" >/dev/null 2>&1 || userdel "$USER_NAME"
  fi
  getent group "$USER_NAME" >/dev/null 2>&1 && { delgroup --quiet "$USER_NAME" >/dev/null 2>&1 || true; }
  rm -rf "$HOME_DIR" "$CONF_DIR"
  say "purged: the user $USER_NAME, $HOME_DIR and $CONF_DIR are gone"
}

if [ "$action" = uninstall ]; then uninstall_all; else install_all; fi
