#!/bin/sh
# Alertmanager's entrypoint, in docker-compose.yml and in scripts/monitoring.sh: Discord when
# DISCORD_WEBHOOK_URL is set, otherwise the null receiver, so the monitoring profile starts
# with or without it. Outside the container the paths come from the environment:
#   ALERTMANAGER_CONFIG_DIR [/etc/alertmanager]  this folder (alertmanager.yml, discord.yml)
#   ALERTMANAGER_RENDERED [/tmp/alertmanager.yml]  where the Discord variant is written
#   ALERTMANAGER_STORAGE [/alertmanager]  ALERTMANAGER_BIN [/bin/alertmanager]
set -eu
dir="${ALERTMANAGER_CONFIG_DIR:-/etc/alertmanager}"
config="$dir/alertmanager.yml"
if [ -n "${DISCORD_WEBHOOK_URL:-}" ]; then
  case "$DISCORD_WEBHOOK_URL" in
    https://*) ;;
    # A receiver on this machine (the monitoring test's) speaks plain HTTP.
    http://127.0.0.1:* | http://localhost:*) ;;
    *)
      echo "DISCORD_WEBHOOK_URL must be an https:// URL" >&2
      exit 1
      ;;
  esac
  config="${ALERTMANAGER_RENDERED:-/tmp/alertmanager.yml}"
  # The URL is an opaque token: escape what sed would read as special.
  escaped=$(printf '%s' "$DISCORD_WEBHOOK_URL" | sed 's/[\\|&]/\\&/g')
  sed "s|__DISCORD_WEBHOOK_URL__|$escaped|" "$dir/discord.yml" >"$config"
  echo "alerts go to Discord"
else
  echo "DISCORD_WEBHOOK_URL is unset: alerts stay in Alertmanager"
fi
exec "${ALERTMANAGER_BIN:-/bin/alertmanager}" --config.file="$config" \
  --storage.path="${ALERTMANAGER_STORAGE:-/alertmanager}" "$@"
