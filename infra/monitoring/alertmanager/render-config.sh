#!/bin/sh
# Alertmanager's entrypoint in docker-compose.yml: Discord when DISCORD_WEBHOOK_URL is set,
# otherwise the null receiver, so the monitoring profile starts with or without it.
set -eu
config=/etc/alertmanager/alertmanager.yml
if [ -n "${DISCORD_WEBHOOK_URL:-}" ]; then
  case "$DISCORD_WEBHOOK_URL" in
    https://*) ;;
    *)
      echo "DISCORD_WEBHOOK_URL must be an https:// URL" >&2
      exit 1
      ;;
  esac
  config=/tmp/alertmanager.yml
  # The URL is an opaque token: escape what sed would read as special.
  escaped=$(printf '%s' "$DISCORD_WEBHOOK_URL" | sed 's/[\\|&]/\\&/g')
  sed "s|__DISCORD_WEBHOOK_URL__|$escaped|" /etc/alertmanager/discord.yml >"$config"
  echo "alerts go to Discord"
else
  echo "DISCORD_WEBHOOK_URL is unset: alerts stay in Alertmanager"
fi
exec /bin/alertmanager --config.file="$config" --storage.path=/alertmanager "$@"
