#!/usr/bin/env bash
# Deploys the service to Azure in one command:
#
#   SMTP_CLIENT_SECRET=... STAFF_SIGNIN_CLIENT_SECRET=... infra/deploy.sh dev|prod
#
# 1. checks the Bicep as test.sh does (infra/build.sh: no error, no warning);
# 2. deploys infra/main.bicep with infra/ENV.bicepparam to the resource group
#    (az deployment group create), with the same pinned Bicep CLI;
# 3. publishes and zips both apps (infra/package.sh);
# 4. zip-deploys the Functions app, then the web app;
# 5. prints the two addresses.
# The resource group is RECOVERYCOACH_RESOURCE_GROUP, or recoverycoach-ENV. The two secrets are
# read from the environment and written into Key Vault by the deployment; no file holds them.
# infra/README.md has the prerequisites, a first deployment step by step, and how to roll back.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
SCRIPT_NAME=infra/deploy.sh
source scripts/servers.sh

[ $# -eq 1 ] || die "usage: infra/deploy.sh dev|prod"
ENVIRONMENT=$1
case "$ENVIRONMENT" in
  dev | prod) ;;
  *) die "unknown environment '$ENVIRONMENT': there are infra/dev.bicepparam and infra/prod.bicepparam" ;;
esac
PARAMETERS="infra/$ENVIRONMENT.bicepparam"
RESOURCE_GROUP="${RECOVERYCOACH_RESOURCE_GROUP:-recoverycoach-$ENVIRONMENT}"
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"

for tool in az dotnet npm python3; do
  command -v "$tool" >/dev/null || die "$tool is not installed (infra/README.md, Prerequisites)"
done
if grep -nE '^[^/]*CHANGE-ME' "$PARAMETERS" >&2; then
  die "$PARAMETERS still has the CHANGE-ME values above: put in the trust's own (infra/README.md, step 3)"
fi
for secret in SMTP_CLIENT_SECRET STAFF_SIGNIN_CLIENT_SECRET; do
  [ -n "${!secret:-}" ] || die "$secret is not set: export it in this shell first (infra/README.md, step 4)"
done
az account show --query name --output tsv >/dev/null 2>&1 || die "the Azure CLI is not signed in: run az login"
az group show --name "$RESOURCE_GROUP" --output none 2>/dev/null ||
  die "resource group $RESOURCE_GROUP does not exist: az group create --name $RESOURCE_GROUP --location uksouth"

# The task hub's name and partition count must never change once journeys run on it: a new name
# strands every journey under way, a new count breaks the hub. The resource group remembers them.
HUB="$(python3 -c 'import json; d = json.load(open("host.json"))["extensions"]["durableTask"]; print(d["hubName"] + "/" + str(d.get("storageProvider", {}).get("partitionCount", 4)))')"
DEPLOYED_HUB="$(az group show --name "$RESOURCE_GROUP" --query 'tags."recoverycoach-taskhub"' --output tsv)"
if [ -n "$DEPLOYED_HUB" ] && [ "$DEPLOYED_HUB" != "$HUB" ]; then
  die "host.json names task hub/partitions $HUB, but $RESOURCE_GROUP runs $DEPLOYED_HUB; these never change on a live hub (infra/README.md, Rolling back)"
fi

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/recoverycoach-deploy.XXXXXX")"
trap 'rm -rf "$WORK_DIR"' EXIT
PACKAGES="infra/bin/packages/$ENVIRONMENT-$COMMIT"

log "1/5 checking the Bicep"
infra/build.sh "$WORK_DIR/bicep" >/dev/null

log "2/5 deploying infra/main.bicep with $PARAMETERS to $RESOURCE_GROUP (commit $COMMIT)"
install_bicep
# The Azure CLI compiles the .bicepparam with the pinned CLI on PATH, not one it downloads.
PATH="$(dirname "$BICEP"):$PATH" AZURE_BICEP_USE_BINARY_FROM_PATH=true AZURE_BICEP_CHECK_VERSION=false \
  az deployment group create \
  --resource-group "$RESOURCE_GROUP" \
  --name "recoverycoach-$ENVIRONMENT-$(date -u +%Y%m%d-%H%M%S)" \
  --parameters "$PARAMETERS" \
  --query properties.outputs --output json >"$WORK_DIR/outputs.json"
output() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]]["value"])' "$WORK_DIR/outputs.json" "$1"; }
FUNCTION_APP="$(output functionAppName)"
WEB_APP="$(output webAppName)"
az group update --name "$RESOURCE_GROUP" --set "tags.recoverycoach-taskhub=$HUB" --output none

log "3/5 publishing both apps into $PACKAGES"
infra/package.sh "$PACKAGES"

log "4/5 deploying $PACKAGES/functions.zip to $FUNCTION_APP, then $PACKAGES/web.zip to $WEB_APP"
az functionapp deployment source config-zip --resource-group "$RESOURCE_GROUP" --name "$FUNCTION_APP" \
  --src "$PACKAGES/functions.zip" --output none
az webapp deploy --resource-group "$RESOURCE_GROUP" --name "$WEB_APP" \
  --src-path "$PACKAGES/web.zip" --type zip --output none

log "5/5 deployed commit $COMMIT to $ENVIRONMENT"
printf 'Web app:       %s  (referral form /refer, staff /staff, readiness /healthz/ready)\n' "$(output webUrl)"
printf 'Functions app: %s  (health /api/healthz)\n' "$(output functionsUrl)"
