package dev.shipgate.notification.delivery.application;

import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.contracts.events.PipelineImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Which deployment statuses make mail: the start, the success and every failure; the contract says which fail. */
class DeploymentMailRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"PROGRESSING", "HEALTHY", "FAILED", "DEGRADED", "TIMED_OUT", "REJECTED"})
    void a_start_a_success_or_a_failure_makes_mail(String status) {
        assertThat(MessageComposer.mayMail(changedTo(status))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"REQUESTED", "AUTHORIZED", "SUPERSEDED", "SOMETHING_NEW"})
    void the_other_statuses_make_none(String status) {
        assertThat(MessageComposer.mayMail(changedTo(status))).isFalse();
    }

    private static DeploymentStatusChanged changedTo(String status) {
        return new DeploymentStatusChanged("dep-1", new PipelineImage("payments-prod", "payments", "prod",
                "sha256:0123456789ab", "1.0.0"), "alice", status, "", Instant.EPOCH);
    }
}
