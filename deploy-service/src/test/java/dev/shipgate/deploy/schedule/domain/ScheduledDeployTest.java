package dev.shipgate.deploy.schedule.domain;

import dev.shipgate.contracts.events.DeploymentScheduleChanged;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.deploy.shared.domain.DeployRefusal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of a scheduled deployment (issue 18), each test naming one. */
class ScheduledDeployTest {

    static final Instant NOW = Instant.parse("2026-12-04T16:00:00Z");
    static final Instant RUN_AT = Instant.parse("2026-12-07T00:00:00Z");
    static final PipelineImage IMAGE = new PipelineImage("pl-1", "payments", "prod", "sha256:aa", "1.0");
    static final Duration LEASE = Duration.ofSeconds(15);

    static ScheduledDeploy pending() {
        return moved(ScheduledDeploy.schedule("sc-1", IMAGE, "alice", RUN_AT, null, NOW)).schedule();
    }

    static ScheduledDeploy.Moved moved(ScheduledDeploy.Result result) {
        assertThat(result).isInstanceOf(ScheduledDeploy.Moved.class);
        return (ScheduledDeploy.Moved) result;
    }

    static String refusal(ScheduledDeploy.Result result) {
        assertThat(result).isInstanceOf(ScheduledDeploy.Refused.class);
        return ((ScheduledDeploy.Refused) result).why().reason();
    }

    @Test
    void a_schedule_is_stored_pending_with_a_scheduled_event() {
        ScheduledDeploy.Moved created = moved(ScheduledDeploy.schedule("sc-1", IMAGE, "alice", RUN_AT, null, NOW));

        assertThat(created.schedule().status()).isEqualTo(ScheduleStatus.PENDING);
        DeploymentScheduleChanged event = created.event().orElseThrow();
        assertThat(event.status()).isEqualTo("SCHEDULED");
        assertThat(event.runAt()).isEqualTo(RUN_AT);
        assertThat(event.reason()).isNull();
    }

    @Test
    void a_schedule_must_run_after_now() {
        assertThat(refusal(ScheduledDeploy.schedule("sc-1", IMAGE, "alice", NOW, null, NOW)))
                .isEqualTo(DeployRefusal.INVALID_SCHEDULE_TIME.name());
        assertThat(refusal(ScheduledDeploy.schedule("sc-1", IMAGE, "alice", NOW.minusSeconds(1), null, NOW)))
                .isEqualTo(DeployRefusal.INVALID_SCHEDULE_TIME.name());
    }

    @Test
    void it_is_claimed_only_once_due_and_silently() {
        ScheduledDeploy schedule = pending();

        assertThat(refusal(schedule.claim(RUN_AT.minusMillis(1), LEASE)))
                .isEqualTo(DeployRefusal.SCHEDULE_NOT_DUE.name());
        ScheduledDeploy.Moved claimed = moved(schedule.claim(RUN_AT, LEASE));
        assertThat(claimed.schedule().status()).isEqualTo(ScheduleStatus.CLAIMED);
        assertThat(claimed.schedule().claimedUntil()).isEqualTo(RUN_AT.plus(LEASE));
        assertThat(claimed.event()).isEmpty();
    }

    @Test
    void a_claim_holds_until_it_runs_out_then_another_instance_may_claim_it_again() {
        ScheduledDeploy claimed = moved(pending().claim(RUN_AT, LEASE)).schedule();

        assertThat(claimed.isDue(RUN_AT.plus(LEASE).minusMillis(1))).isFalse();
        assertThat(claimed.isDue(RUN_AT.plus(LEASE))).isTrue();
        assertThat(moved(claimed.claim(RUN_AT.plus(LEASE), LEASE)).schedule().claimedUntil())
                .isEqualTo(RUN_AT.plus(LEASE).plus(LEASE));
    }

