#!/usr/bin/env bash
# Runs RecoveryCoach locally: Azurite (storage), maildev (SMTP sink) and the
# Functions app on http://127.0.0.1:7071. Ctrl-C stops everything it started.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$PWD"

AZURITE_BLOB_PORT=10000
AZURITE_QUEUE_PORT=10001
AZURITE_TABLE_PORT=10002
SMTP_PORT=1025
MAIL_WEB_PORT=1080
APP_URL="http://127.0.0.1:7071"
APP_PORT=7071
LOG_DIR="$ROOT/.run-logs"
WAIT_SECONDS=30
APP_WAIT_SECONDS=300

log() { printf '[run.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---- process bookkeeping ---------------------------------------------------
# Every server is started with setsid, so it leads its own process group and
# the group (the process and anything it spawns) can be stopped as a unit.
PIDS=()
NAMES=()
CLEANED_UP=0

descendants() {
  local pid child
  for pid in "$@"; do
    for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
      echo "$child"
      descendants "$child"
    done
  done
}

alive() { local p; for p in "$@"; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }

stop_all() {
  [ "$CLEANED_UP" = 1 ] && return 0
  CLEANED_UP=1
  [ "${#PIDS[@]}" -eq 0 ] && return 0
  log "stopping ${NAMES[*]}"
  local all=() i
  for i in "${!PIDS[@]}"; do
    all+=("${PIDS[$i]}")
    mapfile -t -O "${#all[@]}" all < <(descendants "${PIDS[$i]}")
  done
  for i in "${!PIDS[@]}"; do kill -TERM -- "-${PIDS[$i]}" 2>/dev/null || true; done
  kill -TERM "${all[@]}" 2>/dev/null || true
  local deadline=$((SECONDS + 10))
  while alive "${all[@]}" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  if alive "${all[@]}"; then
    log "some processes ignored SIGTERM; sending SIGKILL"
    for i in "${!PIDS[@]}"; do kill -KILL -- "-${PIDS[$i]}" 2>/dev/null || true; done
    kill -KILL "${all[@]}" 2>/dev/null || true
  fi
  for i in "${!PIDS[@]}"; do wait "${PIDS[$i]}" 2>/dev/null || true; done
  log "stopped"
}

on_exit() { local rc=$?; trap - EXIT INT TERM; stop_all; exit "$rc"; }
on_signal() { log "received SIG$1"; exit $((128 + $2)); }
trap on_exit EXIT
trap 'on_signal INT 2' INT
trap 'on_signal TERM 15' TERM

start() { # name logfile command...
  local name=$1 logfile=$2; shift 2
  setsid "$@" >"$logfile" 2>&1 </dev/null &
  PIDS+=("$!")
  NAMES+=("$name")
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_free() { # name port
  if port_open "$2"; then
    die "port $2 (needed by $1) is already in use on 127.0.0.1; stop whatever is listening there (e.g. 'ss -ltnp | grep :$2') and try again"
  fi
}

wait_port() { # name port pid logfile timeout
  local name=$1 port=$2 pid=$3 logfile=$4 timeout=$5
  local deadline=$((SECONDS + timeout))
  until port_open "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$name exited before port $port opened; last lines of $logfile:"
      tail -n 20 "$logfile" >&2 || true
      die "$name did not start (is port $port taken?)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "last lines of $logfile:"
      tail -n 20 "$logfile" >&2 || true
      die "$name did not open port $port within ${timeout}s"
    fi
    sleep 0.2
  done
}

# ---- npm tools -------------------------------------------------------------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm dev tools (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

mkdir -p "$LOG_DIR" .azurite

for p in "Azurite blob:$AZURITE_BLOB_PORT" "Azurite queue:$AZURITE_QUEUE_PORT" "Azurite table:$AZURITE_TABLE_PORT" \
         "maildev SMTP:$SMTP_PORT" "maildev web:$MAIL_WEB_PORT" "the Functions app:$APP_PORT"; do
  require_free "${p%%:*}" "${p##*:}"
done

# ---- servers ---------------------------------------------------------------
log "starting Azurite (data in .azurite/, log in .run-logs/azurite.log)"
start Azurite "$LOG_DIR/azurite.log" node_modules/.bin/azurite --silent --skipApiVersionCheck --disableTelemetry \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --blobPort "$AZURITE_BLOB_PORT" --queuePort "$AZURITE_QUEUE_PORT" --tablePort "$AZURITE_TABLE_PORT" \
  --location .azurite
AZURITE_PID=$!

log "starting maildev (log in .run-logs/maildev.log)"
start maildev "$LOG_DIR/maildev.log" node_modules/.bin/maildev --ip 127.0.0.1 --web-ip 127.0.0.1 \
  --smtp "$SMTP_PORT" --web "$MAIL_WEB_PORT"
MAILDEV_PID=$!

wait_port "Azurite (blob)"  "$AZURITE_BLOB_PORT"  "$AZURITE_PID" "$LOG_DIR/azurite.log" "$WAIT_SECONDS"
wait_port "Azurite (queue)" "$AZURITE_QUEUE_PORT" "$AZURITE_PID" "$LOG_DIR/azurite.log" "$WAIT_SECONDS"
wait_port "Azurite (table)" "$AZURITE_TABLE_PORT" "$AZURITE_PID" "$LOG_DIR/azurite.log" "$WAIT_SECONDS"
wait_port "maildev (SMTP)"  "$SMTP_PORT"          "$MAILDEV_PID" "$LOG_DIR/maildev.log" "$WAIT_SECONDS"
wait_port "maildev (web)"   "$MAIL_WEB_PORT"      "$MAILDEV_PID" "$LOG_DIR/maildev.log" "$WAIT_SECONDS"
log "Azurite and maildev are up"

# ---- the app ---------------------------------------------------------------
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"
log "building and starting the Functions app (output below)"
# The app's output goes to this terminal; it runs in its own process group so
# that stopping it also stops the app process that 'dotnet run' launches.
setsid dotnet run --project src/RecoveryCoach.Functions -c Release --urls "$APP_URL" </dev/null &
APP_PID=$!
PIDS+=("$APP_PID")
NAMES+=("app")

deadline=$((SECONDS + APP_WAIT_SECONDS))
until port_open "$APP_PORT"; do
  kill -0 "$APP_PID" 2>/dev/null || { wait "$APP_PID" && rc=0 || rc=$?; die "the Functions app exited (status $rc) before listening on $APP_URL"; }
  [ "$SECONDS" -lt "$deadline" ] || die "the Functions app did not listen on $APP_URL within ${APP_WAIT_SECONDS}s"
  sleep 0.5
done

cat >&2 <<MSG

  RecoveryCoach is running
    API            $APP_URL/api
    Mail inbox     http://127.0.0.1:$MAIL_WEB_PORT   (REST: http://127.0.0.1:$MAIL_WEB_PORT/api/email, SMTP 127.0.0.1:$SMTP_PORT)
    Azurite        blob 127.0.0.1:$AZURITE_BLOB_PORT, queue 127.0.0.1:$AZURITE_QUEUE_PORT, table 127.0.0.1:$AZURITE_TABLE_PORT (UseDevelopmentStorage=true)
  Press Ctrl-C to stop everything.

MSG

# 'wait' returns early when a trapped signal arrives, so Ctrl-C / SIGTERM are
# handled at once.
rc=0
wait "$APP_PID" || rc=$?
die "the Functions app exited (status $rc)"
