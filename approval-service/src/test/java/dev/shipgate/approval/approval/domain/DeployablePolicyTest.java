package dev.shipgate.approval.approval.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Instant;
import java.util.Optional;

import static dev.shipgate.approval.approval.domain.Fixtures.ALICE;
import static dev.shipgate.approval.approval.domain.Fixtures.BOB;
import static dev.shipgate.approval.approval.domain.Fixtures.NOW;
import static dev.shipgate.approval.approval.domain.Fixtures.PEOPLE;
import static dev.shipgate.approval.approval.domain.Fixtures.accepted;
import static dev.shipgate.approval.approval.domain.Fixtures.approvedBy;
import static dev.shipgate.approval.approval.domain.Fixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether Build &amp; Deploy offers an image for deployment: without approval on the pipeline, every image but the
 * active one; with approval, only an image whose newest request is approved and not past its lifetime (24 hours in
 * the fixtures), never a pending, rejected, cancelled or used one.
 */
class DeployablePolicyTest {

    @Property
    void without_approval_every_image_but_the_active_one(@ForAll boolean active, @ForAll("requests")
    Optional<ApprovalRequest> newest, @ForAll @IntRange(max = 48) int hoursLater) {
        assertThat(DeployablePolicy.deployable(false, active, newest, NOW.plusSeconds(3600L * hoursLater)))
                .isEqualTo(!active);
    }

    @Property
    void with_approval_only_an_approved_unexpired_request(@ForAll boolean active, @ForAll("requests")
    Optional<ApprovalRequest> newest, @ForAll @IntRange(max = 48) int hoursLater) {
        Instant now = NOW.plusSeconds(3600L * hoursLater);

        boolean expected = newest.filter(request -> request.status() == ApprovalStatus.APPROVED
                && now.isBefore(request.expiresAt())).isPresent();
        assertThat(DeployablePolicy.deployable(true, active, newest, now)).isEqualTo(expected);
    }

    /** No request, or one in each state a stored request can be in. */
    @Provide
    Arbitrary<Optional<ApprovalRequest>> requests() {
        ApprovalRequest pending = pending(1);
        ApprovalRequest approved = approvedBy(pending, BOB);
        Instant later = NOW.plusSeconds(120);
        return Arbitraries.of(Optional.empty(), Optional.of(pending), Optional.of(approved),
                Optional.of(accepted(pending.reject(PEOPLE, BOB, "no", later))),
                Optional.of(accepted(pending.cancel(ALICE, later))),
                Optional.of(accepted(approved.consume(PEOPLE, "dp-1", ALICE, later))));
    }
}
