# shellcheck shell=bash
# Sourced by the scripts that install the Debian packages they need (ensure-tools.sh,
# services.sh); expects $ROOT. As root, apt_install installs quietly and without questions,
# fetching the package lists at most once a day (a fresh machine has none; old ones point
# at files the mirror no longer has). Anyone else gets the exact command, and the script
# stops.
apt_install() { # apt_install <package...>
  if [[ "$(id -u)" != "0" ]]; then
    printf 'missing Debian packages; install them with:\n  sudo apt-get install -y %s\n' "$*" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null; then
    printf 'missing %s; install them with your package manager\n' "$*" >&2
    exit 1
  fi
  local marker="$ROOT/.services/.apt-updated"
  mkdir -p "$ROOT/.services"
  if [[ -z "$(find "$marker" -mmin -1440 2>/dev/null)" ]]; then
    apt-get update -qq
    touch "$marker"
  fi
  echo "[apt] installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
