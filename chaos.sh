#!/usr/bin/env bash
# The full chaos run: 300 journeys to closure on short journey rules, on two competing worker
# processes, through 10 SIGKILLs of a worker, 2 Azurite outages and 60 s without SMTP, each at
# a random moment. Prints what was lost, sent twice or left stuck, and the worst recovery.
# Any CHAOS_* variable already set wins (CHAOS_JOURNEYS, CHAOS_KILLS, CHAOS_AZURITE_OUTAGES,
# CHAOS_SMTP_DOWN_SECONDS, CHAOS_IN_FLIGHT, CHAOS_SUBMIT_EVERY_MS, CHAOS_SEED). ./test.sh runs the short version.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
SCRIPT_NAME=chaos.sh
source scripts/servers.sh

export CHAOS_JOURNEYS="${CHAOS_JOURNEYS:-300}"
export CHAOS_KILLS="${CHAOS_KILLS:-10}"
export CHAOS_AZURITE_OUTAGES="${CHAOS_AZURITE_OUTAGES:-2}"
export CHAOS_SMTP_DOWN_SECONDS="${CHAOS_SMTP_DOWN_SECONDS:-60}"
export CHAOS_IN_FLIGHT="${CHAOS_IN_FLIGHT:-30}"
export CHAOS_SUBMIT_EVERY_MS="${CHAOS_SUBMIT_EVERY_MS:-1000}"

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/recoverycoach-chaos.XXXXXX")"
trap 'stop_all; rm -rf "$WORK_DIR"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

install_npm_tools
SMTP_PORT="$(pick_port 1025)"
MAIL_WEB_PORT="$(pick_port 1080)"
log "starting maildev on SMTP $SMTP_PORT, web $MAIL_WEB_PORT (the run starts an Azurite of its own)"
start_maildev "$WORK_DIR/maildev.log" "$SMTP_PORT" "$MAIL_WEB_PORT"
export Smtp__Host=127.0.0.1 Smtp__Port="$SMTP_PORT" MAILDEV_API_URL="http://127.0.0.1:$MAIL_WEB_PORT"

log "chaos: $CHAOS_JOURNEYS journeys, $CHAOS_KILLS kills, $CHAOS_AZURITE_OUTAGES Azurite outages, SMTP down ${CHAOS_SMTP_DOWN_SECONDS} s"
start_process chaos - dotnet test tests/RecoveryCoach.Web.Tests -c Release -tl:off --disable-build-servers \
  --filter "FullyQualifiedName~Engine.ChaosTests" --logger "console;verbosity=detailed"
wait "$!"
