package dev.shipgate.approval.approval.domain;

import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.contracts.events.Channel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static dev.shipgate.approval.approval.domain.Fixtures.ALICE;
import static dev.shipgate.approval.approval.domain.Fixtures.BOB;
import static dev.shipgate.approval.approval.domain.Fixtures.CAROL;
import static dev.shipgate.approval.approval.domain.Fixtures.ELIGIBLE;
import static dev.shipgate.approval.approval.domain.Fixtures.IMAGE;
import static dev.shipgate.approval.approval.domain.Fixtures.MONA;
import static dev.shipgate.approval.approval.domain.Fixtures.NOW;
import static dev.shipgate.approval.approval.domain.Fixtures.PEOPLE;
import static dev.shipgate.approval.approval.domain.Fixtures.accepted;
import static dev.shipgate.approval.approval.domain.Fixtures.approvedBy;
import static dev.shipgate.approval.approval.domain.Fixtures.pending;
import static dev.shipgate.approval.approval.domain.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN rule 9: every change to a request records through what it came (session, API token, e-mail link). */
class HistoryChannelTest {

    @Provide
    Arbitrary<Channel> channels() {
        Arbitrary<String> ids = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
        return Arbitraries.oneOf(
                ids.injectNull(0.3).map(Channel::session),
                Combinators.combine(ids.map(id -> "tok-" + id), ids.injectNull(0.3)).as(Channel::apiToken),
                ids.map(Channel::emailLink));
    }

    private static AuditEntry last(ApprovalRequest request) {
        return request.history().get(request.history().size() - 1);
    }

    @Property
    void each_command_records_the_channel_it_came_through(@ForAll("channels") Channel asked,
                                                          @ForAll("channels") Channel voted,
                                                          @ForAll("channels") Channel ended) {
        ApprovalRequest opened = accepted(ApprovalRequest.open("ar-1", IMAGE, ALICE.via(asked), List.of(), ELIGIBLE,
                null, policy(1), NOW));
        assertThat(last(opened).via()).isEqualTo(asked);

        ApprovalRequest approved = accepted(opened.approve(PEOPLE, BOB.via(voted), "ok", NOW.plusSeconds(1)));
        assertThat(last(approved)).extracting(AuditEntry::action, AuditEntry::via).containsExactly("APPROVED", voted);

        ApprovalRequest rejected = accepted(opened.reject(PEOPLE, CAROL.via(voted), "no", NOW.plusSeconds(1)));
        assertThat(last(rejected)).extracting(AuditEntry::action, AuditEntry::via).containsExactly("REJECTED", voted);

        ApprovalRequest cancelled = accepted(opened.cancel(ALICE.via(ended), NOW.plusSeconds(2)));
        assertThat(last(cancelled)).extracting(AuditEntry::action, AuditEntry::via).containsExactly("CANCELLED", ended);

        ApprovalRequest expired = accepted(approved.expire(MONA.via(ended), NOW.plusSeconds(2)));
        assertThat(last(expired).via()).isEqualTo(ended);

        ApprovalRequest deployed = accepted(approved.consume(PEOPLE, "dp-1", ALICE.via(ended), NOW.plusSeconds(3)));
        assertThat(last(deployed)).extracting(AuditEntry::action, AuditEntry::via).containsExactly("DEPLOYED", ended);
    }

    @Example
    void a_lifetime_that_ends_is_recorded_as_the_system() {
        ApprovalRequest request = pending(1);

        ApprovalRequest expired = accepted(request.expireIfOverdue(request.expiresAt()));

        assertThat(last(expired).via()).isEqualTo(Channel.system());
        assertThat(last(expired).actor()).isEqualTo("system");
    }

    @Example
    void a_refused_attempt_says_who_tried_what_through_what_and_why() {
        Channel token = Channel.apiToken("tok-1", "nightly");
        ApprovalRequest request = pending(1);

        Outcome outcome = request.approve(PEOPLE, ALICE.via(token), null, NOW.plusSeconds(5));
        Refusal refusal = ((Outcome.Refused) outcome).refusal();
        RefusedAttempt attempt = RefusedAttempt.of(request.id(), ALICE.via(token), "APPROVE", refusal,
                NOW.plusSeconds(5));

        assertThat(attempt).isEqualTo(new RefusedAttempt("ar-1", NOW.plusSeconds(5), "alice", "APPROVE",
                ApprovalRefusal.REQUESTER_CANNOT_APPROVE.name(), refusal.detail(), token));
    }

    @Example
    void an_approval_made_with_an_api_token_reads_via_that_token() {
        ApprovalRequest approved = approvedBy(pending(1), BOB.via(Channel.apiToken("tok-7", "release bot")));

        assertThat(last(approved).actor() + " " + last(approved).action().toLowerCase() + " "
                + last(approved).via().describe()).isEqualTo("bob approved via API token tok-7 (release bot)");
    }
}
