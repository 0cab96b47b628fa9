#!/bin/sh
# Start one process of one service: migrate its database, then become the process.
#
#   boot.sh [ROLE [SERVICE]]     (or the ROLE and SERVICE environment variables)
#
#   ROLE     web | relay | consumer | migrate        (default: web)
#   SERVICE  intake | matching | environments | reporting | portal
#
# The portal (login and token issuer, services/portal) has web, consumer and migrate: it consumes
# the events that notify people and publishes none, so it has no outbox relay.
#
# web, relay and consumer run `kampus migrate SERVICE` first unless MIGRATE_ON_START=0
# (set it where a migration job or init container has already run). The process is
# exec'd so that it receives SIGTERM directly. BOOT_DRY_RUN=1 prints the commands instead.
set -eu

ROLE="${1:-${ROLE:-web}}"
SERVICE="${2:-${SERVICE:-}}"

# The commands below are the ones in docs/architecture.md, relative to the project root
# (/app in the image, the checkout when run by hand).
cd "$(dirname "$0")/.."

usage() {
    echo "usage: boot.sh [web|relay|consumer|migrate] [intake|matching|environments|reporting|portal]" >&2
    exit 64
}

run() {
    if [ "${BOOT_DRY_RUN:-0}" = 1 ]; then
        echo "$*"
    else
        "$@"
    fi
}

become() {
    if [ "${BOOT_DRY_RUN:-0}" = 1 ]; then
        echo "$*"
        exit 0
    fi
    exec "$@"
}

case "$SERVICE" in
    intake|matching|environments|reporting) APP="services.${SERVICE}:create_app()" ;;
    portal) APP="services.portal:create_app()" ;;
    *) echo "boot.sh: unknown SERVICE '${SERVICE}'" >&2; usage ;;
esac

case "$ROLE" in
    migrate) become kampus migrate "$SERVICE" ;;
    web|relay|consumer) ;;
    *) echo "boot.sh: unknown ROLE '${ROLE}'" >&2; usage ;;
esac

if [ "$SERVICE" = portal ] && [ "$ROLE" = relay ]; then
    echo "boot.sh: the portal has no ${ROLE} process: it publishes no events" \
        "(ROLE web, consumer or migrate)" >&2
    exit 64
fi

if [ "${MIGRATE_ON_START:-1}" != 0 ]; then
    run kampus migrate "$SERVICE"
fi

case "$ROLE" in
    web) become gunicorn -c deploy/gunicorn.conf.py "$APP" ;;
    relay) become python -m "services.${SERVICE}.relay" ;;
    consumer) become python -m "services.${SERVICE}.consumer" ;;
esac
