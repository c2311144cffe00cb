#!/usr/bin/env bash
# The durable runtime benchmark: builds the TestHost in Release, starts a fresh Azurite on free
# ports with an empty data folder, runs the workloads ('bench' mode) and prints the machine and
# a Markdown table. Azurite is always stopped. Extra arguments go to the bench, for a quick run:
#   tests/RecoveryCoach.Durable.TestHost/bench.sh --hello 100 --approval 20 --approval-idle-seconds 5 \
#     --idle-warmup-seconds 10 --idle-seconds 20 --memory 200
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
SCRIPT_NAME=bench.sh
source scripts/servers.sh

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/recoverycoach-bench.XXXXXX")"
finish() {
  local rc=$1
  trap - EXIT INT TERM
  stop_all
  rm -rf "$WORK_DIR"
  exit "$rc"
}
trap 'finish $?' EXIT
trap 'log "received SIGINT"; finish 130' INT
trap 'log "received SIGTERM"; finish 143' TERM

install_npm_tools
log "building the TestHost (Release)"
dotnet build tests/RecoveryCoach.Durable.TestHost -c Release -v quiet -nologo --disable-build-servers >"$WORK_DIR/build.log" 2>&1 \
  || { cat "$WORK_DIR/build.log" >&2; die "the build failed"; }

# Ports away from the defaults, so a running ./run.sh or ./test.sh is never disturbed.
BLOB_PORT="$(pick_port 46000)"
QUEUE_PORT="$(pick_port 46001)"
TABLE_PORT="$(pick_port 46002)"
log "starting a fresh Azurite on blob $BLOB_PORT, queue $QUEUE_PORT, table $TABLE_PORT"
start_azurite "$WORK_DIR/azurite.log" "$WORK_DIR/azurite" "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT"

echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -h | awk '/^Mem:/ {print $2}') RAM;" \
  ".NET SDK $(dotnet --version), Azurite $(node_modules/.bin/azurite --version)"

export AzureWebJobsStorage="$(azurite_connection_string "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT")"
rc=0
start_process bench - dotnet tests/RecoveryCoach.Durable.TestHost/bin/Release/net10.0/RecoveryCoach.Durable.TestHost.dll bench "$@"
BENCH_PID=$!
wait "$BENCH_PID" || rc=$?
unset 'PIDS[-1]' 'NAMES[-1]'
finish "$rc"
