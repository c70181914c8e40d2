package dev.shipgate.deploy.deployment.domain;

import dev.shipgate.contracts.events.DeploymentStatusChanged;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy-service's statuses are the published ones, in the same order, with the same meaning. */
class DeploymentStatusTest {

    @Test
    void the_statuses_are_the_published_ones() {
        assertThat(Arrays.stream(DeploymentStatus.values()).map(Enum::name).toList())
                .isEqualTo(Arrays.stream(DeploymentStatusChanged.Status.values()).map(Enum::name).toList());
    }
}
