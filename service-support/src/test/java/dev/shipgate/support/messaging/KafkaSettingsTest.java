package dev.shipgate.support.messaging;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service's broker address and login: the {@code KAFKA_*} variables reach {@code shipgate.kafka.*} through
 * {@link MessagingDefaults}, unset ones take {@link KafkaSettings}' defaults, and the connection, the binder's
 * settings and its JAAS line all come from that one binding.
 */
class KafkaSettingsTest {

    @Test
    void the_kafka_variables_make_the_connection_and_the_binders_login() {
        MockEnvironment environment = withDefaults(new MockEnvironment()
                .withProperty("KAFKA_BOOTSTRAP_SERVERS", "broker-1:9093,broker-2:9093")
                .withProperty("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .withProperty("KAFKA_SASL_USERNAME", "deploy-service")
                .withProperty("KAFKA_SASL_PASSWORD", "pa\"ss"));

        KafkaConnection connection = KafkaConnection.of(environment);

        assertThat(connection.bootstrapServers()).isEqualTo("broker-1:9093,broker-2:9093");
        assertThat(connection.securityProtocol()).isEqualTo("SASL_SSL");
        assertThat(connection.saslMechanism()).isEqualTo(KafkaSettings.DEFAULT_SASL_MECHANISM);
        String binder = "spring.cloud.stream.kafka.binder.";
        assertThat(environment.getProperty(binder + "brokers")).isEqualTo("broker-1:9093,broker-2:9093");
        assertThat(environment.getProperty(binder + "configuration.security.protocol")).isEqualTo("SASL_SSL");
        assertThat(environment.getProperty(binder + "configuration." + SaslConfigs.SASL_JAAS_CONFIG))
                .isEqualTo(connection.clientProperties().get(SaslConfigs.SASL_JAAS_CONFIG))
                .contains("username=\"deploy-service\"", "password=\"pa\\\"ss\"");
    }

    @Test
    void unset_variables_take_the_defaults_once_written() {
        MockEnvironment environment = withDefaults(new MockEnvironment()
                .withProperty("shipgate.kafka.username", "approval-service")
                .withProperty("shipgate.kafka.password", "secret"));

        KafkaConnection connection = KafkaConnection.of(environment);

        assertThat(connection.clientProperties())
                .containsEntry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, KafkaSettings.DEFAULT_BOOTSTRAP_SERVERS)
                .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, KafkaSettings.DEFAULT_SECURITY_PROTOCOL)
                .containsEntry(SaslConfigs.SASL_MECHANISM, KafkaSettings.DEFAULT_SASL_MECHANISM);
        assertThat(KafkaConnection.of(new MockEnvironment().withProperty("shipgate.kafka.security-protocol",
                "PLAINTEXT")).bootstrapServers()).isEqualTo(KafkaSettings.DEFAULT_BOOTSTRAP_SERVERS);
    }

    @Test
    void a_sasl_protocol_without_a_login_stops_the_start_naming_the_variables() {
        assertThatThrownBy(() -> KafkaConnection.of(withDefaults(new MockEnvironment())))
                .hasMessageContaining("SASL_PLAINTEXT needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD");
    }

    private static MockEnvironment withDefaults(MockEnvironment environment) {
        new MessagingDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
