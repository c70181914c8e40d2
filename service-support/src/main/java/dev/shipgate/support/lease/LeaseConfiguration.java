package dev.shipgate.support.lease;

import dev.shipgate.support.web.ServiceName;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** This process's {@link InstanceId} and the {@link LeaseSettings}, for services that split work between instances. */
@AutoConfiguration
@EnableConfigurationProperties({LeaseSettings.class, ServiceName.class})
public class LeaseConfiguration {

    /**
     * The service's name and the host the platform gave this process: {@code HOSTNAME} is the environment variable
     * a container or pod has (not a Shipgate property, so read as it is; empty on a bare host).
     */
    @Bean
    public InstanceId instanceId(ServiceName service, Environment environment) {
        return InstanceId.of(service.name(), environment.getProperty("HOSTNAME", ""));
    }
}
