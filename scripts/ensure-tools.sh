#!/usr/bin/env bash
# The programs `npm test` needs besides Node.js: the one list, checked at the start of every
# run, so no check or test is ever skipped for want of a tool. As root on Debian it installs
# what is missing; anyone else gets the list and the one command to run. Prints nothing
# when all is there. (`npm start` needs none of these: scripts/services.sh installs the
# servers it starts itself.)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib/apt-install.sh

packages=()
reasons=()
need() { # need <Debian package> <what needs it>
  packages+=("$1")
  reasons+=("  $1: $2")
}
has() { command -v "$1" >/dev/null; }

# Static checks.
has shellcheck || need shellcheck "the shell script check"
has docker-compose || docker compose version >/dev/null 2>&1 ||
  need docker-compose "the compose file check (no Docker engine needed)"
has promtool || need prometheus "promtool: the Prometheus config, alert rules and their tests"
has amtool || need prometheus-alertmanager "amtool: the Alertmanager config check"
# The monitoring test runs the real servers (scripts/monitoring.sh); Zipkin is a jar that
# Maven fetches once into .services/zipkin/ (java and mvn below).
has prometheus || need prometheus "the monitoring test's Prometheus (scripts/monitoring.sh)"
has prometheus-alertmanager || need prometheus-alertmanager "the monitoring test's Alertmanager"
# Servers the tests start of their own (an outage needs a server to take away), besides the
# shared ones of scripts/services.sh: redis-server, PostgreSQL's initdb and pg_ctl, Kafka.
has redis-server || need redis-server "the Redis outage tests"
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need postgresql "the chaos test's own PostgreSQL"
has java || need openjdk-17-jre-headless "Kafka (scripts/kafka.sh and the Kafka outage tests), Zipkin"
has mvn || need maven "fetching Kafka's and Zipkin's jars once (scripts/kafka.sh, scripts/monitoring.sh)"
# The payment tests' stripe-mock (scripts/stripe-mock.sh) answers curl's readiness probe.
has curl || need curl "scripts/stripe-mock.sh"
# The API fuzzing installs Schemathesis from PyPI into a virtualenv.
python3 -c 'import ensurepip, venv' 2>/dev/null || need python3-venv "Schemathesis' virtualenv (API fuzzing)"
# The ticket PDF's test renders a page (pdftoppm) and reads its text (pdftotext).
{ has pdftoppm && has pdftotext; } || need poppler-utils "the ticket PDF test (render a page, read its text)"
[[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || need chromium "the browser tests (Playwright drives Debian's Chromium)"
# The browser tests check the pages in Korean too (screenshots against committed baselines):
# without a font that has Hangul, Chromium draws every Korean letter as a box.
has fc-list || need fontconfig "fc-list: finding a Korean font for the browser tests"
{ has fc-list && fc-list :lang=ko family | grep -q .; } ||
  need fonts-noto-cjk "Korean text in the browser tests (Chromium has no Hangul font of its own)"

# stripe-mock (the payment tests) is built once with `go install`; Debian's Go is older than
# it needs, so Go is the one tool this script cannot install.
go="$(command -v go || echo /usr/local/go/bin/go)"
go_minor="$("$go" env GOVERSION 2>/dev/null | sed -n 's/^go1\.\([0-9]*\).*/\1/p')"
go_missing=0
if [[ -z "$go_minor" ]] || ((go_minor < 22)); then
  go_missing=1
  echo "npm test needs Go 1.22 or newer to build stripe-mock once (the payment tests):" >&2
  echo "  install it from https://go.dev/dl/ and put its bin/ on PATH" >&2
fi

if ((${#packages[@]} > 0)); then
  if [[ "$(id -u)" != "0" ]]; then
    echo "npm test needs these Debian packages:" >&2
    printf '%s\n' "${reasons[@]}" >&2
  fi
  apt_install "${packages[@]}"
fi
exit "$go_missing"
