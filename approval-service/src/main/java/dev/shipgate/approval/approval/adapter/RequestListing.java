package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.Vote;
import dev.shipgate.contracts.identity.UserIds;
import org.bson.Document;

/**
 * What the list queries filter on that the request keeps in another form, stored beside it in field
 * {@value #FIELD} at each write: the requester, builder and voters in canonical form (stored ids keep the spelling
 * they came with, and the domain compares them canonically, design rule 12) and whether the image is of another
 * application.
 */
final class RequestListing {

    static final String FIELD = "listing";
    static final String REQUESTER = FIELD + ".requester";
    static final String BUILDER = FIELD + ".builder";
    static final String VOTERS = FIELD + ".voters";
    static final String FOREIGN_IMAGE = FIELD + ".foreignImage";

    private RequestListing() {
    }

    static Document of(ApprovalRequest request) {
        return new Document("requester", UserIds.canonical(request.requestedBy()))
                .append("builder", UserIds.canonical(request.image().builtBy()))
                .append("voters", request.votes().stream().map(Vote::userId).map(UserIds::canonical).distinct()
                        .toList())
                .append("foreignImage", request.image().isOfAnotherApplication());
    }
}
