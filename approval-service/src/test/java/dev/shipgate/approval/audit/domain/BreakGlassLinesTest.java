package dev.shipgate.approval.audit.domain;

import dev.shipgate.contracts.events.BreakGlassReviewChanged;
import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.events.DeploymentBrokeGlass;
import dev.shipgate.contracts.events.PipelineImage;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 18: each break-glass event is one audit line, on its pipeline, by who acted, with a stable key. */
class BreakGlassLinesTest {

    static final Instant AT = Instant.parse("2026-12-05T03:10:00Z");
    static final Instant DUE = AT.plusSeconds(86_400);
    static final PipelineImage IMAGE = new PipelineImage("payments-prod", "payments", "prod", "sha256:abc", "1.4.2");

    @Test
    void a_break_glass_deploy_is_a_line_by_who_broke_it_with_justification_and_incident() {
        AuditRecord line = BreakGlassLines.of(new DeploymentBrokeGlass("dp-1", IMAGE, "mona", "db down",
                "INC-7", null, DUE, AT));

        assertThat(line).isEqualTo(new AuditRecord(AT, "mona", "BREAK_GLASS", AuditRecord.Outcome.DONE, null,
                "justification: db down; incident: INC-7; review due at " + DUE, null, "payments-prod", null, "dp-1",
                "sha256:abc", "1.4.2", "b:dp-1:BROKE"));
    }

    @Test
    void an_incident_rollback_says_what_it_rolled_back() {
        AuditRecord line = BreakGlassLines.of(new DeploymentBrokeGlass("dp-2", IMAGE, "mona", "bad release",
                null, "dp-1", DUE, AT));

        assertThat(line.action()).isEqualTo("BREAK_GLASS_ROLLBACK");
        assertThat(line.detail()).isEqualTo("justification: bad release; rollback of dp-1; review due at " + DUE);
    }

    @Test
    void a_closed_review_is_a_line_by_the_reviewer_and_an_overdue_one_by_the_system() {
        AuditRecord flagged = BreakGlassLines.of(new BreakGlassReviewChanged("dp-1", IMAGE, "mona", "db down",
                "INC-7", "FLAGGED", "bob", "no incident open", DUE, AT.plusSeconds(60)));
        AuditRecord overdue = BreakGlassLines.of(new BreakGlassReviewChanged("dp-3", IMAGE, "mona", "db down",
                null, "OVERDUE", null, null, DUE, DUE));

        assertThat(flagged).extracting(AuditRecord::actor, AuditRecord::action, AuditRecord::detail,
                AuditRecord::via, AuditRecord::key, AuditRecord::at).containsExactly("bob", "BREAK_GLASS_FLAGGED",
                "no incident open", null, "b:dp-1:FLAGGED", AT.plusSeconds(60));
        assertThat(overdue).extracting(AuditRecord::actor, AuditRecord::action, AuditRecord::detail,
                AuditRecord::via, AuditRecord::key).containsExactly("system", "BREAK_GLASS_OVERDUE",
                "review of mona's break-glass was due at " + DUE, Channel.system(), "b:dp-3:OVERDUE");
    }

    @Test
    void the_same_event_again_gives_the_same_key_and_each_step_of_one_deployment_its_own() {
        DeploymentBrokeGlass broke = new DeploymentBrokeGlass("dp-1", IMAGE, "mona", "x", null, null, DUE, AT);
        BreakGlassReviewChanged acknowledged = new BreakGlassReviewChanged("dp-1", IMAGE, "mona", "x", null,
                "ACKNOWLEDGED", "bob", "ok", DUE, AT);
        BreakGlassReviewChanged overdue = new BreakGlassReviewChanged("dp-1", IMAGE, "mona", "x", null,
                "OVERDUE", null, null, DUE, DUE);

        assertThat(BreakGlassLines.of(broke).key()).isEqualTo(BreakGlassLines.of(broke).key());
        assertThat(java.util.Set.of(BreakGlassLines.of(broke).key(), BreakGlassLines.of(acknowledged).key(),
                BreakGlassLines.of(overdue).key())).hasSize(3);
    }
}
