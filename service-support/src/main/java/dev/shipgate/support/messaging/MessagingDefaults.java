package dev.shipgate.support.messaging;

import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.UnreadableEventException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How every Shipgate service uses Spring Cloud Stream's Kafka binder, as the lowest-precedence defaults (a service's
 * application.yml or environment overrides any of them). A service's own application.yml names its functions
 * ({@code spring.cloud.function.definition}) and gives each input binding its topic and consumer group.
 * <ul>
 *   <li>The broker address and login of {@link KafkaConnection} ({@code spring.kafka.bootstrap-servers},
 *   {@code shipgate.kafka.*}) come from the {@code KAFKA_*} environment variables, with their defaults in
 *   {@link KafkaSettings}; they go to every client the binder makes
 *   (consumers, producers, dead-letter producers, admin, metrics): the JAAS line is made when the binder asks for it,
 *   from the properties in force then, and is never written to a file or log.</li>
 *   <li>Topics are never created nor grown by a service: the broker admin makes them all.</li>
 *   <li>Bodies and keys are raw bytes both ways (native encoding and decoding): the body is the CloudEvents JSON, the
 *   {@code ce_*} headers travel as raw bytes; only those, {@code content-type} and {@code traceparent} are
 *   written.</li>
 *   <li>Producers: acks=all, idempotent, synchronous (a send returns once the broker took the record).</li>
 *   <li>Consumers: a passing fault is tried again with backoff (200 ms doubling, 6 attempts, about 6 s); then, or at
 *   once for an {@link UnreadableEventException}, the binder parks the record on {@code <topic>.dlt}
 *   ({@link KafkaMessagingConfiguration#deadLetterTopics()}). A crashed instance's partitions move after 10 s.</li>
 *   <li>{@code tokenRevocations-in-0}: each instance is assigned every partition of the revocation topic and reads it
 *   from its beginning at every start.</li>
 * </ul>
 */
public class MessagingDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "shipgate-messaging-defaults";
    static final String JAAS_CONFIG = "shipgate.kafka.sasl-jaas-config";
    public static final String TOKEN_REVOCATIONS_BINDING = "tokenRevocations-in-0";
    /** How long a synchronous send waits for the broker, as long as the producer itself keeps trying (ms). */
    static final String SEND_TIMEOUT_MILLIS = "30000";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults()));
        environment.getPropertySources().addLast(new KafkaLogin(environment));
    }

    static Map<String, Object> defaults() {
        Map<String, Object> p = new LinkedHashMap<>();
        // where each service's broker address and login come from (KafkaConnection, KafkaSettings)
        p.put("spring.kafka.bootstrap-servers", "${KAFKA_BOOTSTRAP_SERVERS:" + KafkaSettings.DEFAULT_BOOTSTRAP_SERVERS
                + "}");
        p.put("shipgate.kafka.security-protocol", "${KAFKA_SECURITY_PROTOCOL:"
                + KafkaSettings.DEFAULT_SECURITY_PROTOCOL + "}");
        p.put("shipgate.kafka.sasl-mechanism", "${KAFKA_SASL_MECHANISM:" + KafkaSettings.DEFAULT_SASL_MECHANISM + "}");
        p.put("shipgate.kafka.username", "${KAFKA_SASL_USERNAME:}");
        p.put("shipgate.kafka.password", "${KAFKA_SASL_PASSWORD:}");
        String binder = "spring.cloud.stream.kafka.binder.";
        p.put(binder + "brokers", "${spring.kafka.bootstrap-servers}");
        p.put(binder + "auto-create-topics", "false");
        p.put(binder + "auto-add-partitions", "false");
        p.put(binder + "enable-observation", "true"); // trace context in the traceparent header, as before
        // The listener's observation continues the trace of a record's traceparent. The producer's must not touch
        // that header: it wrote the relay thread's context (a new trace each time, as the relay sends after the write
        // that caused the event) after the one the outbox stored with the event, and consumers read the last one.
        // Spring Cloud Function's and Spring Integration's observations add a span per invocation and per channel
        // that nothing reads, at a CPU cost per event.
        p.put("management.observations.enable.spring.kafka.template", "false");
        p.put("management.observations.enable.spring.cloud.function", "false");
        p.put("management.observations.enable.spring.integration", "false");
        p.put(binder + "required-acks", "all");
        // a refused login or a missing ACL is logged and tried again rather than stopping the binding for good
        p.put(binder + "authorization-exception-retry-interval", "5s");
        p.put(binder + "configuration.security.protocol", "${shipgate.kafka.security-protocol}");
        p.put(binder + "configuration." + SaslConfigs.SASL_MECHANISM, "${shipgate.kafka.sasl-mechanism}");
        p.put(binder + "configuration." + SaslConfigs.SASL_JAAS_CONFIG, "${" + JAAS_CONFIG + "}");
        // byte[] as the binder's default; named because with native decoding it parks a record only when the
        // dead-letter producer's serializers are set
        p.put(binder + "producer-properties.key.serializer", ByteArraySerializer.class.getName());
        p.put(binder + "producer-properties.value.serializer", ByteArraySerializer.class.getName());
        p.put(binder + "producer-properties.enable.idempotence", "true");
        p.put(binder + "producer-properties.linger.ms", "0");
        p.put(binder + "producer-properties.delivery.timeout.ms", SEND_TIMEOUT_MILLIS);
        p.put(binder + "producer-properties.request.timeout.ms", "10000");
        p.put(binder + "producer-properties.max.block.ms", "10000");
        p.put(binder + "consumer-properties.isolation.level", "read_committed");
        // a crashed instance's partitions move to the others after 10 s rather than the default 45 s
        p.put(binder + "consumer-properties.session.timeout.ms", "10000");
        p.put(binder + "consumer-properties.heartbeat.interval.ms", "3000");
        // An idle consumer's fetch waits on the broker up to this long, and is answered as soon as a record arrives
        // (fetch.min.bytes stays 1), so it adds no latency to events. At Kafka's 500 ms the fetches of the services'
        // 18 mostly idle consumers were the largest part of the idle system's CPU (the broker's 61 ms/s of 129).
        // Not longer: partitions newly assigned at a rebalance are fetched only once the waiting fetch returns.
        p.put(binder + "consumer-properties.fetch.max.wait.ms", "2000");

        String consumer = "spring.cloud.stream.default.consumer.";
        p.put(consumer + "use-native-decoding", "true");
        p.put(consumer + "max-attempts", "6");
        p.put(consumer + "back-off-initial-interval", "200");
        p.put(consumer + "back-off-multiplier", "2.0");
        p.put(consumer + "back-off-max-interval", "3200");
        p.put(consumer + "retryable-exceptions[" + UnreadableEventException.class.getName() + "]", "false");
        p.put("spring.cloud.stream.default.producer.use-native-encoding", "true");

        String kafkaConsumer = "spring.cloud.stream.kafka.default.consumer.";
        p.put(kafkaConsumer + "enable-dlq", "true");
        p.put(kafkaConsumer + "start-offset", "earliest");
        // Offsets are committed once a second rather than after every poll (ackTime: KafkaMessagingConfiguration):
        // each commit was a synchronous round trip and a write on the broker for nearly every event. After a crash
        // up to a second of events comes again, and consumers skip what they already applied (EventConsumer).
        p.put(kafkaConsumer + "ack-mode", "TIME");
        String kafkaProducer = "spring.cloud.stream.kafka.default.producer.";
        p.put(kafkaProducer + "sync", "true");
        p.put(kafkaProducer + "send-timeout-expression", SEND_TIMEOUT_MILLIS);
        p.put(kafkaProducer + "header-patterns", "ce_*,content-type,traceparent");

        String revocations = "spring.cloud.stream.bindings." + TOKEN_REVOCATIONS_BINDING + ".";
        p.put(revocations + "destination", Topics.TOKEN_REVOCATIONS);
        p.put(revocations + "group", "${spring.application.name}-token-revocations");
        p.put(revocations + "consumer.instance-count", "1");
        p.put(revocations + "consumer.instance-index", "0");
        String kafkaRevocations = "spring.cloud.stream.kafka.bindings." + TOKEN_REVOCATIONS_BINDING + ".consumer.";
        p.put(kafkaRevocations + "auto-rebalance-enabled", "false");
        p.put(kafkaRevocations + "reset-offsets", "true");

        // Spring Boot's Kafka beans (template, listener factory, admin) would be made without the broker login and
        // used by nothing: the binder makes its own clients
        p.put("spring.autoconfigure.exclude", "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration");
        // the binder's own health check would log in with the binder's settings too, but says less than ours
        p.put("management.health.binders.enabled", "false");
        return p;
    }

    /**
     * Answers {@value #JAAS_CONFIG} with the JAAS login line of {@link KafkaConnection}, made from the
     * {@code shipgate.kafka.*} properties in force when it is asked (tests add theirs after start-up processing).
     */
    static final class KafkaLogin extends PropertySource<Object> {

        // not the source: Boot walks into a source that is an environment, and this one holds this property source
        private final Environment environment;

        KafkaLogin(Environment environment) {
            super("shipgate-kafka-login", new Object());
            this.environment = environment;
        }

        @Override
        public Object getProperty(String name) {
            if (!JAAS_CONFIG.equals(name)) {
                return null;
            }
            Object line = KafkaConnection.of(environment).clientProperties().get(SaslConfigs.SASL_JAAS_CONFIG);
            return line == null ? "" : line;
        }
    }
}
