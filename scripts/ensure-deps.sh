#!/usr/bin/env bash
# Installs npm dependencies when they are missing or older than the lock file, so that
# `npm start` and `npm test` work on a fresh clone without a separate install step.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

marker="node_modules/.package-lock.json"
if [[ ! -f "$marker" || "package-lock.json" -nt "$marker" ]]; then
  echo "[deps] installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
# The Prisma client is generated code (git-ignored); make it when the schema is newer.
generated="prisma/src/generated/client.ts"
if [[ ! -f "$generated" || "prisma/schema.prisma" -nt "$generated" ]]; then
  echo "[deps] generating the Prisma client"
  npm run --silent db:generate
fi
