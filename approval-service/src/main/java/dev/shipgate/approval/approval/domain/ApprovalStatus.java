package dev.shipgate.approval.approval.domain;

public enum ApprovalStatus {
    /** Waiting for votes. Partially approved is still pending, and not deployable. */
    PENDING,
    /** Enough approvals: deployable once, until it expires. */
    APPROVED,
    REJECTED,
    CANCELLED,
    EXPIRED,
    /** Used by a deployment; deploying again needs a new approval. */
    CONSUMED,
    /** Closed unused because the pipeline's policy now needs no approval (design rule 10). */
    NOT_NEEDED;

    /** Open requests block a second request for the same pipeline and image. */
    public boolean isOpen() {
        return this == PENDING || this == APPROVED;
    }
}
