package dev.shipgate.deploy.deployment.domain;

import dev.shipgate.contracts.events.BreakGlassReviewChanged;
import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.events.DeploymentBrokeGlass;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.deploy.shared.domain.DeployRefusal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A deployment authorized by break-glass, and its review (issue 18), without any framework. */
class BreakGlassDeploymentTest {

    static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    static final Instant DUE = NOW.plus(Duration.ofHours(24));
    private static final PipelineImage IMAGE = new PipelineImage("pl-1", "payments", "prod", "sha256:ab", "1.0.0");

    static Deployment.Transition broken() {
        return Deployment.breakGlass("bg-1", IMAGE, "mona", "dp-0", Channel.session("s-1"), "payments <down>", "INC-7",
                DUE, NOW);
    }

    @Test
    void a_break_glass_is_authorized_at_once_without_asking_for_or_naming_an_approval() {
        var transition = broken();
        Deployment deployment = transition.deployment();

        assertThat(deployment.status()).isEqualTo(DeploymentStatus.AUTHORIZED);
        assertThat(deployment.approvalRequestId()).isNull();
        assertThat(deployment.approvedBy()).isEmpty();
        assertThat(deployment.breakGlass().review()).isEqualTo(BreakGlass.Review.OPEN);
        assertThat(deployment.breakGlass().reviewDueAt()).isEqualTo(DUE);
        // approval-service never sees it, so it never consumes an approval for it
        assertThat(transition.events()).noneMatch(DeploymentRequested.class::isInstance);
        assertThat(transition.events()).filteredOn(DeploymentStatusChanged.class::isInstance)
                .extracting(e -> ((DeploymentStatusChanged) e).status()).containsExactly("REQUESTED", "AUTHORIZED");
        assertThat(transition.events()).filteredOn(DeploymentBrokeGlass.class::isInstance).singleElement()
                .isEqualTo(new DeploymentBrokeGlass("bg-1", IMAGE, "mona", "payments <down>", "INC-7", "dp-0", DUE,
                        NOW));
        assertThat(deployment.timeline()).extracting(TimelineEntry::detail).first().asString()
                .startsWith("BREAK-GLASS rollback to 1.0.0").contains("payments <down>", "incident INC-7");
    }

    @Test
    void another_approver_closes_the_review_with_an_event_and_a_timeline_entry() {
        var reviewed = broken().deployment().closeReview(BreakGlass.Review.FLAGGED, "Bob", "no incident open",
                NOW.plusSeconds(60)).orElseThrow();

        assertThat(reviewed.deployment().breakGlass().review()).isEqualTo(BreakGlass.Review.FLAGGED);
        assertThat(reviewed.deployment().breakGlass().reviewedBy()).isEqualTo("bob");
        assertThat(reviewed.deployment().status()).isEqualTo(DeploymentStatus.AUTHORIZED);
        assertThat(reviewed.events()).singleElement().isEqualTo(new BreakGlassReviewChanged("bg-1", IMAGE, "mona",
                "payments <down>", "INC-7", "FLAGGED", "bob", "no incident open", DUE, NOW.plusSeconds(60)));
        assertThat(reviewed.deployment().timeline()).last().extracting(TimelineEntry::detail).asString()
                .contains("FLAGGED by bob");
    }

    @Test
    void who_broke_the_glass_cannot_review_it_in_any_spelling_of_their_id() {
        assertThat(reason(broken().deployment().closeReview(BreakGlass.Review.ACKNOWLEDGED, " MONA ", "fine", NOW)))
                .isEqualTo(DeployRefusal.OWN_BREAK_GLASS_REVIEW.name());
    }

    @Test
    void a_closed_review_stays_closed_and_a_plain_deployment_has_none() {
        Deployment closed = broken().deployment().closeReview(BreakGlass.Review.ACKNOWLEDGED, "bob", "ok", NOW)
                .orElseThrow().deployment();
        Deployment plain = Deployment.request("dp-1", IMAGE, "alice", null, NOW).deployment();

        assertThat(reason(closed.closeReview(BreakGlass.Review.FLAGGED, "dave", "no", NOW)))
                .isEqualTo(DeployRefusal.REVIEW_CLOSED.name());
        assertThat(reason(plain.closeReview(BreakGlass.Review.ACKNOWLEDGED, "bob", "ok", NOW)))
                .isEqualTo(DeployRefusal.NOT_A_BREAK_GLASS.name());
    }

    @Test
    void an_open_review_becomes_overdue_at_its_due_time_once() {
        Deployment open = broken().deployment();

        assertThat(reason(open.reviewOverdue(DUE.minusSeconds(1)))).isEqualTo(DeployRefusal.REVIEW_NOT_OVERDUE.name());
        var overdue = open.reviewOverdue(DUE).orElseThrow();
        assertThat(overdue.events()).singleElement().extracting(e -> ((BreakGlassReviewChanged) e).status())
                .isEqualTo("OVERDUE");
        assertThat(overdue.deployment().breakGlass().isOverdueAt(DUE)).isTrue();
        assertThat(reason(overdue.deployment().reviewOverdue(DUE.plusSeconds(3600))))
                .isEqualTo(DeployRefusal.REVIEW_NOT_OVERDUE.name());
        Deployment closedLate = overdue.deployment().closeReview(BreakGlass.Review.ACKNOWLEDGED, "bob", "late", DUE)
                .orElseThrow().deployment();
        assertThat(closedLate.breakGlass().isOverdueAt(DUE.plusSeconds(3600))).isFalse();
    }

    private static String reason(Deployment.Change change) {
        return change.refusal().map(Refusal::reason).orElse("moved");
    }

    @Test
    void the_review_moves_keep_the_deployment_rolling_out() {
        Deployment progressing = broken().deployment().startProgressing("rolling out", NOW).orElseThrow()
                .deployment();
        var reviewed = progressing.closeReview(BreakGlass.Review.ACKNOWLEDGED, "bob", "ok", NOW).orElseThrow();

        assertThat(reviewed.deployment().status()).isEqualTo(DeploymentStatus.PROGRESSING);
        assertThat(reviewed.deployment().finish(DeploymentStatus.HEALTHY, "done", NOW).refusal()).isEmpty();
        assertThat(List.of(reviewed.deployment().startedAt())).containsExactly(NOW);
    }
}
