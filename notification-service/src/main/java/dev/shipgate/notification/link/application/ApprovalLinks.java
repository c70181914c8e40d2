package dev.shipgate.notification.link.application;

import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.notification.link.domain.ApprovalLink;
import dev.shipgate.notification.link.domain.LinkRefusal;
import dev.shipgate.notification.link.domain.LinkSigner;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Approve-from-email links: personal, signed, expiring, usable once. A link only opens the request in the UI for
 * its approver, signed in; the vote itself goes through approval-service and all of its rules.
 */
public class ApprovalLinks {

    private final LinkSigner signer;
    private final UsedLinks used;
    private final Clock clock;
    private final Duration lifetime;

    public ApprovalLinks(LinkSigner signer, UsedLinks used, Clock clock, Duration lifetime) {
        this.signer = signer;
        this.used = used;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public String issue(String requestId, String userId) {
        return signer.sign(new ApprovalLink(requestId, userId, clock.instant().plus(lifetime),
                UUID.randomUUID().toString()));
    }

    /** Checks and spends a link for {@code callerId}; returns the request it opens. */
    public String redeem(String token, String callerId) {
        return spend(token, callerId).requestId();
    }

    /**
     * Checks and spends a link for {@code callerId}; returns the link (its nonce is the link's id).
     *
     * @throws dev.shipgate.contracts.refusal.RefusedException with a {@link LinkRefusal} when the link is forged,
     *                                                         expired, someone else's or spent already
     */
    public ApprovalLink spend(String token, String callerId) {
        ApprovalLink link = signer.verify(token).orElseThrow(() -> LinkRefusal.LINK_FORGED.because(
                "this approval link is not valid: it may have been altered; use the link from the email as it is")
                .exception());
        if (!clock.instant().isBefore(link.expiresAt())) {
            throw LinkRefusal.LINK_EXPIRED.because("this approval link expired at " + link.expiresAt()
                    + "; open the request from the Approval pending tab instead").exception();
        }
        if (!UserIds.same(link.userId(), callerId)) { // a link sent before ids were canonical still works
            throw LinkRefusal.LINK_NOT_YOUR_LINK.because("this approval link was sent to another approver")
                    .exception();
        }
        if (!used.markUsed(link.nonce(), link.requestId(), link.userId())) {
            throw LinkRefusal.LINK_ALREADY_USED.because("this approval link has been used already; "
                    + "open the request from the Approval pending tab instead").exception();
        }
        return link;
    }
}
