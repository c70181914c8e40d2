#!/bin/sh
# The PreSync hook: the sync goes on only if Shipgate allows the image (exit 0); then the deployment is PROGRESSING.
# Mounted beside shipgate-gate.sh from the ConfigMap shipgate-gate.
set -eu
script=$(dirname "$0")/shipgate-gate.sh
[ -f "$script" ] || script=$(dirname "$0")/../shipgate-gate.sh # run from a checkout of this repository
SHIPGATE_DEPLOYMENT_ID=$(sh "$script" gate)
export SHIPGATE_DEPLOYMENT_ID
sh "$script" report PROGRESSING "Argo CD sync started" "${SHIPGATE_LINK:-}"
