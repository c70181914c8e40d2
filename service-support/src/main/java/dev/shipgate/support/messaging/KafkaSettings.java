package dev.shipgate.support.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's login on the broker ({@code shipgate.kafka.*}; {@link MessagingDefaults} fills them from
 * {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_USERNAME} and
 * {@code KAFKA_SASL_PASSWORD}); with the bootstrap address they make the {@link KafkaConnection}, which checks them at
 * start.
 *
 * @param securityProtocol {@code KAFKA_SECURITY_PROTOCOL}: {@code SASL_PLAINTEXT} (default), {@code SASL_SSL} in
 *                         production, {@code PLAINTEXT} only for an open broker
 * @param saslMechanism    {@code KAFKA_SASL_MECHANISM}: default {@code SCRAM-SHA-512}, what the broker admin sets up
 * @param username         {@code KAFKA_SASL_USERNAME}: the service's own principal; required with a SASL protocol
 * @param password         {@code KAFKA_SASL_PASSWORD}: its password; required with a SASL protocol, never logged
 */
@ConfigurationProperties("shipgate.kafka")
public record KafkaSettings(@DefaultValue(DEFAULT_SECURITY_PROTOCOL) String securityProtocol,
                            @DefaultValue(DEFAULT_SASL_MECHANISM) String saslMechanism,
                            @DefaultValue("") String username, @DefaultValue("") String password) {

    public static final String DEFAULT_SECURITY_PROTOCOL = "SASL_PLAINTEXT";
    public static final String DEFAULT_SASL_MECHANISM = "SCRAM-SHA-512";
    /** {@code spring.kafka.bootstrap-servers} when neither it nor {@code KAFKA_BOOTSTRAP_SERVERS} is set. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

    @Override
    public String toString() { // never the password
        return "KafkaSettings[" + securityProtocol + ", " + saslMechanism + ", user " + username + "]";
    }
}
