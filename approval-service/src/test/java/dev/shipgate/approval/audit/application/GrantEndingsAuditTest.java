package dev.shipgate.approval.audit.application;

import dev.shipgate.approval.access.application.AccessService;
import dev.shipgate.approval.access.application.InMemoryAccessStore;
import dev.shipgate.approval.access.domain.Group;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.approval.audit.domain.AuditRecord;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.testing.SteppingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: the audit says when a time-boxed grant ended, computed when read (no sweep, nobody acting): one
 * GRANT_ENDED line by system at the grant's end, from that instant on, for super admins.
 */
class GrantEndingsAuditTest {

    static final Instant END = Instant.parse("2026-12-04T17:00:00Z");
    static final Scope PAYMENTS = new Scope("shop", "payments", "*");

    final SteppingClock clock = new SteppingClock(END.minusSeconds(60));
    final InMemoryAccessStore store = new InMemoryAccessStore();
    final AccessService access = new AccessService(store, clock);
    final AuditService audit = new AuditService(new AuditLog() {
        @Override
        public List<AuditRecord> newest(AuditQuery query, int limit) {
            return List.of();
        }

        @Override
        public long count(AuditQuery query) {
            return 0;
        }

        @Override
        public Map<String, Scope> pipelineScopes() {
            return Map.of();
        }
    }, access, clock);

    final Permissions superAdmin = new Permissions("dave", List.of(new Grant(Role.SUPER_ADMIN, Scope.everywhere())));

    {
        access.saveUser(new User("erin", "erin@example.com", "Erin", true, List.of(),
                List.of(new Grant(Role.IMAGE_APPROVER, PAYMENTS, END), new Grant(Role.VIEW, PAYMENTS))));
        access.saveGroup(new Group("on-call", "", List.of(new Grant(Role.IMAGE_APPROVER, PAYMENTS, END))));
    }

    private List<AuditRecord> read(Permissions reader, AuditQuery filters) {
        // a pipeline the viewer below may see, so that only the super-admin rule keeps the grant lines from them
        return audit.page(reader, Map.of("payments-prod", PAYMENTS), filters, PageAt.first(50)).items();
    }

    private static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null);
    }

    @Test
    void an_ended_grant_is_an_audit_line_at_its_end_and_not_before() {
        assertThat(read(superAdmin, all())).isEmpty();
        clock.step(Duration.ofSeconds(59));
        assertThat(read(superAdmin, all())).isEmpty();

        clock.step(Duration.ofSeconds(1));
        List<AuditRecord> lines = read(superAdmin, all());
        assertThat(lines).extracting(AuditRecord::action).containsOnly("GRANT_ENDED");
        assertThat(lines).extracting(AuditRecord::at).containsOnly(END);
        assertThat(lines).extracting(AuditRecord::actor).containsOnly("system");
        assertThat(lines).extracting(AuditRecord::detail).containsExactlyInAnyOrder(
                "IMAGE_APPROVER on shop / payments / * of erin ended at " + END,
                "IMAGE_APPROVER on shop / payments / * of group:on-call ended at " + END);
    }

    @Test
    void the_lines_follow_the_filters_and_only_super_admins_read_them() {
        clock.step(Duration.ofHours(1));
        assertThat(read(superAdmin, new AuditQuery(null, null, "erin", null, null, null))).hasSize(1);
        assertThat(read(superAdmin, new AuditQuery(null, "payments-prod", null, null, null, null))).isEmpty();
        assertThat(read(superAdmin, new AuditQuery(null, null, null, null, END.plusMillis(1), null))).isEmpty();
        assertThat(read(superAdmin, new AuditQuery(null, null, null, null, END, END.plusMillis(1)))).hasSize(2);
        Permissions viewer = new Permissions("erin", List.of(new Grant(Role.VIEW, PAYMENTS)));
        assertThat(read(viewer, all())).isEmpty();
    }
}
