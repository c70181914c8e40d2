#!/bin/sh
# Shipgate's gate for CD tools (issue 21): POSIX sh and curl only, so it runs in curlimages/curl, on a GitHub runner,
# in a Jenkins agent or a Tekton step alike.
#
#   shipgate-gate.sh gate                          may SHIPGATE_IMAGE_DIGEST go to SHIPGATE_PIPELINE now?
#   shipgate-gate.sh report STATUS MESSAGE [LINK]  PROGRESSING, HEALTHY, DEGRADED or FAILED, onto the timeline
#
# Environment:
#   SHIPGATE_URL              the gateway, e.g. https://shipgate.example (no trailing slash)
#   SHIPGATE_TOKEN            an API token of someone (or a service account) with Build and Deploy on the pipeline;
#                             sent in a header read from stdin, never on curl's command line
#   SHIPGATE_PIPELINE         the pipeline's id, e.g. payments-prod
#   SHIPGATE_IMAGE_DIGEST     the image, e.g. sha256:0123...
#   SHIPGATE_IDEMPOTENCY_KEY  gate: one key per rollout attempt (a CI run, a sync's hook Job); a retry with the same
#                             key gets the same answer and consumes no second approval
#   SHIPGATE_WAIT             gate: how long one call waits for the decision (ISO-8601, default PT60S)
#   SHIPGATE_TIMEOUT_SECONDS  gate: how long to keep asking while undecided (default 600)
#   SHIPGATE_DEPLOYMENT_ID    report: the deployment (default: the newest of SHIPGATE_IMAGE_DIGEST on the pipeline)
#
# gate prints the deployment id on stdout. Exit codes: 0 allowed / reported, 3 refused (the reason on stderr),
# 4 still undecided at the timeout, 2 a usage or transport error. Each HTTP exchange is logged on stderr as
# "shipgate: METHOD PATH -> STATUS".
set -u

fail() { echo "shipgate: $*" >&2; exit 2; }
need() { eval "[ -n \"\${$1:-}\" ]" || fail "$1 is not set"; }

# a JSON string of any text: backslashes and quotes escaped, control characters gone (newlines become spaces)
json_string() {
  printf '"%s"' "$(printf '%s' "$1" | tr '\n\r\t' '   ' | tr -d '\000-\037' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
}

# field NAME: the first string member NAME of the JSON on stdin (flat, as Shipgate's answers are)
field() {
  grep -o "\"$1\"[[:space:]]*:[[:space:]]*\"[^\"]*\"" | head -n 1 \
    | sed "s/^\"$1\"[[:space:]]*:[[:space:]]*\"\\(.*\\)\"\$/\\1/"
}

# call METHOD PATH [BODY] [HEADER]: sets STATUS and BODY_OUT
call() {
  out=$(printf 'Authorization: Bearer %s\n' "$SHIPGATE_TOKEN" | curl -sS -X "$1" -H @- \
    -H 'Content-Type: application/json' -H 'Accept: application/json, application/problem+json' ${4:+-H "$4"} \
    ${3:+--data "$3"} -w '\n%{http_code}' "$SHIPGATE_URL$2") || fail "$1 $2: no answer from $SHIPGATE_URL"
  STATUS=$(printf '%s' "$out" | tail -n 1)
  BODY_OUT=$(printf '%s' "$out" | sed '$d')
  echo "shipgate: $1 $2 -> $STATUS" >&2
}

refused() {
  echo "shipgate: refused: $(printf '%s' "$BODY_OUT" | field reason): $(printf '%s' "$BODY_OUT" | field detail)" >&2
  exit 3
}

gate() {
  need SHIPGATE_IDEMPOTENCY_KEY
  case "$SHIPGATE_IMAGE_DIGEST" in *[!A-Za-z0-9:]*) fail "SHIPGATE_IMAGE_DIGEST is not a digest";; esac
  deadline=$(( $(date +%s) + ${SHIPGATE_TIMEOUT_SECONDS:-600} ))
  while :; do
    call POST "/api/pipelines/$SHIPGATE_PIPELINE/gate?wait=${SHIPGATE_WAIT:-PT60S}" \
      "{\"imageDigest\":$(json_string "$SHIPGATE_IMAGE_DIGEST")}" \
      "Idempotency-Key: $(json_string "$SHIPGATE_IDEMPOTENCY_KEY")"
    case "$STATUS" in
      200|201) id=$(printf '%s' "$BODY_OUT" | field deploymentId)
               [ -n "$id" ] || fail "the gate's answer names no deploymentId"
               echo "shipgate: allowed: deployment $id" >&2; echo "$id"; exit 0;;
      202) [ "$(date +%s)" -lt "$deadline" ] || { echo "shipgate: still undecided, giving up" >&2; exit 4; };;
      404) [ "$(printf '%s' "$BODY_OUT" | field reason)" = UNKNOWN_IMAGE ] || refused
           # an image reported a moment ago may not have reached deploy-service yet
           [ "$(date +%s)" -lt "$deadline" ] || refused; sleep 2;;
      4*) refused;;
      *) sleep 5; [ "$(date +%s)" -lt "$deadline" ] || fail "the gate kept answering $STATUS";;
    esac
  done
}

report() {
  [ $# -ge 2 ] || fail "usage: shipgate-gate.sh report STATUS MESSAGE [LINK]"
  id=${SHIPGATE_DEPLOYMENT_ID:-}
  if [ -z "$id" ]; then
    call GET "/api/pipelines/$SHIPGATE_PIPELINE/deployments?size=1&q=$SHIPGATE_IMAGE_DIGEST"
    id=$(printf '%s' "$BODY_OUT" | field id)
    [ -n "$id" ] || fail "no deployment of $SHIPGATE_IMAGE_DIGEST on $SHIPGATE_PIPELINE"
  fi
  body="{\"status\":$(json_string "$1"),\"message\":$(json_string "$2")${3:+,\"link\":$(json_string "$3")}}"
  call POST "/api/deployments/$id/status" "$body"
  case "$STATUS" in
    200) echo "shipgate: deployment $id is $(printf '%s' "$BODY_OUT" | field status)" >&2;;
    409) [ "$(printf '%s' "$BODY_OUT" | field reason)" = DEPLOYMENT_FINISHED ] || refused
         echo "shipgate: deployment $id has ended already; nothing recorded" >&2;;
    *) refused;;
  esac
}

need SHIPGATE_URL; need SHIPGATE_TOKEN; need SHIPGATE_PIPELINE; need SHIPGATE_IMAGE_DIGEST
command=${1:-}; [ $# -gt 0 ] && shift
case "$command" in
  gate) gate;;
  report) report "$@";;
  *) fail "usage: shipgate-gate.sh gate | report STATUS MESSAGE [LINK]";;
esac
