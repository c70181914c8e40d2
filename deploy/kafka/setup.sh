#!/usr/bin/env bash
# Kafka users, topics and ACLs of Shipgate, for a broker run by a platform (docker-compose.yml,
# Kubernetes). Generated from dev.shipgate.runtime.KafkaAccess (KafkaAccessScriptTest keeps
# the two equal; regenerate with: java -cp <local-runtime classpath> dev.shipgate.runtime.KafkaAccess)
# Needs BOOTSTRAP, ADMIN_CONFIG (client properties logging in as the broker admin) and
# KAFKA_PASSWORD_<PRINCIPAL> per principal. Idempotent: run it again to rotate a password.
set -euo pipefail
: "${BOOTSTRAP:?}" "${ADMIN_CONFIG:?}"
BIN="${KAFKA_BIN:-/opt/kafka/bin}"
admin=(--bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONFIG")
user() { local var="KAFKA_PASSWORD_${1//-/_}"; var="${var^^}"
  "$BIN/kafka-configs.sh" "${admin[@]}" --alter --entity-type users --entity-name "$1" \
    --add-config "SCRAM-SHA-512=[password=${!var:?set $var}]" > /dev/null; }
topic() { "$BIN/kafka-topics.sh" "${admin[@]}" --create --if-not-exists --topic "$1" --partitions "$2" \
    --replication-factor "${REPLICATION_FACTOR:-3}" "${@:3}"; }
acl() { "$BIN/kafka-acls.sh" "${admin[@]}" --add --allow-principal "User:$1" --operation "$2" "${@:3}" > /dev/null; }

user approval-service
user deploy-service
user notification-service
user ci
user reader

topic shipgate.images.v1 3
topic shipgate.images.v1.dlt 3
topic shipgate.approvals.v1 3
topic shipgate.approvals.v1.dlt 3
topic shipgate.deploy-decisions.v1 3
topic shipgate.deploy-decisions.v1.dlt 3
topic shipgate.access.v1 3 --config cleanup.policy=compact
topic shipgate.access.v1.dlt 3
topic shipgate.token-revocations.v1 1 --config cleanup.policy=compact
topic shipgate.token-revocations.v1.dlt 3
topic shipgate.deployments.v1 3
topic shipgate.deployments.v1.dlt 3
topic shipgate.pipelines.v1 3 --config cleanup.policy=compact
topic shipgate.pipelines.v1.dlt 3
topic shipgate.notifications.v1 3

acl approval-service Write --topic shipgate.images.v1
acl ci Write --topic shipgate.images.v1
acl approval-service Read --topic shipgate.images.v1
acl deploy-service Read --topic shipgate.images.v1
acl reader Read --topic shipgate.images.v1
acl approval-service Write --topic shipgate.images.v1.dlt
acl deploy-service Write --topic shipgate.images.v1.dlt
acl approval-service Read --topic shipgate.images.v1.dlt
acl approval-service Write --topic shipgate.approvals.v1
acl deploy-service Read --topic shipgate.approvals.v1
acl notification-service Read --topic shipgate.approvals.v1
acl reader Read --topic shipgate.approvals.v1
acl deploy-service Write --topic shipgate.approvals.v1.dlt
acl notification-service Write --topic shipgate.approvals.v1.dlt
acl approval-service Read --topic shipgate.approvals.v1.dlt
acl approval-service Write --topic shipgate.deploy-decisions.v1
acl deploy-service Read --topic shipgate.deploy-decisions.v1
acl deploy-service Write --topic shipgate.deploy-decisions.v1.dlt
acl approval-service Read --topic shipgate.deploy-decisions.v1.dlt
acl approval-service Write --topic shipgate.access.v1
acl approval-service Read --topic shipgate.access.v1
acl deploy-service Read --topic shipgate.access.v1
acl notification-service Read --topic shipgate.access.v1
acl approval-service Write --topic shipgate.access.v1.dlt
acl deploy-service Write --topic shipgate.access.v1.dlt
acl notification-service Write --topic shipgate.access.v1.dlt
acl approval-service Read --topic shipgate.access.v1.dlt
acl approval-service Write --topic shipgate.token-revocations.v1
acl approval-service Read --topic shipgate.token-revocations.v1
acl deploy-service Read --topic shipgate.token-revocations.v1
acl notification-service Read --topic shipgate.token-revocations.v1
acl approval-service Write --topic shipgate.token-revocations.v1.dlt
acl deploy-service Write --topic shipgate.token-revocations.v1.dlt
acl notification-service Write --topic shipgate.token-revocations.v1.dlt
acl approval-service Read --topic shipgate.token-revocations.v1.dlt
acl deploy-service Write --topic shipgate.deployments.v1
acl approval-service Read --topic shipgate.deployments.v1
acl notification-service Read --topic shipgate.deployments.v1
acl reader Read --topic shipgate.deployments.v1
acl approval-service Write --topic shipgate.deployments.v1.dlt
acl notification-service Write --topic shipgate.deployments.v1.dlt
acl approval-service Read --topic shipgate.deployments.v1.dlt
acl deploy-service Write --topic shipgate.pipelines.v1
acl approval-service Read --topic shipgate.pipelines.v1
acl notification-service Read --topic shipgate.pipelines.v1
acl reader Read --topic shipgate.pipelines.v1
acl approval-service Write --topic shipgate.pipelines.v1.dlt
acl notification-service Write --topic shipgate.pipelines.v1.dlt
acl approval-service Read --topic shipgate.pipelines.v1.dlt
acl notification-service Write --topic shipgate.notifications.v1
acl reader Read --topic shipgate.notifications.v1
acl approval-service Read --group approval-service --resource-pattern-type prefixed
acl deploy-service Read --group deploy-service --resource-pattern-type prefixed
acl notification-service Read --group notification-service --resource-pattern-type prefixed
acl reader Read --group reader- --resource-pattern-type prefixed
echo "Shipgate's Kafka users, topics and ACLs are in place"
