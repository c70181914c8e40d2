package dev.shipgate.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A round of health checks that nobody passed leaves every instance in service (a busy single instance answering
 * late is not cut off); otherwise only those that passed are called.
 */
class AllWhenNoneHealthyTest {

    private static final ServiceInstance FIRST = instance("first", 8081);
    private static final ServiceInstance SECOND = instance("second", 8082);

    @Test
    void every_instance_while_none_passed_its_check_and_only_the_healthy_ones_once_some_did() {
        ServiceInstanceListSupplier healthy = supplier(Flux.just(List.of(), List.of(SECOND), List.of()));
        ServiceInstanceListSupplier every = supplier(Flux.just(List.of(FIRST, SECOND)));

        List<List<ServiceInstance>> rounds = new AllWhenNoneHealthy(healthy, every).get().collectList().block();

        assertThat(rounds).containsExactly(List.of(FIRST, SECOND), List.of(SECOND), List.of(FIRST, SECOND));
    }

    private static ServiceInstance instance(String id, int port) {
        return new DefaultServiceInstance(id, "deploy-service", "127.0.0.1", port, false);
    }

    private static ServiceInstanceListSupplier supplier(Flux<List<ServiceInstance>> lists) {
        return new ServiceInstanceListSupplier() {
            @Override
            public String getServiceId() {
                return "deploy-service";
            }

            @Override
            public Flux<List<ServiceInstance>> get() {
                return lists;
            }
        };
    }
}
