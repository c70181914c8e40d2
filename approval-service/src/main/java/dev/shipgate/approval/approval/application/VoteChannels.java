package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.approval.domain.ApprovalRefusal;
import dev.shipgate.approval.approval.domain.SpentLink;
import dev.shipgate.contracts.events.Channel;
import dev.shipgate.support.security.LinkReceipts;

/**
 * Through what a vote comes: the e-mail link whose receipt it carries, when that receipt is ours and
 * {@link SpentLink#vouchesFor vouches} for this voter on this request; else the voter's own sign-in.
 */
public class VoteChannels {

    private final LinkReceipts receipts;

    public VoteChannels(LinkReceipts receipts) {
        this.receipts = receipts;
    }

    /**
     * @param signedIn how the voter is signed in (session or API token)
     * @param receipt  the link receipt the vote carries, or null for none
     * @throws dev.shipgate.contracts.refusal.RefusedException {@code LINK_RECEIPT_INVALID} (400) when a receipt is
     *                                                         given that is not ours, or not for this voter and request
     */
    public Channel of(String voterId, Channel signedIn, String requestId, String receipt) {
        if (receipt == null) {
            return signedIn;
        }
        SpentLink link = receipts.verify(receipt)
                .map(r -> new SpentLink(r.requestId(), r.userId(), r.linkId()))
                .filter(spent -> spent.vouchesFor(voterId, requestId))
                .orElseThrow(() -> ApprovalRefusal.LINK_RECEIPT_INVALID.because(
                        "this vote names an e-mail link that was not spent by you for this request").exception());
        return Channel.emailLink(link.linkId());
    }
}
