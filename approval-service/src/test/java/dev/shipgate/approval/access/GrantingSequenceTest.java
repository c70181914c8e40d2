package dev.shipgate.approval.access;

import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.GrantingPolicy;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model-based: from a generated state (super admins, scoped managers, others, groups), generated sequences of grant,
 * revoke and group-change attempts by non-super-admins go through {@link GrantingPolicy}. After every step, nobody
 * holds a grant wider than what some granter held at the start (an image approver role only where some non-super-admin
 * held one at the start), and nobody's own grants changed by their own hand.
 */
class GrantingSequenceTest {

    @Provide
    Arbitrary<AccessModel> startingStates() {
        return AccessArbitraries.startingStates();
    }

    @Provide
    Arbitrary<List<AccessModel.Draft>> attempts() {
        return AccessArbitraries.attempts(30);
    }

    @Property(tries = 500)
    void noSequenceOfChangesByNonSuperAdminsWidensAnyone(@ForAll("startingStates") AccessModel start,
                                                         @ForAll("attempts") List<AccessModel.Draft> drafts) {
        AccessModel model = start.copy();
        for (AccessModel.Draft draft : drafts) {
            AccessModel.Attempt attempt = model.resolve(draft);
            if (attempt == null) {
                continue;
            }
            AccessModel before = model.copy();
            Optional<Refusal> refusal = model.apply(attempt);
            Statistics.label("outcome").collect(refusal.map(r -> r.reason()).orElse("ALLOWED"));

            assertAllowedOnlyInsideWhatTheActorHeld(before, attempt, refusal.isEmpty());
            if (attempt.kind() == AccessModel.Kind.CHANGE_GROUP) {
                assertThat(refusal).as("a group change by %s", attempt.actor()).isPresent();
            }
            if (attempt.actor().equals(attempt.target()) && !before.requested(attempt).equals(
                    before.user(attempt.actor()).grants())) {
                assertThat(refusal.map(Refusal::reason))
                        .contains(GrantingPolicy.Reason.CANNOT_CHANGE_OWN_GRANTS.name());
            }
            if (refusal.isPresent()) {
                assertThat(model.users()).isEqualTo(before.users());
                assertThat(model.groups()).isEqualTo(before.groups());
            }
            assertThat(model.escalationsSince(start)).as("after %s from %s", attempt, start).isEmpty();
        }
        Statistics.label("outcome").coverage(checker -> {
            checker.check("ALLOWED").percentage(p -> p > 10);
            checker.check("NOT_ALLOWED_TO_GRANT").percentage(p -> p > 10);
            checker.check("CANNOT_CHANGE_OWN_GRANTS").percentage(p -> p > 5);
        });
    }

    /**
     * An allowed change of a user's grants: by someone else, each changed binding inside a MANAGER grant of theirs,
     * and an IMAGE_APPROVER binding also inside an IMAGE_APPROVER grant of theirs (rule 13: only roles they hold).
     */
    private static void assertAllowedOnlyInsideWhatTheActorHeld(AccessModel before, AccessModel.Attempt attempt,
                                                               boolean allowed) {
        if (!allowed || attempt.kind() == AccessModel.Kind.CHANGE_GROUP) {
            return;
        }
        User target = before.user(attempt.target());
        Set<Grant> changed = new HashSet<>(before.requested(attempt));
        changed.addAll(target.grants());
        Set<Grant> kept = new HashSet<>(before.requested(attempt));
        kept.retainAll(target.grants());
        changed.removeAll(kept);
        if (changed.isEmpty()) {
            return;
        }
        assertThat(attempt.actor()).isNotEqualTo(attempt.target());
        Permissions actor = before.permissionsOf(attempt.actor());
        for (Grant grant : changed) {
            assertThat(grant.role()).isNotEqualTo(Role.SUPER_ADMIN);
            assertThat(actor.grants()).as("%s changed %s", attempt.actor(), grant).anyMatch(held ->
                    held.role() == Role.MANAGER && held.scope().contains(grant.scope()));
            if (grant.role() == Role.IMAGE_APPROVER) {
                assertThat(actor.grants()).as("%s changed %s", attempt.actor(), grant).anyMatch(held ->
                        held.role() == Role.IMAGE_APPROVER && held.scope().contains(grant.scope()));
            }
        }
    }
}
