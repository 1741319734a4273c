#!/usr/bin/env bash
# Schemathesis fuzzes web's API as documented by /api/openapi.json, against the production
# build on a throwaway database (web/fuzz/fuzz-api.ts). Installs Schemathesis from PyPI
# into .venv-schemathesis/ the first time. Needs PostgreSQL, Redis and a web build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SCHEMATHESIS_VERSION=4.32.5
VENV="$ROOT/.venv-schemathesis"
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -qx "schemathesis, version $SCHEMATHESIS_VERSION"; then
  echo "installing Schemathesis $SCHEMATHESIS_VERSION into .venv-schemathesis/"
  rm -rf "$VENV"
  if ! python3 -m venv "$VENV"; then
    echo "python3 -m venv failed; install it with: apt-get install -y python3-venv" >&2
    exit 1
  fi
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

SCHEMATHESIS="$VENV/bin/schemathesis" npm run --silent fuzz -w @ticketping/web
