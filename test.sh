#!/usr/bin/env bash
# Checks the Bicep first (infra/build.sh: build, lint, parameter files and snapshots, into
# infra/bin, where the infra tests read them; each Bicep command counts as one test).
# Runs every test in RecoveryCoach.sln against real servers: Azurite (storage)
# and maildev (SMTP sink), started here on their default ports when free,
# otherwise on free ports picked now. Extra arguments go to 'dotnet test'
# (e.g. ./test.sh --filter "FullyQualifiedName~Referrals").
# Then it checks the shipped rules/ folder with the built CLI, as policy owners
# do: 'rules validate' counts as one test and each case of 'rules test' as one.
# The last line of output is always "N passed, N failed, N skipped".
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
SCRIPT_NAME=test.sh
source scripts/servers.sh

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/recoverycoach-test.XXXXXX")"
LOG_FILE="$WORK_DIR/dotnet-test.log"
CLI=src/RecoveryCoach.Cli/bin/Release/net10.0/RecoveryCoach.Cli.dll
RULES_PASSED=0
RULES_FAILED=0
INFRA_PASSED=0
INFRA_FAILED=0

# Sums the per-project summary lines of 'dotnet test', and adds the rules and Bicep checks. A summary line:
#   Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: 1 s - X.Tests.dll (net10.0)
totals() {
  if [ -f "$1" ]; then
    sed 's/\x1b\[[0-9;]*[A-Za-z]//g' "$1" | awk -v rp="$((RULES_PASSED + INFRA_PASSED))" -v rf="$((RULES_FAILED + INFRA_FAILED))" '
      /(Passed|Failed)![[:space:]]*-[[:space:]]*Failed:/ {
        line = $0
        if (match(line, /Failed:[[:space:]]*[0-9]+/))  { s = substr(line, RSTART, RLENGTH); gsub(/[^0-9]/, "", s); f += s }
        if (match(line, /Passed:[[:space:]]*[0-9]+/))  { s = substr(line, RSTART, RLENGTH); gsub(/[^0-9]/, "", s); p += s }
        if (match(line, /Skipped:[[:space:]]*[0-9]+/)) { s = substr(line, RSTART, RLENGTH); gsub(/[^0-9]/, "", s); k += s }
      }
      END { printf "%d passed, %d failed, %d skipped\n", p + rp, f + rf, k }'
  else
    echo "$((RULES_PASSED + INFRA_PASSED)) passed, $((RULES_FAILED + INFRA_FAILED)) failed, 0 skipped"
  fi
}

