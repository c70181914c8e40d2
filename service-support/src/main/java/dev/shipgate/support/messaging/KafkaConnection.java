package dev.shipgate.support.messaging;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import java.util.HashMap;
import java.util.Map;

/**
 * How a service reaches the broker and who it is there: the bootstrap address ({@code spring.kafka.bootstrap-servers},
 * from {@code KAFKA_BOOTSTRAP_SERVERS}) and the login of {@link KafkaSettings} ({@code shipgate.kafka.*}): the
 * security protocol, the SASL mechanism and the service's own principal and password; {@link #of(Environment)} binds
 * them. Every Kafka client of a service starts from
 * {@link #clientProperties()}: the binder's (bindings, dead letters, its admin and metrics) through
 * {@link MessagingDefaults}, the others (health, dead-letter admin) directly.
 *
 * @throws IllegalArgumentException when a SASL protocol is chosen without a user name and password
 */
public record KafkaConnection(String bootstrapServers, String securityProtocol, String saslMechanism,
                              String username, String password) {

    public KafkaConnection {
        if (securityProtocol.startsWith("SASL") && (isBlank(username) || isBlank(password))) {
            throw new IllegalArgumentException("Kafka security protocol " + securityProtocol
                    + " needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (the service's own principal)");
        }
    }

    /**
     * The connection the environment describes: {@code spring.kafka.bootstrap-servers} (default
     * {@value KafkaSettings#DEFAULT_BOOTSTRAP_SERVERS}) and {@code shipgate.kafka.*} bound as {@link KafkaSettings}.
     *
     * @throws IllegalArgumentException when a SASL protocol is chosen without a user name and password
     */
    public static KafkaConnection of(Environment environment) {
        Binder binder = Binder.get(environment);
        String bootstrap = binder.bind("spring.kafka.bootstrap-servers", String.class)
                .orElse(KafkaSettings.DEFAULT_BOOTSTRAP_SERVERS);
        KafkaSettings login = binder.bindOrCreate("shipgate.kafka", KafkaSettings.class);
        return new KafkaConnection(bootstrap, login.securityProtocol(), login.saslMechanism(), login.username(),
                login.password());
    }

    /** An open connection, without authentication: a baseline broker or a test of refusal only. */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, "PLAINTEXT", "", "", "");
    }

    /** A fresh, mutable map: bootstrap servers, security protocol and, with SASL, the mechanism and JAAS login. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        if (securityProtocol.startsWith("SASL")) {
            config.put(SaslConfigs.SASL_MECHANISM, saslMechanism);
            String module = saslMechanism.startsWith("SCRAM")
                    ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                    : "org.apache.kafka.common.security.plain.PlainLoginModule";
            config.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\"" + quoted(username)
                    + "\" password=\"" + quoted(password) + "\";");
        }
        return config;
    }

    @Override
    public String toString() { // never the password
        return "KafkaConnection[" + bootstrapServers + ", " + securityProtocol + ", " + saslMechanism + ", user "
                + username + "]";
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
