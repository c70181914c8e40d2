package dev.shipgate.runtime;

import dev.shipgate.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what on Shipgate's Kafka topics: one principal per service, {@code ci} (publishes images) and
 * {@code reader} (other teams, read-only), and the topics the broker admin creates. The single source of the ACLs
 * that {@link KafkaBrokerMain} puts in place and that {@code deploy/kafka/setup.sh} holds for production
 * ({@code KafkaAccessScriptTest} keeps the two equal).
 *
 * <p>Rules (DESIGN.md, "Trust boundary"): only a topic's owner writes it; only its consumers read it, plus the
 * read-only principals on the public event topics; {@code <topic>.dlt} is written only by the services that consume
 * {@code <topic>} (they park there what they cannot read) and read by approval-service (the dead-letter admin).
 * Consumer groups: each service joins only groups named {@code <service>...}, a read-only principal only
 * {@code <principal>-...} (so nobody can join a service's group and take its partitions). No principal may create
 * topics: the admin makes them all at start (auto-creation is off), so the topic set and its settings are reviewed in
 * one place and nobody can squat a topic name a service will later read.
 */
public final class KafkaAccess {

    /** The broker's own principal (inter-broker and controller links, and the setup); the only super user. */
    public static final String ADMIN = "admin";
    public static final String APPROVAL = "approval-service";
    public static final String DEPLOY = "deploy-service";
    public static final String NOTIFICATION = "notification-service";
    /** CI publishing {@code ImageBuilt}. */
    public static final String CI = "ci";
    /** Other teams: read-only on the public event topics. */
    public static final String READER = "reader";

    public static final List<String> SERVICES = List.of(APPROVAL, DEPLOY, NOTIFICATION);
    /** Every client principal (not the admin), each with its own SCRAM credential. */
    public static final List<String> CLIENTS = List.of(APPROVAL, DEPLOY, NOTIFICATION, CI, READER);
    public static final List<String> READ_ONLY = List.of(READER);

    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    /**
     * The partitions of every topic but the revocation feed (one, read whole by every instance): as many consumers of
     * one group as this share a topic's events. Also the broker's default ({@link KafkaBrokerMain}).
     */
    public static final int PARTITIONS = 3;

    /** A topic: who writes it, which services consume it, whether other teams may read it. */
    public record TopicAccess(String topic, int partitions, boolean compacted, Set<String> writers,
                              Set<String> consumers, boolean publicEvents) {
    }

    private static final Map<String, TopicAccess> TOPICS = new LinkedHashMap<>();

    static {
        // approval-service writes images too: it republishes the images CI reports through its webhook
        add(Topics.IMAGES, PARTITIONS, false, Set.of(CI, APPROVAL), Set.of(APPROVAL, DEPLOY), true);
        add(Topics.APPROVALS, PARTITIONS, false, Set.of(APPROVAL), Set.of(DEPLOY, NOTIFICATION), true);
        add(Topics.DEPLOY_DECISIONS, PARTITIONS, false, Set.of(APPROVAL), Set.of(DEPLOY), false);
        // approval-service reads its own access topic to judge again the requests a changed user voted on
        add(Topics.ACCESS, PARTITIONS, true, Set.of(APPROVAL), Set.of(APPROVAL, DEPLOY, NOTIFICATION), false);
        add(Topics.TOKEN_REVOCATIONS, 1, true, Set.of(APPROVAL), Set.of(APPROVAL, DEPLOY, NOTIFICATION), false);
        add(Topics.DEPLOYMENTS, PARTITIONS, false, Set.of(DEPLOY), Set.of(APPROVAL, NOTIFICATION), true);
        add(Topics.PIPELINES, PARTITIONS, true, Set.of(DEPLOY), Set.of(APPROVAL, NOTIFICATION), true);
        add(Topics.NOTIFICATIONS, PARTITIONS, false, Set.of(NOTIFICATION), Set.of(), true);
    }

    private static void add(String topic, int partitions, boolean compacted, Set<String> writers,
                            Set<String> consumers, boolean publicEvents) {
        TOPICS.put(topic, new TopicAccess(topic, partitions, compacted, writers, consumers, publicEvents));
        if (!consumers.isEmpty()) {
            // the consumers park what they cannot read here; approval-service's dead-letter admin reads it
            String deadLetters = Topics.deadLetterOf(topic);
            TOPICS.put(deadLetters, new TopicAccess(deadLetters, PARTITIONS, false, consumers, Set.of(APPROVAL),
                    false));
        }
    }

    private KafkaAccess() {
    }

    /** Every topic, dead-letter topics included, in a stable order. */
    public static List<TopicAccess> topics() {
        return List.copyOf(TOPICS.values());
    }

    public static TopicAccess of(String topic) {
        TopicAccess access = TOPICS.get(topic);
        if (access == null) {
            throw new IllegalArgumentException("not a Shipgate topic: " + topic);
        }
        return access;
    }

    /** The principal a test should play to publish on {@code topic} as its real producer does (CI for images). */
    public static String ownerOf(String topic) {
        TopicAccess access = of(topic);
        return access.writers().contains(CI) ? CI : access.writers().stream().sorted().findFirst().orElseThrow();
    }

    public static List<NewTopic> newTopics() {
        return topics().stream().map(t -> {
            NewTopic topic = new NewTopic(t.topic(), t.partitions(), (short) 1);
            return t.compacted() ? topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_COMPACT)) : topic;
        }).toList();
    }

    /** Every ACL: literal topic names, group prefixes; all ALLOW (what is not allowed is denied). */
    public static List<AclBinding> bindings() {
        List<AclBinding> bindings = new ArrayList<>();
        for (TopicAccess t : topics()) {
            ResourcePattern topic = new ResourcePattern(ResourceType.TOPIC, t.topic(), PatternType.LITERAL);
            t.writers().stream().sorted().forEach(w -> bindings.add(allow(topic, w, AclOperation.WRITE)));
            t.consumers().stream().sorted().forEach(c -> bindings.add(allow(topic, c, AclOperation.READ)));
            if (t.publicEvents()) {
                READ_ONLY.forEach(r -> bindings.add(allow(topic, r, AclOperation.READ)));
            }
        }
        for (String service : SERVICES) {
            bindings.add(allow(new ResourcePattern(ResourceType.GROUP, service, PatternType.PREFIXED), service,
                    AclOperation.READ));
        }
        for (String reader : READ_ONLY) {
            bindings.add(allow(new ResourcePattern(ResourceType.GROUP, reader + "-", PatternType.PREFIXED), reader,
                    AclOperation.READ));
        }
        return bindings;
    }

    /**
     * The same users, topics and ACLs as a shell script over Kafka's own command-line tools, for a broker run by
     * a platform (docker-compose.yml, Kubernetes): {@code deploy/kafka/setup.sh}. Needs {@code BOOTSTRAP},
     * {@code ADMIN_CONFIG} (a client properties file that logs in as the broker admin) and one
     * {@code KAFKA_PASSWORD_<PRINCIPAL>} per client principal; {@code REPLICATION_FACTOR} defaults to 3.
     */
    public static String setupScript() {
        StringBuilder out = new StringBuilder();
        out.append("#!/usr/bin/env bash\n")
                .append("# Kafka users, topics and ACLs of Shipgate, for a broker run by a platform "
                        + "(docker-compose.yml,\n")
                .append("# Kubernetes). Generated from dev.shipgate.runtime.KafkaAccess (KafkaAccessScriptTest keeps\n")
                .append("# the two equal; regenerate with: "
                        + "java -cp <local-runtime classpath> dev.shipgate.runtime.KafkaAccess)\n")
                .append("# Needs BOOTSTRAP, ADMIN_CONFIG (client properties logging in as the broker admin) and\n")
                .append("# KAFKA_PASSWORD_<PRINCIPAL> per principal. Idempotent: run it again to rotate a password.\n")
                .append("set -euo pipefail\n")
                .append(": \"${BOOTSTRAP:?}\" \"${ADMIN_CONFIG:?}\"\n")
                .append("BIN=\"${KAFKA_BIN:-/opt/kafka/bin}\"\n")
                .append("admin=(--bootstrap-server \"$BOOTSTRAP\" --command-config \"$ADMIN_CONFIG\")\n")
                .append("user() { local var=\"KAFKA_PASSWORD_${1//-/_}\"; var=\"${var^^}\"\n")
                .append("  \"$BIN/kafka-configs.sh\" \"${admin[@]}\" --alter --entity-type users "
                        + "--entity-name \"$1\" \\\n")
                .append("    --add-config \"" + SCRAM_MECHANISM + "=[password=${!var:?set $var}]\" > /dev/null; }\n")
                .append("topic() { \"$BIN/kafka-topics.sh\" \"${admin[@]}\" --create --if-not-exists --topic \"$1\" "
                        + "--partitions \"$2\" \\\n")
                .append("    --replication-factor \"${REPLICATION_FACTOR:-3}\" \"${@:3}\"; }\n")
                .append("acl() { \"$BIN/kafka-acls.sh\" \"${admin[@]}\" --add --allow-principal \"User:$1\" "
                        + "--operation \"$2\" \"${@:3}\" > /dev/null; }\n\n");
        CLIENTS.forEach(user -> out.append("user ").append(user).append('\n'));
        out.append('\n');
        for (TopicAccess t : topics()) {
            out.append("topic ").append(t.topic()).append(' ').append(t.partitions())
                    .append(t.compacted() ? " --config cleanup.policy=compact" : "").append('\n');
        }
        out.append('\n');
        for (AclBinding binding : bindings()) {
            ResourcePattern resource = binding.pattern();
            String operation = binding.entry().operation() == AclOperation.WRITE ? "Write" : "Read";
            out.append("acl ").append(binding.entry().principal().substring("User:".length())).append(' ')
                    .append(operation).append(resource.resourceType() == ResourceType.TOPIC ? " --topic " : " --group ")
                    .append(resource.name())
                    .append(resource.patternType() == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "")
                    .append('\n');
        }
        out.append("echo \"Shipgate's Kafka users, topics and ACLs are in place\"\n");
        return out.toString();
    }

    /** Prints {@link #setupScript()}. */
    public static void main(String[] args) {
        System.out.print(setupScript());
    }

    static String principal(String user) {
        return "User:" + user;
    }

    private static AclBinding allow(ResourcePattern resource, String user, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry(principal(user), "*", operation,
                AclPermissionType.ALLOW));
    }
}
