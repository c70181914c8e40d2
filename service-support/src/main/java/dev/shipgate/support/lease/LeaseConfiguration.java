package dev.shipgate.support.lease;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** This process's {@link InstanceId} and the {@link LeaseSettings}, for services that split work between instances. */
@AutoConfiguration
@EnableConfigurationProperties(LeaseSettings.class)
public class LeaseConfiguration {

    @Bean
    public InstanceId instanceId(@Value("${spring.application.name}") String serviceName,
                                 @Value("${HOSTNAME:}") String hostname) {
        return InstanceId.of(serviceName, hostname);
    }
}