# rules_check VERB: runs 'rules VERB rules' with the CLI that 'dotnet test' built, in a process
# group of its own like the tests, and adds its outcome to the totals.
rules_check() {
  local verb=$1 out="$WORK_DIR/rules-$1.log" code=0 counts
  if [ ! -f "$CLI" ]; then
    log "$CLI was not built, so 'rules $verb' could not run"
    RULES_FAILED=$((RULES_FAILED + 1))
    return 1
  fi
  log "running: dotnet $CLI rules $verb rules"
  start_process "rules-$verb" - bash -c 'set -o pipefail; out=$1; shift; dotnet "$@" 2>&1 | tee "$out"' rules-check "$out" "$CLI" rules "$verb" rules
  wait "$!" || code=$?
  unset 'PIDS[-1]' 'NAMES[-1]'
  if [ "$verb" = test ] && counts="$(sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\1 \2/p' "$out" | tail -n 1)" && [ -n "$counts" ]; then
    RULES_PASSED=$((RULES_PASSED + ${counts% *}))
    RULES_FAILED=$((RULES_FAILED + ${counts#* }))
    [ "$code" -eq 0 ] || [ "${counts#* }" -gt 0 ] || RULES_FAILED=$((RULES_FAILED + 1))
  elif [ "$code" -eq 0 ]; then
    RULES_PASSED=$((RULES_PASSED + 1))
  else
    RULES_FAILED=$((RULES_FAILED + 1))
  fi
  [ "$code" -eq 0 ] || log "'rules $verb rules' failed (exit $code)"
  return "$code"
}

# infra_check: runs infra/build.sh in a process group of its own, and adds each Bicep command's
# outcome to the totals; a run that printed no count counts as one failure.
infra_check() {
  local out="$WORK_DIR/infra-build.log" code=0 counts
  log "running: infra/build.sh"
  start_process infra-build - bash -c 'set -o pipefail; out=$1; shift; "$@" 2>&1 | tee "$out"' infra-build "$out" infra/build.sh
  wait "$!" || code=$?
  unset 'PIDS[-1]' 'NAMES[-1]'
  if counts="$(sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\1 \2/p' "$out" | tail -n 1)" && [ -n "$counts" ]; then
    INFRA_PASSED=$((INFRA_PASSED + ${counts% *}))
    INFRA_FAILED=$((INFRA_FAILED + ${counts#* }))
    [ "$code" -eq 0 ] || [ "${counts#* }" -gt 0 ] || INFRA_FAILED=$((INFRA_FAILED + 1))
  else
    INFRA_FAILED=$((INFRA_FAILED + 1))
  fi
  [ "$code" -eq 0 ] || log "infra/build.sh failed (exit $code)"
  return "$code"
}

# Stops the servers first and prints the totals last, whatever happened.
finish() {
  local rc=$1 line
  trap - EXIT INT TERM
  line="$(totals "$LOG_FILE")"
  stop_all
  rm -rf "$WORK_DIR"
  printf '%s\n' "$line"
  exit "$rc"
}
trap 'finish $?' EXIT
trap 'log "received SIGINT"; finish 130' INT
trap 'log "received SIGTERM"; finish 143' TERM

install_npm_tools
install_chromium
infra_rc=0
infra_check || infra_rc=1

BLOB_PORT="$(pick_port 10000)"
QUEUE_PORT="$(pick_port 10001)"
TABLE_PORT="$(pick_port 10002)"
SMTP_PORT="$(pick_port 1025)"
MAIL_WEB_PORT="$(pick_port 1080)"

log "starting Azurite on blob $BLOB_PORT, queue $QUEUE_PORT, table $TABLE_PORT (data in $WORK_DIR/azurite)"
start_azurite "$WORK_DIR/azurite.log" "$WORK_DIR/azurite" "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT"
log "starting maildev on SMTP $SMTP_PORT, web $MAIL_WEB_PORT"
start_maildev "$WORK_DIR/maildev.log" "$SMTP_PORT" "$MAIL_WEB_PORT"

export AzureWebJobsStorage="$(azurite_connection_string "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT")"
export Smtp__Host=127.0.0.1
export Smtp__Port="$SMTP_PORT"
export MAILDEV_API_URL="http://127.0.0.1:$MAIL_WEB_PORT"
log "servers up: AzureWebJobsStorage -> 127.0.0.1:$BLOB_PORT/$QUEUE_PORT/$TABLE_PORT, Smtp__Port=$SMTP_PORT, MAILDEV_API_URL=$MAILDEV_API_URL"

# 'dotnet test' runs in its own process group, so a signal is handled at once and stops the
# test run and its test hosts too. -tl:off keeps the classic per-project summary lines;
# --disable-build-servers leaves no MSBuild or compiler server behind.
log "running: dotnet test RecoveryCoach.sln -c Release -tl:off --disable-build-servers $*"
rc=0
start_process tests - bash -c 'set -o pipefail; log=$1; shift; dotnet test RecoveryCoach.sln -c Release -tl:off --disable-build-servers "$@" 2>&1 | tee "$log"' \
  test-runner "$LOG_FILE" "$@"
TEST_PID=$!
wait "$TEST_PID" || rc=$?
unset 'PIDS[-1]' 'NAMES[-1]'

rules_rc=0
rules_check validate || rules_rc=1
rules_check test || rules_rc=1
[ "$rc" -ne 0 ] || rc=$rules_rc
[ "$rc" -ne 0 ] || rc=$infra_rc

finish "$rc"