    @Test
    void the_deployment_it_starts_has_the_same_id_however_often_it_is_claimed() {
        ScheduledDeploy first = moved(pending().claim(RUN_AT, LEASE)).schedule();
        ScheduledDeploy second = moved(first.claim(RUN_AT.plus(LEASE), LEASE)).schedule();

        assertThat(second.startsDeployment()).isEqualTo(first.startsDeployment()).isEqualTo("sched-sc-1");
        var approval = new ScheduledDeploy.ApprovalRef("ar-9", List.of("bob"), Instant.ofEpochMilli(42));
        ScheduledDeploy byApproval = moved(ScheduledDeploy.schedule("sc-2", IMAGE, "alice", RUN_AT, approval, NOW))
                .schedule();
        assertThat(byApproval.startsDeployment()).isEqualTo("auto-ar-9-42"); // the id an open window would use
    }

    @Test
    void only_a_claimed_schedule_starts_and_then_nothing_moves_it() {
        assertThat(refusal(pending().started("dp-1", RUN_AT))).isEqualTo(DeployRefusal.SCHEDULE_NOT_PENDING.name());
        ScheduledDeploy.Moved started = moved(moved(pending().claim(RUN_AT, LEASE)).schedule()
                .started("sched-sc-1", RUN_AT));

        assertThat(started.event().orElseThrow().status()).isEqualTo("STARTED");
        assertThat(started.event().orElseThrow().deploymentId()).isEqualTo("sched-sc-1");
        assertThat(refusal(started.schedule().voided(VoidReason.CANCELLED, "late", RUN_AT)))
                .isEqualTo(DeployRefusal.SCHEDULE_NOT_PENDING.name());
        assertThat(started.schedule().isDue(RUN_AT.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void a_voided_schedule_says_why_and_never_becomes_due() {
        ScheduledDeploy.Moved voided = moved(pending().voided(VoidReason.APPROVAL_EXPIRED, "approval ar-1 expired",
                NOW));

        DeploymentScheduleChanged event = voided.event().orElseThrow();
        assertThat(event.status()).isEqualTo("VOIDED");
        assertThat(event.reason()).isEqualTo("APPROVAL_EXPIRED");
        assertThat(event.detail()).isEqualTo("approval ar-1 expired");
        assertThat(voided.schedule().isDue(RUN_AT.plus(Duration.ofDays(1)))).isFalse();
        assertThat(refusal(voided.schedule().claim(RUN_AT, LEASE))).isEqualTo(DeployRefusal.SCHEDULE_NOT_DUE.name());
    }

    @Test
    void a_deployment_requested_after_the_schedule_uses_its_approval_or_overtakes_it() {
        ScheduledDeploy schedule = pending();
        PipelineImage other = new PipelineImage("pl-1", "payments", "prod", "sha256:bb", "2.0");
        PipelineImage elsewhere = new PipelineImage("pl-2", "payments", "stage", "sha256:bb", "2.0");

        assertThat(schedule.overtakenBy(IMAGE, NOW.plusSeconds(1), "dp-1")).contains(VoidReason.APPROVAL_USED);
        assertThat(schedule.overtakenBy(other, NOW.plusSeconds(1), "dp-2")).contains(VoidReason.NEWER_DEPLOYMENT);
        assertThat(schedule.overtakenBy(other, NOW.minusSeconds(1), "dp-3")).isEmpty(); // older than the schedule
        assertThat(schedule.overtakenBy(elsewhere, NOW.plusSeconds(1), "dp-4")).isEmpty();
        assertThat(schedule.overtakenBy(IMAGE, RUN_AT, "sched-sc-1")).isEmpty(); // its own deployment
    }

    @Test
    void an_approval_with_an_expiry_expires_the_schedule_at_that_moment() {
        var approval = new ScheduledDeploy.ApprovalRef("ar-9", List.of("bob"), RUN_AT.minusSeconds(60));
        ScheduledDeploy schedule = moved(ScheduledDeploy.schedule("sc-2", IMAGE, "alice", RUN_AT, approval, NOW))
                .schedule();

        assertThat(schedule.approvalExpiredAt(RUN_AT.minusSeconds(61))).isFalse();
        assertThat(schedule.approvalExpiredAt(RUN_AT.minusSeconds(60))).isTrue();
        assertThat(pending().approvalExpiredAt(RUN_AT.plus(Duration.ofDays(999)))).isFalse(); // a user's: by event
    }
}
