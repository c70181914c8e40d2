package dev.shipgate.gateway;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Each service's load-balancer client (a child context per service, hence no {@code @Configuration} and outside the
 * component scan's reach as a plain class): the instances of the static list whose liveness check passed
 * ({@code spring.cloud.loadbalancer.health-check.*}, through the {@code RestClient} of
 * {@link ServiceInstancesConfiguration}), or all of them when none did ({@link AllWhenNoneHealthy}).
 */
class InstanceChecks {

    @Bean
    ServiceInstanceListSupplier checkedInstances(ConfigurableApplicationContext context) {
        ServiceInstanceListSupplier every = ServiceInstanceListSupplier.builder().withBlockingDiscoveryClient()
                .build(context);
        ServiceInstanceListSupplier healthy = ServiceInstanceListSupplier.builder().withBlockingDiscoveryClient()
                .withBlockingRestClientHealthChecks().build(context);
        return new AllWhenNoneHealthy(healthy, every);
    }
}
