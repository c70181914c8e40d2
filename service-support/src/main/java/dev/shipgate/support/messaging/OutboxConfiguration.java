package dev.shipgate.support.messaging;

import dev.shipgate.support.web.ServiceName;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/** The outbox relay over the collections a service lists in {@code shipgate.outbox.collections}. */
@AutoConfiguration(after = KafkaMessagingConfiguration.class)
@EnableConfigurationProperties({OutboxSettings.class, ServiceName.class})
public class OutboxConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    public OutboxRelay outboxRelay(MongoTemplate mongo, EventPublisher publisher, OutboxSettings settings) {
        return new OutboxRelay(mongo, publisher, settings.collections(), settings.retryMillis(),
                settings.sweepMillis());
    }

    @Bean
    public AggregateStore aggregateStore(MongoTemplate mongo, Outbox outbox) {
        return new AggregateStore(mongo, outbox);
    }

    @Bean
    public Outbox outbox(ServiceName service, Clock clock, ObjectProvider<Tracer> tracer, OutboxRelay relay) {
        return new Outbox(service.name(), clock, tracer.getIfAvailable(), relay);
    }
}
