#!/usr/bin/env bash
# Benchmarks the referral service as it ships: builds the web app and the benchmark in Release,
# starts a fresh Azurite (empty temporary --location) and maildev on free ports, runs the
# workloads against the web app's own processes, and prints the machine, the task hub settings
# and a Markdown table. Everything it started is stopped at the end, also on failure or Ctrl-C.
#
#   tests/RecoveryCoach.Benchmarks/bench.sh --only a,b,c    full size, about 15 minutes on 2 shared CPUs
#   tests/RecoveryCoach.Benchmarks/bench.sh                 with (d): 10,000 journeys at the ~1/s seen there is hours
#   tests/RecoveryCoach.Benchmarks/bench.sh --only e        2,000 referrals stored, then 60 s of 20 staff sessions and 5 referrals/s
#   tests/RecoveryCoach.Benchmarks/bench.sh --only f        10,000 realistic referrals seeded, then each staff page timed 30 times for a coach, a team lead and an admin
#   tests/RecoveryCoach.Benchmarks/bench.sh --only a,b --referrals 100 --tasks 20 --task-idle-seconds 10
#   tests/RecoveryCoach.Benchmarks/bench.sh --only c --idle-warmup-seconds 60 --idle-seconds 60
#   tests/RecoveryCoach.Benchmarks/bench.sh --only d --journeys 1000
#   tests/RecoveryCoach.Benchmarks/bench.sh --only e --stored 100 --load-seconds 15 --sessions 4
#   tests/RecoveryCoach.Benchmarks/bench.sh --only f --seeded 1000
#   tests/RecoveryCoach.Benchmarks/bench.sh --only f --keep-store /var/tmp/seeded-10k
#       the main Azurite's data kept in that folder after the run; a later run given the same
#       folder finds the seeded referrals there and times the pages without seeding again
#
# Arguments go to the benchmark (--help lists them). The web apps inherit the environment, so
# a variant of host.json is an override exported first, as on Azure Functions:
#   AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount=1 \
#   AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval=00:00:05 \
#   AzureFunctionsJobHost__extensions__durableTask__extendedSessionsEnabled=true bench.sh
#
# (c), the idle worker, gets an Azurite of its own started with --debug, whose log names every
# request it receives; it runs beside the other workloads, since its requests follow the
# worker's timers rather than the CPUs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
SCRIPT_NAME=bench.sh
source scripts/servers.sh

APP="$PWD/src/RecoveryCoach.Web/bin/Release/net10.0"
BENCH=tests/RecoveryCoach.Benchmarks/bin/Release/net10.0/RecoveryCoach.Benchmarks.dll
WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/recoverycoach-bench.XXXXXX")"
FAILED=1

# Taken here: --only, to start only the servers the chosen workloads need; --no-build, for runs
# side by side after one build; --count-requests, which starts the main Azurite with --debug so
# that (a) counts the storage requests per referral (Azurite is slower then: compare its timings
# only with other such runs). The rest go to the benchmark. The workloads run in the order
# given; --keep-store DIR, the main Azurite's data in DIR, kept (not fresh and empty, so compare
# only with runs on the same kept store). By default (d) goes last, as the 10,000 journeys it
# leaves make Azurite slower for any after it.
only="a,b,c,e,f,d"
NO_BUILD=0
COUNT_REQUESTS=0
STORE=""
pass=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --only) only="${2:-}"; shift 2 || shift ;;
    --only=*) only="${1#--only=}"; shift ;;
    --no-build) NO_BUILD=1; shift ;;
    --count-requests) COUNT_REQUESTS=1; shift ;;
    --keep-store) STORE="${2:?--keep-store needs a folder}"; shift 2 ;;
    --keep-store=*) STORE="${1#--keep-store=}"; shift ;;
    *) pass+=("$1"); shift ;;
  esac
done
has() { [[ ",$only," == *",$1,"* ]]; }
# The workloads that share the main Azurite, in table order, without c.
main_only="$(tr ',' '\n' <<<"$only" | grep -v '^c$' | paste -sd, - || true)"

free_port() {
  local port
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  while [[ "$TAKEN_PORTS" == *" $port "* ]]; do
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  done
  TAKEN_PORTS+="$port "
  echo "$port"
}

finish() {
  local rc=$1
  trap - EXIT INT TERM
  stop_all
  # Azurite's data can be large after (d); the logs are small and worth keeping after a failure.
  rm -rf "$WORK_DIR/azurite" "$WORK_DIR/azurite-idle"
  if [ "$FAILED" = 0 ]; then
    rm -rf "$WORK_DIR"
  else
    log "logs kept in $WORK_DIR"
  fi
  exit "$rc"
}
trap 'finish $?' EXIT
trap 'log "received SIGINT"; finish 130' INT
trap 'log "received SIGTERM"; finish 143' TERM

