package dev.shipgate.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the instances of each service are: a static list per service, {@code shipgate.instances.<service>} = base
 * URLs separated by commas (from {@code APPROVAL_SERVICE_URLS}, or the one {@code APPROVAL_SERVICE_URL}, and so on;
 * see application.yml). The routes name a service ({@code lb://approval-service}); Spring Cloud LoadBalancer picks
 * an instance per call, round robin, among those whose {@code /actuator/health/liveness} answered 2xx at the last
 * check, or among all of them when none did ({@link InstanceChecks}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceInstancesConfiguration.Instances.class)
@LoadBalancerClients(defaultConfiguration = InstanceChecks.class)
class ServiceInstancesConfiguration {

    /** A health check that takes longer than this counts as a failed one. */
    static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(1);

    /**
     * The instances of each service.
     *
     * @param instances service id to its instances' base URLs ({@code http://host:port}), in the order given
     */
    @ConfigurationProperties("shipgate")
    record Instances(Map<String, List<URI>> instances) {
        Instances {
            instances = instances == null ? Map.of() : Map.copyOf(instances);
        }
    }

    /** The static instance list SimpleDiscoveryClient serves to the load balancer. */
    @Bean
    SimpleDiscoveryProperties simpleDiscoveryProperties(Instances configured) {
        SimpleDiscoveryProperties discovery = new SimpleDiscoveryProperties();
        configured.instances().forEach((service, urls) -> {
            List<InstanceProperties> instances = new ArrayList<>();
            for (URI url : urls) {
                InstanceProperties instance = new InstanceProperties();
                instance.setServiceId(service);
                instance.setInstanceId(service + "@" + url.getAuthority());
                instance.setUri(url);
                instances.add(instance);
            }
            discovery.getInstances().put(service, instances);
        });
        return discovery;
    }

    /** The client the load balancer's health checks use (it looks for a RestClient bean); short timeouts. */
    @Bean
    RestClient instanceHealthCheckClient() {
        HttpClientSettings settings = HttpClientSettings.defaults()
                .withConnectTimeout(HEALTH_CHECK_TIMEOUT).withReadTimeout(HEALTH_CHECK_TIMEOUT);
        return RestClient.builder().requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings)).build();
    }
}
