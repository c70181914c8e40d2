package dev.shipgate.system;

import dev.shipgate.contracts.Topics;
import dev.shipgate.runtime.KafkaAccess;
import dev.shipgate.runtime.LocalInfra;
import dev.shipgate.runtime.SharedInfra;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The broker's trust boundary (issue 15, item 6), on the real broker with its ACLs: every topic as every principal.
 * The expected writers are written out here, not read from {@link KafkaAccess}, so a wrong policy fails this test.
 */
class KafkaAccessIT {

    private static final String APPROVAL = "approval-service";
    private static final String DEPLOY = "deploy-service";
    private static final String NOTIFICATION = "notification-service";
    private static final List<String> PRINCIPALS = List.of(APPROVAL, DEPLOY, NOTIFICATION, "ci", "reader");

    /** Who may write each topic (README, Security). */
    private static final Map<String, Set<String>> WRITERS = new LinkedHashMap<>();

    static {
        WRITERS.put(Topics.IMAGES, Set.of("ci", APPROVAL));
        WRITERS.put(Topics.APPROVALS, Set.of(APPROVAL));
        WRITERS.put(Topics.DEPLOY_DECISIONS, Set.of(APPROVAL));
        WRITERS.put(Topics.ACCESS, Set.of(APPROVAL));
        WRITERS.put(Topics.TOKEN_REVOCATIONS, Set.of(APPROVAL));
        WRITERS.put(Topics.DEPLOYMENTS, Set.of(DEPLOY));
        WRITERS.put(Topics.PIPELINES, Set.of(DEPLOY));
        WRITERS.put(Topics.NOTIFICATIONS, Set.of(NOTIFICATION));
        // a dead-letter topic: the services that consume the topic park there what they cannot read
        WRITERS.put(Topics.deadLetterOf(Topics.IMAGES), Set.of(APPROVAL, DEPLOY));
        WRITERS.put(Topics.deadLetterOf(Topics.APPROVALS), Set.of(DEPLOY, NOTIFICATION));
        WRITERS.put(Topics.deadLetterOf(Topics.DEPLOY_DECISIONS), Set.of(DEPLOY));
        WRITERS.put(Topics.deadLetterOf(Topics.ACCESS), Set.of(APPROVAL, DEPLOY, NOTIFICATION));
        WRITERS.put(Topics.deadLetterOf(Topics.TOKEN_REVOCATIONS), Set.of(APPROVAL, DEPLOY, NOTIFICATION));
        WRITERS.put(Topics.deadLetterOf(Topics.DEPLOYMENTS), Set.of(APPROVAL, NOTIFICATION));
        WRITERS.put(Topics.deadLetterOf(Topics.PIPELINES), Set.of(APPROVAL, NOTIFICATION));
    }

    /** Topics only Shipgate's own services read: other teams' read-only principals may not. */
    private static final List<String> INTERNAL = List.of(Topics.DEPLOY_DECISIONS, Topics.ACCESS,
            Topics.TOKEN_REVOCATIONS, Topics.deadLetterOf(Topics.DEPLOYMENTS));
    private static final List<String> PUBLIC = List.of(Topics.IMAGES, Topics.APPROVALS, Topics.DEPLOYMENTS,
            Topics.PIPELINES);

    private static final LocalInfra INFRA = SharedInfra.get();
    private static final Map<String, KafkaProducer<String, String>> PRODUCERS = new HashMap<>();

    @BeforeAll
    static void producers() {
        for (String principal : PRINCIPALS) {
            PRODUCERS.put(principal, producer(INFRA.kafkaClient(principal)));
        }
    }

    @AfterAll
    static void close() {
        PRODUCERS.values().forEach(KafkaProducer::close);
    }

