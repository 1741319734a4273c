# shellcheck shell=bash
# Sourced by the scripts: exports the variables of an optional .env at the repo root, so
# that every process they start (web, queue-service, worker, tests) sees the same values.
if [[ -f "$ROOT/.env" ]]; then
  set -a
  # shellcheck disable=SC1091
  source "$ROOT/.env"
  set +a
fi
