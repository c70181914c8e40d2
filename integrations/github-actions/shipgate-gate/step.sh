#!/bin/sh
# The action's one step: inputs arrive as environment variables (action.yml), the gate's deployment id leaves as the
# step output deployment-id.
set -eu
script="$(dirname "$0")/../../shipgate-gate.sh"
if [ "$COMMAND" = gate ]; then
  id=$(sh "$script" gate)
  echo "deployment-id=$id" >> "$GITHUB_OUTPUT"
else
  sh "$script" report "$STATUS" "$MESSAGE" "$LINK"
fi
