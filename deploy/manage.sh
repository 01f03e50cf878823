#!/usr/bin/env bash
# manage.py on a server, as the `portal` user, with the settings of /etc/portal/portal.env
# (the env file the systemd units read), e.g.
#   /srv/portal/app/deploy/manage.sh migrate
#   /srv/portal/app/deploy/manage.sh createsuperuser
# PORTAL_ENV, PORTAL_VENV override the two paths.
set -euo pipefail
ENV_FILE=${PORTAL_ENV:-/etc/portal/portal.env}
VENV=${PORTAL_VENV:-/srv/portal/venv}
APP=$(cd "$(dirname "$0")/.." && pwd)

if [ "$(id -u)" = 0 ]; then
  exec runuser -u portal -- "$0" "$@"
fi
# systemd's format, not the shell's: NAME=value, the value taken whole (spaces, <, > included).
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in '' | '#'*) continue ;; esac
  export "${line?}"
done <"$ENV_FILE"
cd "$APP"
exec "$VENV/bin/python" manage.py "$@"
