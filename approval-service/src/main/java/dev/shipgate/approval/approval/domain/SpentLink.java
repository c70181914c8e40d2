package dev.shipgate.approval.approval.domain;

import dev.shipgate.contracts.identity.UserIds;

/**
 * An approve-from-email link notification-service spent for a user on a request, as its signed receipt says. A vote
 * is recorded as "via e-mail link" only with the receipt of a link spent on that very request by that very voter:
 * a receipt grants nothing, and someone else's or another request's receipt would make the history lie.
 *
 * @param requestId the request the link was for
 * @param userId    who spent it (any spelling; compared in canonical form)
 * @param linkId    the link's id, shown in the history
 */
public record SpentLink(String requestId, String userId, String linkId) {

    /** Whether this receipt may vouch for {@code voterId}'s vote on {@code voteRequestId}. */
    public boolean vouchesFor(String voterId, String voteRequestId) {
        return requestId.equals(voteRequestId) && UserIds.same(userId, voterId);
    }
}
