package dev.shipgate.approval.approval.domain;

import dev.shipgate.contracts.refusal.RefusalCode;
import dev.shipgate.contracts.refusal.Refusal.Kind;

/**
 * The stable codes of the approval domain's refusals, each with its kind (which HTTP status it becomes): the
 * {@code reason} of the problem+json answer and of a refused attempt in a request's history.
 */
public enum ApprovalRefusal implements RefusalCode {
    NOT_ALLOWED_TO_REQUEST(Kind.FORBIDDEN),
    NOT_AN_ELIGIBLE_APPROVER(Kind.FORBIDDEN),
    REQUESTER_CANNOT_APPROVE(Kind.FORBIDDEN),
    BUILDER_CANNOT_APPROVE(Kind.FORBIDDEN),
    SERVICE_ACCOUNT_CANNOT_APPROVE(Kind.FORBIDDEN),
    ONLY_REQUESTER_CAN_CANCEL(Kind.FORBIDDEN),
    ONLY_REQUESTER_OR_ADMIN_CAN_EXPIRE(Kind.FORBIDDEN),
    NOT_ALLOWED_TO_DEPLOY(Kind.FORBIDDEN),
    APPROVER_CANNOT_DEPLOY(Kind.FORBIDDEN),
    NAMED_APPROVER_NOT_ELIGIBLE(Kind.INVALID),
    /** The image was registered for another application than the pipeline's (issue 15, item 5). */
    IMAGE_OF_ANOTHER_APPLICATION(Kind.INVALID),
    COMMENT_REQUIRED(Kind.INVALID),
    /** A vote carries an e-mail link receipt that is not ours, or not spent by this voter on this request. */
    LINK_RECEIPT_INVALID(Kind.INVALID),
    NO_APPROVAL_NEEDED(Kind.INVALID),
    ALREADY_VOTED(Kind.CONFLICT),
    /** Withdrawing needs a vote of one's own on the request. */
    NO_VOTE_TO_WITHDRAW(Kind.CONFLICT),
    REQUEST_NOT_PENDING(Kind.CONFLICT),
    OPEN_REQUEST_EXISTS(Kind.CONFLICT),
    PARTIALLY_APPROVED(Kind.CONFLICT),
    APPROVAL_EXPIRED(Kind.CONFLICT),
    APPROVAL_CANCELLED(Kind.CONFLICT),
    APPROVAL_REJECTED(Kind.CONFLICT),
    APPROVAL_ALREADY_USED(Kind.CONFLICT),
    NO_APPROVAL(Kind.CONFLICT),
    ALREADY_CLOSED(Kind.CONFLICT),
    UNKNOWN_PIPELINE(Kind.NOT_FOUND),
    UNKNOWN_IMAGE(Kind.NOT_FOUND),
    UNKNOWN_REQUEST(Kind.NOT_FOUND);

    private final Kind kind;

    ApprovalRefusal(Kind kind) {
        this.kind = kind;
    }

    @Override
    public Kind kind() {
        return kind;
    }
}
