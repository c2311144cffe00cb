#!/usr/bin/env bash
# Runs every test in RecoveryCoach.sln against real servers: Azurite (storage)
# and maildev (SMTP sink), started here on their default ports when free,
# otherwise on free ports picked now. Extra arguments go to 'dotnet test'
# (e.g. ./test.sh --filter "FullyQualifiedName~Referrals").
# The last line of output is always "N passed, N failed, N skipped".
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

WAIT_SECONDS=30
WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/recoverycoach-test.XXXXXX")"
LOG_FILE="$WORK_DIR/dotnet-test.log"

log() { printf '[test.sh] %s\n' "$*" >&2; }

# ---- process bookkeeping ---------------------------------------------------
PIDS=()
NAMES=()
STOPPED=0

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

# Stops the servers and removes the temporary folder. Safe to call twice.
stop_servers() {
  [ "$STOPPED" = 1 ] && return 0
  STOPPED=1
  if [ "${#PIDS[@]}" -gt 0 ]; then
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
    log "servers stopped"
  fi
  rm -rf "$WORK_DIR"
}

# Sums the per-project summary lines of 'dotnet test', e.g.
#   Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: 1 s - X.Tests.dll (net10.0)
totals() {
  local file=$1
  if [ -f "$file" ]; then
    sed 's/\x1b\[[0-9;]*[A-Za-z]//g' "$file" | awk '
      /(Passed|Failed)![[:space:]]*-[[:space:]]*Failed:/ {
        line = $0
        if (match(line, /Failed:[[:space:]]*[0-9]+/))  { s = substr(line, RSTART, RLENGTH); gsub(/[^0-9]/, "", s); f += s }
        if (match(line, /Passed:[[:space:]]*[0-9]+/))  { s = substr(line, RSTART, RLENGTH); gsub(/[^0-9]/, "", s); p += s }
        if (match(line, /Skipped:[[:space:]]*[0-9]+/)) { s = substr(line, RSTART, RLENGTH); gsub(/[^0-9]/, "", s); k += s }
      }
      END { printf "%d passed, %d failed, %d skipped\n", p, f, k }'
  else
    echo "0 passed, 0 failed, 0 skipped"
  fi
}

finish() {
  local rc=$1 line
  trap - EXIT INT TERM
  # Read the totals before stop_servers removes the folder holding the log.
  line="$(totals "$LOG_FILE")"
  stop_servers
  printf '%s\n' "$line"
  exit "$rc"
}
trap 'finish $?' EXIT
trap 'log "received SIGINT"; finish 130' INT
trap 'log "received SIGTERM"; finish 143' TERM

start() { # name logfile command...
  local name=$1 logfile=$2; shift 2
  setsid "$@" >"$logfile" 2>&1 </dev/null &
  PIDS+=("$!")
  NAMES+=("$name")
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints the default port if it can be bound on 127.0.0.1 and is not already
# taken by this run, otherwise a free port chosen by the OS.
TAKEN_PORTS=" "
pick_port() {
  local default=$1 port
  port="$(python3 - "$default" "$TAKEN_PORTS" <<'PY'
import socket, sys
default, taken = int(sys.argv[1]), set(int(p) for p in sys.argv[2].split())
def free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False
if default not in taken and free(default):
    print(default)
else:
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in taken:
            print(port)
            break
PY
)"
  TAKEN_PORTS+="$port "
  echo "$port"
}

wait_port() { # name port pid logfile
  local name=$1 port=$2 pid=$3 logfile=$4
  local deadline=$((SECONDS + WAIT_SECONDS))
  until port_open "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$name exited before port $port opened; last lines of its log:"
      tail -n 20 "$logfile" >&2 || true
      log "ERROR: $name did not start"
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "last lines of the $name log:"
      tail -n 20 "$logfile" >&2 || true
      log "ERROR: $name did not open port $port within ${WAIT_SECONDS}s"
      exit 1
    fi
    sleep 0.2
  done
}

# ---- npm tools -------------------------------------------------------------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm dev tools (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# ---- servers ---------------------------------------------------------------
BLOB_PORT="$(pick_port 10000)"
QUEUE_PORT="$(pick_port 10001)"
TABLE_PORT="$(pick_port 10002)"
SMTP_PORT="$(pick_port 1025)"
MAIL_WEB_PORT="$(pick_port 1080)"

mkdir -p "$WORK_DIR/azurite"
log "starting Azurite on blob $BLOB_PORT, queue $QUEUE_PORT, table $TABLE_PORT (data in $WORK_DIR/azurite)"
start Azurite "$WORK_DIR/azurite.log" node_modules/.bin/azurite --silent --skipApiVersionCheck --disableTelemetry \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --blobPort "$BLOB_PORT" --queuePort "$QUEUE_PORT" --tablePort "$TABLE_PORT" \
  --location "$WORK_DIR/azurite"
AZURITE_PID=$!

log "starting maildev on SMTP $SMTP_PORT, web $MAIL_WEB_PORT"
start maildev "$WORK_DIR/maildev.log" node_modules/.bin/maildev --ip 127.0.0.1 --web-ip 127.0.0.1 \
  --smtp "$SMTP_PORT" --web "$MAIL_WEB_PORT"
MAILDEV_PID=$!

wait_port "Azurite (blob)"  "$BLOB_PORT"     "$AZURITE_PID" "$WORK_DIR/azurite.log"
wait_port "Azurite (queue)" "$QUEUE_PORT"    "$AZURITE_PID" "$WORK_DIR/azurite.log"
wait_port "Azurite (table)" "$TABLE_PORT"    "$AZURITE_PID" "$WORK_DIR/azurite.log"
wait_port "maildev (SMTP)"  "$SMTP_PORT"     "$MAILDEV_PID" "$WORK_DIR/maildev.log"
wait_port "maildev (web)"   "$MAIL_WEB_PORT" "$MAILDEV_PID" "$WORK_DIR/maildev.log"

export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;"
export Smtp__Host=127.0.0.1
export Smtp__Port="$SMTP_PORT"
export MAILDEV_API_URL="http://127.0.0.1:$MAIL_WEB_PORT"
log "servers up: AzureWebJobsStorage -> 127.0.0.1:$BLOB_PORT/$QUEUE_PORT/$TABLE_PORT, Smtp__Port=$SMTP_PORT, MAILDEV_API_URL=$MAILDEV_API_URL"

# ---- tests -----------------------------------------------------------------
# 'dotnet test' runs in the background in its own process group, so that a
# signal is handled at once and stops the test run (and its test hosts) too.
# -tl:off keeps the classic per-project "Passed!/Failed!" summary lines.
log "running: dotnet test RecoveryCoach.sln -c Release -tl:off --disable-build-servers $*"
rc=0
setsid bash -c 'set -o pipefail; log=$1; shift; dotnet test RecoveryCoach.sln -c Release -tl:off --disable-build-servers "$@" 2>&1 </dev/null | tee "$log"' \
  test-runner "$LOG_FILE" "$@" &
TEST_PID=$!
PIDS+=("$TEST_PID")
NAMES+=("tests")
wait "$TEST_PID" || rc=$?
# The run is over (without build servers, so it leaves no MSBuild or compiler
# server behind): forget it before stopping the servers.
unset 'PIDS[-1]' 'NAMES[-1]'

# finish stops the servers first, then prints the totals line last.
finish "$rc"
