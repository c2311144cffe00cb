#!/usr/bin/env bash
# Runs RecoveryCoach locally: Azurite (storage), maildev (SMTP sink) and the
# web app on http://127.0.0.1:7071, which runs the journeys on its own Durable Task Framework
# worker. Ctrl-C stops everything it started.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
SCRIPT_NAME=run.sh
source scripts/servers.sh

BLOB_PORT=10000
QUEUE_PORT=10001
TABLE_PORT=10002
SMTP_PORT=1025
MAIL_WEB_PORT=1080
APP_PORT=7071
APP_URL="http://127.0.0.1:$APP_PORT"
LOG_DIR="$PWD/.run-logs"
APP_WAIT_SECONDS=300

on_exit() { local rc=$?; trap - EXIT INT TERM; stop_all; exit "$rc"; }
on_signal() { log "received SIG$1"; exit $((128 + $2)); }
trap on_exit EXIT
trap 'on_signal INT 2' INT
trap 'on_signal TERM 15' TERM

install_npm_tools
mkdir -p "$LOG_DIR"
for p in "Azurite blob:$BLOB_PORT" "Azurite queue:$QUEUE_PORT" "Azurite table:$TABLE_PORT" \
         "maildev SMTP:$SMTP_PORT" "maildev web:$MAIL_WEB_PORT" "the web app:$APP_PORT"; do
  if port_open "${p##*:}"; then
    die "port ${p##*:} (needed by ${p%%:*}) is already in use on 127.0.0.1; stop whatever is listening there (e.g. 'ss -ltnp | grep :${p##*:}') and try again"
  fi
done

log "starting Azurite (data in .azurite/, log in .run-logs/azurite.log)"
start_azurite "$LOG_DIR/azurite.log" .azurite "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT"
log "starting maildev (log in .run-logs/maildev.log)"
start_maildev "$LOG_DIR/maildev.log" "$SMTP_PORT" "$MAIL_WEB_PORT"

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"
log "building and starting the web app (output below)"
start_process app - dotnet run --project src/RecoveryCoach.Web -c Release --urls "$APP_URL"
APP_PID=$!

deadline=$((SECONDS + APP_WAIT_SECONDS))
until port_open "$APP_PORT"; do
  kill -0 "$APP_PID" 2>/dev/null || { wait "$APP_PID" && rc=0 || rc=$?; die "the web app exited (status $rc) before listening on $APP_URL"; }
  [ "$SECONDS" -lt "$deadline" ] || die "the web app did not listen on $APP_URL within ${APP_WAIT_SECONDS}s"
  sleep 0.5
done

cat >&2 <<MSG

  RecoveryCoach is running
    Referral form  $APP_URL/refer
    Staff pages    $APP_URL/staff/tasks   (Development: sign in as a seeded member of staff)
    API            $APP_URL/api
    Mail inbox     http://127.0.0.1:$MAIL_WEB_PORT   (REST: http://127.0.0.1:$MAIL_WEB_PORT/api/email, SMTP 127.0.0.1:$SMTP_PORT)
    Azurite        blob 127.0.0.1:$BLOB_PORT, queue 127.0.0.1:$QUEUE_PORT, table 127.0.0.1:$TABLE_PORT (UseDevelopmentStorage=true)
  Press Ctrl-C to stop everything.

MSG

# 'wait' returns early when a trapped signal arrives, so Ctrl-C and SIGTERM are handled at once.
rc=0
wait "$APP_PID" || rc=$?
die "the web app exited (status $rc)"
