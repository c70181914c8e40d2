package dev.shipgate.gateway;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

import java.util.List;

/**
 * The instances whose last health check passed, or every instance of the service when none did. Spring Cloud
 * LoadBalancer's health-checked list is empty after a round in which no instance answered in time (its
 * {@code update-results-list} default), which would turn one late answer of a busy single instance into 503s for
 * every call until the next round; calling them all instead costs nothing when they are really down (the connection
 * is refused at once and the gateway answers its 503 problem) and keeps a slow one in service. The health-checked
 * delegate's own start and stop (its checks) go through {@link DelegatingServiceInstanceListSupplier}.
 */
final class AllWhenNoneHealthy extends DelegatingServiceInstanceListSupplier {

    private final ServiceInstanceListSupplier every;

    /**
     * @param healthy the instances as health-checked
     * @param every   every instance discovered, checked or not
     */
    AllWhenNoneHealthy(ServiceInstanceListSupplier healthy, ServiceInstanceListSupplier every) {
        super(healthy);
        this.every = every;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        // every instance first: the discovered list is there at once, and each round of checks then combines with it
        return Flux.combineLatest(every.get(), getDelegate().get(),
                (all, healthy) -> healthy.isEmpty() ? all : healthy);
    }
}
