#!/usr/bin/env bash
# Publishes both apps in Release and zips each for zip deployment:
#   OUT_DIR/functions/  and OUT_DIR/functions.zip   src/RecoveryCoach.Functions, for the Flex Consumption app
#   OUT_DIR/web/        and OUT_DIR/web.zip         src/RecoveryCoach.Web, for App Service
# Each zip holds its publish folder's contents at its root, dot-folders such as .azurefunctions
# included. deploy.sh calls this; the infra tests call it too, with --no-build, on what the
# test run has just built.
#
# Usage: infra/package.sh [--no-build] OUT_DIR
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
SCRIPT_NAME=infra/package.sh
source scripts/servers.sh

build=()
if [ "${1:-}" = "--no-build" ]; then
  build=(--no-build)
  shift
fi
[ $# -eq 1 ] || die "usage: infra/package.sh [--no-build] OUT_DIR"
mkdir -p "$1"
OUT_DIR="$(cd "$1" && pwd)"

# The web app's NHS.UK frontend comes from npm. With --no-build the build has already needed it,
# and the servers a test run started from node_modules must not have it replaced under them.
[ ${#build[@]} -gt 0 ] || install_npm_tools

# publish NAME PROJECT: publishes PROJECT into OUT_DIR/NAME and zips it as OUT_DIR/NAME.zip.
publish() {
  local name=$1 project=$2
  rm -rf "${OUT_DIR:?}/$name" "$OUT_DIR/$name.zip"
  log "publishing $project (Release) into $OUT_DIR/$name"
  dotnet publish "$project" -c Release -o "$OUT_DIR/$name" "${build[@]}" \
    --nologo -v quiet -tl:off -clp:ErrorsOnly --disable-build-servers -p:UseAppHost=false
  python3 - "$OUT_DIR/$name" "$OUT_DIR/$name.zip" <<'PY'
import os, sys, zipfile
folder, archive = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as package:
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for file in sorted(files):
            path = os.path.join(root, file)
            package.write(path, os.path.relpath(path, folder))
PY
  log "packaged $OUT_DIR/$name.zip"
}

publish functions src/RecoveryCoach.Functions/RecoveryCoach.Functions.csproj
publish web src/RecoveryCoach.Web/RecoveryCoach.Web.csproj
