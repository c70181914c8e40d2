#!/bin/sh
# A Jenkins `sh` step or a Tekton step: gate, run the rollout command given as arguments, report its outcome.
#   SHIPGATE_* as for ../shipgate-gate.sh (SHIPGATE_IDEMPOTENCY_KEY: e.g. "$JOB_NAME/$BUILD_NUMBER" in Jenkins,
#   "$(context.pipelineRun.name)" in Tekton), SHIPGATE_LINK: the build's page (optional).
#   shipgate-step.sh kubectl apply -k overlays/prod
set -eu
script="$(dirname "$0")/../shipgate-gate.sh"
SHIPGATE_DEPLOYMENT_ID=$(sh "$script" gate)
export SHIPGATE_DEPLOYMENT_ID
sh "$script" report PROGRESSING "rollout started: $*" "${SHIPGATE_LINK:-}"
if "$@"; then
  sh "$script" report HEALTHY "rollout finished: $*" "${SHIPGATE_LINK:-}"
else
  code=$?
  sh "$script" report FAILED "rollout failed (exit $code): $*" "${SHIPGATE_LINK:-}"
  exit "$code"
fi