    @Test
    void every_topic_is_written_by_its_owners_only() {
        List<String> wrong = new ArrayList<>();
        WRITERS.forEach((topic, writers) -> {
            for (String principal : PRINCIPALS) {
                Throwable refusal = send(PRODUCERS.get(principal), topic);
                if (writers.contains(principal) && refusal != null) {
                    wrong.add(principal + " could not write " + topic + ": " + refusal);
                } else if (!writers.contains(principal) && !(refusal instanceof TopicAuthorizationException denied
                        && denied.unauthorizedTopics().contains(topic))) {
                    wrong.add(principal + " was not refused on " + topic + ": " + refusal);
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void a_client_without_credentials_or_with_a_wrong_password_gets_nowhere() {
        Map<String, Object> anonymous = new HashMap<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                INFRA.kafkaBootstrap()));
        try (var producer = producer(anonymous)) {
            // the listener speaks SASL only: a plaintext client is cut off before any request, so it never learns
            // the topic's metadata
            assertThat(send(producer, Topics.DEPLOY_DECISIONS)).isInstanceOf(TimeoutException.class);
        }
        Map<String, Object> guessing = INFRA.kafkaClient(APPROVAL);
        guessing.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"approval-service\" password=\"guess\";");
        try (var producer = producer(guessing)) {
            assertThat(send(producer, Topics.DEPLOY_DECISIONS)).isInstanceOf(SaslAuthenticationException.class);
        }
        Map<String, Object> asAdmin = INFRA.kafkaClient(APPROVAL);
        asAdmin.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"admin\" password=\"" + INFRA.kafkaPassword(APPROVAL) + "\";");
        try (var producer = producer(asAdmin)) { // one principal's password is not another's
            assertThat(send(producer, Topics.DEPLOY_DECISIONS)).isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void a_read_only_principal_reads_the_public_topics_but_not_the_internal_ones() {
        for (String topic : PUBLIC) {
            assertThat(poll("reader", "reader-" + UUID.randomUUID(), topic)).as(topic).isNull();
        }
        for (String topic : INTERNAL) {
            assertThat(poll("reader", "reader-" + UUID.randomUUID(), topic)).as(topic)
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void a_service_reads_only_what_it_consumes_and_only_in_its_own_groups() {
        assertThat(poll(NOTIFICATION, NOTIFICATION + ".test-" + UUID.randomUUID(), Topics.DEPLOY_DECISIONS))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(poll("ci", "ci-" + UUID.randomUUID(), Topics.APPROVALS))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(poll(DEPLOY, DEPLOY + ".test-" + UUID.randomUUID(), Topics.DEPLOY_DECISIONS)).isNull();
        // joining another's group would take its partitions away from it
        assertThat(poll("reader", "deploy-service.approvals", Topics.APPROVALS))
                .isInstanceOf(GroupAuthorizationException.class);
        assertThat(poll(NOTIFICATION, "deploy-service.approvals", Topics.APPROVALS))
                .isInstanceOf(GroupAuthorizationException.class);
    }

    @Test
    void no_client_creates_a_topic() {
        for (String principal : PRINCIPALS) {
            try (Admin admin = Admin.create(INFRA.kafkaClient(principal))) {
                assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("shipgate.deploy-decisions.v2", 1,
                        (short) 1))).all().get(10, TimeUnit.SECONDS)).as(principal)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>(client);
        // no idempotence: the refusal is then the topic's own, not the missing right to an idempotent producer id
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 4_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 6_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** Null when the broker took the record, else the reason it did not. */
    private static Throwable send(KafkaProducer<String, String> producer, String topic) {
        Throwable failure = catchThrowable(() -> producer.send(new ProducerRecord<>(topic, "acl-test",
                "{\"forged\":true}")).get(10, TimeUnit.SECONDS));
        return failure instanceof ExecutionException ? failure.getCause() : failure;
    }

    /** Null when {@code principal} could read {@code topic} in {@code group}, else the reason it could not. */
    private static Throwable poll(String principal, String group, String topic) {
        Map<String, Object> config = INFRA.kafkaClient(principal);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200));
            }
            return consumer.assignment().isEmpty() ? new AssertionError("no partition of " + topic) : null;
        } catch (RuntimeException refused) {
            return refused;
        }
    }
}
