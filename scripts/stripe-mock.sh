#!/usr/bin/env bash
# stripe-mock, Stripe's own API mock: it validates every request against Stripe's OpenAPI
# description and answers with fixtures. The payment tests run the real Stripe SDK against
# it, so every call we make to Stripe is checked without reaching Stripe.
#
#   scripts/stripe-mock.sh up       build it once with `go install` (needs Go 1.22+ and the Go
#                                   module proxy), start it on 127.0.0.1:$STRIPE_MOCK_PORT
#   scripts/stripe-mock.sh down     stop the one this script started (none other)
#   scripts/stripe-mock.sh status   exit 0 when it answers, 3 when it does not
#   scripts/stripe-mock.sh bin      build it if needed and print the binary's path
#
# The binary, pid file and log live in .services/stripe-mock/ (git-ignored).
# Environment (defaults in brackets): STRIPE_MOCK_PORT [12111]
# shellcheck disable=SC2034 # the settings below are read by lib/go-service.sh
set -euo pipefail

STRIPE_MOCK_PORT="${STRIPE_MOCK_PORT:-12111}"
SERVICE=stripe-mock
GO_MODULE=github.com/stripe/stripe-mock
VERSION=v0.203.0
ADDRESS="http://127.0.0.1:$STRIPE_MOCK_PORT"
source "$(dirname "${BASH_SOURCE[0]}")/lib/go-service.sh"

answers() {
  curl -fsS -o /dev/null -H 'Authorization: Bearer sk_test_123' \
    "http://$HOST:$STRIPE_MOCK_PORT/v1/customers?limit=1" 2>/dev/null
}

SERVER_ARGS=(-http-addr "$HOST:$STRIPE_MOCK_PORT")

go_service_main "$@"