install_npm_tools
if [ "$NO_BUILD" = 0 ]; then
  log "building the web app and the benchmark in Release"
  dotnet build src/RecoveryCoach.Web -c Release -tl:off --disable-build-servers -v quiet -nologo >"$WORK_DIR/build.log" 2>&1 \
    || { tail -n 30 "$WORK_DIR/build.log" >&2; die "the web app did not build"; }
  dotnet build tests/RecoveryCoach.Benchmarks -c Release -tl:off --disable-build-servers -v quiet -nologo >>"$WORK_DIR/build.log" 2>&1 \
    || { tail -n 30 "$WORK_DIR/build.log" >&2; die "the benchmark did not build"; }
fi

MEM_KB="$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)"
cat <<MACHINE
## Benchmark run $(date -u '+%Y-%m-%d %H:%M UTC')

- Machine: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), $(nproc) cores, $((MEM_KB / 1024 / 1024)) GiB RAM; $(uname -sr)
- .NET SDK $(dotnet --version); Azurite $(node_modules/.bin/azurite --version); maildev $(node -p 'require("./node_modules/maildev/package.json").version'); Node.js $(node --version)
- Load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg) (Azurite, maildev, the web apps and the benchmark share these cores)
- Task hub settings:
MACHINE
dotnet "$BENCH" settings --app "$APP"
echo

SMTP_PORT="$(free_port)"
MAIL_WEB_PORT="$(free_port)"
log "starting maildev on SMTP $SMTP_PORT, web $MAIL_WEB_PORT"
start_maildev "$WORK_DIR/maildev.log" "$SMTP_PORT" "$MAIL_WEB_PORT"
export Smtp__Host=127.0.0.1
export Smtp__Port="$SMTP_PORT"

IDLE_PID=""
if has c; then
  ports=("$(free_port)" "$(free_port)" "$(free_port)")
  log "starting Azurite for (c) with --debug on blob ${ports[0]}, queue ${ports[1]}, table ${ports[2]}"
  start_azurite "$WORK_DIR/azurite-idle.log" "$WORK_DIR/azurite-idle" "${ports[@]}" --debug "$WORK_DIR/azurite-idle-debug.log"
  start_process "bench (c)" - bash -c 'set -o pipefail; out=$1; shift; dotnet "$@" >"$out"' bench-c "$WORK_DIR/rows-c.md" \
    "$BENCH" "${pass[@]}" --only c --app "$APP" --logs "$WORK_DIR/logs" \
    --idle-storage "$(azurite_connection_string "${ports[@]}")" --idle-log "$WORK_DIR/azurite-idle-debug.log"
  IDLE_PID=$!
fi

if [ -n "$main_only" ]; then
  ports=("$(free_port)" "$(free_port)" "$(free_port)")
  log "starting Azurite on blob ${ports[0]}, queue ${ports[1]}, table ${ports[2]} (data in ${STORE:-$WORK_DIR/azurite})"
  debug=()
  if [ "$COUNT_REQUESTS" = 1 ]; then
    debug=(--debug "$WORK_DIR/azurite-debug.log")
    pass+=(--request-log "$WORK_DIR/azurite-debug.log")
  fi
  start_azurite "$WORK_DIR/azurite.log" "${STORE:-$WORK_DIR/azurite}" "${ports[@]}" "${debug[@]}"
  export AzureWebJobsStorage="$(azurite_connection_string "${ports[@]}")"
  start_process "bench ($main_only)" - bash -c 'set -o pipefail; out=$1; shift; dotnet "$@" | tee "$out"' bench-main "$WORK_DIR/rows-main.md" \
    "$BENCH" "${pass[@]}" --only "$main_only" --app "$APP" --logs "$WORK_DIR/logs"
  wait "$!" || die "the benchmark failed (web app logs in $WORK_DIR/logs)"
fi

if [ -n "$IDLE_PID" ]; then
  log "waiting for (c) to finish counting"
  wait "$IDLE_PID" || die "(c) failed (web app logs in $WORK_DIR/logs)"
fi

echo
echo "| Workload | Figure | Measured | Aim | Met |"
echo "|---|---|---|---|---|"
for w in a b c d e f; do
  cat "$WORK_DIR"/rows-*.md 2>/dev/null | grep "^| ($w) " || true
done
echo
echo "Load average at end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
FAILED=0
