#!/usr/bin/env bash
# Checks the Bicep with the pinned Bicep CLI and writes what it compiles to into OUT_DIR
# (default infra/bin, which git ignores):
#   main.json                  the ARM template (bicep build infra/main.bicep)
#   ENV.parameters.json        each environment's parameter file, compiled (bicep build-params)
#   ENV.snapshot.json          the resources each environment's deployment would create, with
#                              every name, parameter and variable worked out (bicep snapshot)
# bicep lint infra/main.bicep runs too. Every command must report no error and no warning: the
# rules are in infra/bicepconfig.json. The two secrets are placeholders here, never real ones.
# test.sh runs this before the tests, which read OUT_DIR; deploy.sh runs it before deploying.
# The last line is "N passed, N failed", one for each command.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
SCRIPT_NAME=infra/build.sh
source scripts/servers.sh

OUT_DIR="$(mkdir -p "${1:-infra/bin}" && cd "${1:-infra/bin}" && pwd)"
ENVIRONMENTS=(dev prod)
# Where the snapshots pretend to deploy: fixed, so resource names are the same on every run.
SNAPSHOT_SUBSCRIPTION=00000000-0000-0000-0000-000000000000
SNAPSHOT_TENANT=00000000-0000-0000-0000-000000000001
PASSED=0
FAILED=0

install_bicep
# Nothing from an earlier run may stand in for what this run failed to build.
rm -f "$OUT_DIR"/main.json "$OUT_DIR"/*.parameters.json "$OUT_DIR"/*.snapshot.json

# check DESCRIPTION COMMAND...: runs a Bicep command and counts it as passed only when it exits 0
# and prints no diagnostic (Bicep exits 0 on warnings, so its output is read too).
check() {
  local what=$1 out code=0
  shift
  out="$("$@" 2>&1)" || code=$?
  [ -z "$out" ] || printf '%s\n' "$out" >&2
  if [ "$code" -eq 0 ] && ! grep -qE ' : (Error|Warning|Info) ' <<<"$out"; then
    PASSED=$((PASSED + 1))
    log "ok: $what"
  else
    FAILED=$((FAILED + 1))
    log "FAILED: $what (exit $code, $(grep -cE ' : Error ' <<<"$out") errors, $(grep -cE ' : Warning ' <<<"$out") warnings)"
  fi
}

# Placeholders for the secrets the parameter files read from the environment.
export SMTP_CLIENT_SECRET=placeholder-not-a-secret
export STAFF_SIGNIN_CLIENT_SECRET=placeholder-not-a-secret

check "bicep build infra/main.bicep" "$BICEP" build infra/main.bicep --outfile "$OUT_DIR/main.json"
check "bicep lint infra/main.bicep" "$BICEP" lint infra/main.bicep
for environment in "${ENVIRONMENTS[@]}"; do
  check "bicep build-params infra/$environment.bicepparam" "$BICEP" build-params "infra/$environment.bicepparam" --outfile "$OUT_DIR/$environment.parameters.json"
  # bicep snapshot writes beside the parameter file; the file is moved out at once.
  check "bicep snapshot infra/$environment.bicepparam" "$BICEP" snapshot "infra/$environment.bicepparam" --mode Overwrite \
    --subscription-id "$SNAPSHOT_SUBSCRIPTION" --tenant-id "$SNAPSHOT_TENANT" \
    --resource-group "recoverycoach-$environment" --location uksouth --deployment-name "recoverycoach-$environment"
  if [ -f "infra/$environment.snapshot.json" ]; then
    mv "infra/$environment.snapshot.json" "$OUT_DIR/$environment.snapshot.json"
  fi
done

log "compiled templates in $OUT_DIR"
printf '%d passed, %d failed\n' "$PASSED" "$FAILED"
[ "$FAILED" -eq 0 ]
