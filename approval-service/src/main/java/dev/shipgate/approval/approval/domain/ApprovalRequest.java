package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.approval.domain.Refusal.Reason;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.ApprovalCancelled;
import dev.shipgate.contracts.events.ApprovalExpired;
import dev.shipgate.contracts.events.ApprovalGiven;
import dev.shipgate.contracts.events.ApprovalRejected;
import dev.shipgate.contracts.events.ApprovalRequested;
import dev.shipgate.contracts.events.ApproverRule;
import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.identity.UserIds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A request to approve one image for one pipeline, and everything that happens to it. Every rule of approval is
 * here; each command returns the next state with its events, or a refusal with its reason. Immutable: the
 * repository stores the next state only if nobody changed the request meanwhile ({@code version}).
 *
 * <p>User ids are compared in their canonical form ({@link UserIds#same}), never byte for byte (design rule 12), so
 * a requester, builder or voter stored in another spelling is still the same person.
 */
public record ApprovalRequest(
        String id,
        RequestedImage image,
        String requestedBy,
        List<String> notifiedApprovers,
        String comment,
        ApprovalPolicy policy,
        ApprovalStatus status,
        List<Vote> votes,
        Instant createdAt,
        Instant expiresAt,
        String consumedBy,
        List<AuditEntry> history,
        long version) {

    public ApprovalRequest {
        notifiedApprovers = List.copyOf(notifiedApprovers);
        votes = List.copyOf(votes);
        history = List.copyOf(history);
    }

    /**
     * Opens a request. {@code eligibleApprovers} are the users who may approve this image on this pipeline (image
     * approvers in scope and super admins, less the requester and the builder); those named must be among them, and
     * when none is named all of them are notified.
     */
    public static Outcome open(String id, RequestedImage image, Actor requester, List<String> namedApprovers,
                               Set<String> eligibleApprovers, String comment, ApprovalPolicy policy, Instant now) {
        if (!requester.permissions().canBuildAndDeploy(image.scope())) {
            return Outcome.refused(Reason.NOT_ALLOWED_TO_REQUEST, requester.userId()
                    + " needs Build and Deploy on " + image.application() + " / " + image.environment()
                    + " to request approval");
        }
        if (image.isOfAnotherApplication()) {
            return anotherApplication(image);
        }
        if (!policy.needsApproval()) {
            return Outcome.refused(Reason.NO_APPROVAL_NEEDED,
                    "this pipeline needs no approval: the image can be deployed directly");
        }
        List<String> named = namedApprovers == null ? List.of()
                : namedApprovers.stream().map(UserIds::canonical).distinct().toList();
        List<String> notEligible = named.stream().filter(user -> !eligibleApprovers.contains(user)).toList();
        if (!notEligible.isEmpty()) {
            return Outcome.refused(Reason.NAMED_APPROVER_NOT_ELIGIBLE, "not eligible to approve this image: "
                    + String.join(", ", notEligible));
        }
        List<String> notified = named.isEmpty() ? eligibleApprovers.stream().sorted().toList() : named;
        Instant expiresAt = now.plus(policy.requestLifetime());
        var request = new ApprovalRequest(id, image, requester.userId(), notified, comment, policy,
                ApprovalStatus.PENDING, List.of(), now, expiresAt, null,
                List.of(new AuditEntry(now, requester.userId(), "REQUESTED", comment, requester.via())), 0);
        return new Outcome.Accepted(request, List.of(new ApprovalRequested(id, request.pipelineImage(),
                requester.userId(), notified, policy.requiredApprovals(), comment, expiresAt)));
    }

    private static Outcome.Refused anotherApplication(RequestedImage image) {
        return new Outcome.Refused(Refusal.of(Reason.IMAGE_OF_ANOTHER_APPLICATION, "image " + image.tag()
                + " was built for " + image.imageApplication() + ", not for " + image.application()
                + ": it cannot be requested, approved or deployed on pipeline " + image.pipelineId()));
    }

    public Outcome approve(Actor approver, String comment, Instant now) {
        Outcome.Refused refused = checkVoter(approver, now);
        if (refused != null) {
            return refused;
        }
        List<Vote> nextVotes = new ArrayList<>(votes);
        nextVotes.add(new Vote(approver.userId(), approver.groups(), comment, now));
        List<EventPayload> events = new ArrayList<>();
        events.add(new ApprovalGiven(id, pipelineImage(), requestedBy, approver.userId(), nextVotes.size(),
                policy.requiredApprovals(), comment));
        List<AuditEntry> nextHistory = append(new AuditEntry(now, approver.userId(), "APPROVED", comment, approver.via()));
        if (!isSatisfiedBy(nextVotes)) {
            return new Outcome.Accepted(next(status, nextVotes, expiresAt, consumedBy, nextHistory), events);
        }
        Instant usableUntil = now.plus(policy.approvalLifetime());
        ApprovalRequest approved = next(ApprovalStatus.APPROVED, nextVotes, usableUntil, consumedBy, nextHistory);
        events.add(new ImageApproved(id, pipelineImage(), requestedBy, approved.approvers(), usableUntil));
        return new Outcome.Accepted(approved, events);
    }

    public Outcome reject(Actor approver, String comment, Instant now) {
        Outcome.Refused refused = checkVoter(approver, now);
        if (refused != null) {
            return refused;
        }
        if (comment == null || comment.isBlank()) {
            return Outcome.refused(Reason.COMMENT_REQUIRED, "say why the image is rejected");
        }
        return new Outcome.Accepted(
                next(ApprovalStatus.REJECTED, votes, expiresAt, consumedBy,
                        append(new AuditEntry(now, approver.userId(), "REJECTED", comment, approver.via()))),
                List.of(new ApprovalRejected(id, pipelineImage(), requestedBy, approver.userId(), comment)));
    }

    /** The requester withdraws the request, before it is used. */
    public Outcome cancel(Actor user, Instant now) {
        if (!UserIds.same(user.userId(), requestedBy)) {
            return Outcome.refused(Reason.ONLY_REQUESTER_CAN_CANCEL, "only " + requestedBy
                    + ", who requested it, can cancel this request");
        }
        if (!status.isOpen()) {
            return Outcome.refused(Reason.ALREADY_CLOSED, "the request is already " + status.name().toLowerCase());
        }
        return new Outcome.Accepted(
                next(ApprovalStatus.CANCELLED, votes, expiresAt, consumedBy,
                        append(new AuditEntry(now, user.userId(), "CANCELLED", null, user.via()))),
                List.of(new ApprovalCancelled(id, pipelineImage(), requestedBy, user.userId())));
    }

    /** The requester or an admin of the application lets an unused approval (or a pending request) expire. */
    public Outcome expire(Actor user, Instant now) {
        boolean admin = user.permissions().canAdminister(image.scope());
        if (!UserIds.same(user.userId(), requestedBy) && !admin) {
            return Outcome.refused(Reason.ONLY_REQUESTER_OR_ADMIN_CAN_EXPIRE, "only " + requestedBy
                    + " or an admin of " + image.application() + " can expire this approval");
        }
        if (!status.isOpen()) {
            return Outcome.refused(Reason.ALREADY_CLOSED, "the request is already " + status.name().toLowerCase());
        }
        return expired(user.userId(), user.via(), "EXPIRED_BY_USER", now);
    }

    /** The lifetime of the pending request, or of the unused approval, has ended. */
    public Outcome expireIfOverdue(Instant now) {
        if (!status.isOpen() || now.isBefore(expiresAt)) {
            return new Outcome.Accepted(this, List.of());
        }
        return expired(null, Channel.system(), status == ApprovalStatus.PENDING ? "REQUEST_LIFETIME_ENDED"
                : "APPROVAL_LIFETIME_ENDED", now);
    }

    /**
     * A deployment uses the approval: allowed once, while it is approved and not expired, and (unless the pipeline
     * allows it) not by someone who approved it. Consuming again for the same deployment changes nothing, so a
     * redelivered deploy request is harmless.
     */
    public Outcome consume(String deploymentId, Actor deployer, Instant now) {
        if (status == ApprovalStatus.CONSUMED && deploymentId.equals(consumedBy)) {
            return new Outcome.Accepted(this, List.of());
        }
        if (image.isOfAnotherApplication()) {
            return anotherApplication(image);
        }
        Outcome.Refused notUsable = checkUsable(now);
        if (notUsable != null) {
            return notUsable;
        }
        if (!policy.approverMayDeploy() && hasVoted(deployer.userId())) {
            return Outcome.refused(Reason.APPROVER_CANNOT_DEPLOY, deployer.userId()
                    + " approved this image and this pipeline does not let approvers deploy what they approved");
        }
        return new Outcome.Accepted(
                next(ApprovalStatus.CONSUMED, votes, expiresAt, deploymentId,
                        append(new AuditEntry(now, deployer.userId(), "DEPLOYED", "deployment " + deploymentId,
                                deployer.via()))),
                List.of(new DeploymentAuthorized(deploymentId, pipelineImage(), deployer.userId(), id,
                        approvers())));
    }

    /** Why this request cannot be deployed now, or null when it can. */
    public Outcome.Refused checkUsable(Instant now) {
        return switch (status) {
            case PENDING -> new Outcome.Refused(Refusal.of(Reason.PARTIALLY_APPROVED, "the image has "
                    + votes.size() + " of " + policy.requiredApprovals()
                    + " required approvals: a partially approved image cannot be deployed"));
            case REJECTED -> new Outcome.Refused(Refusal.of(Reason.APPROVAL_REJECTED, "the image was rejected"));
            case CANCELLED -> new Outcome.Refused(Refusal.of(Reason.APPROVAL_CANCELLED,
                    "the approval request was cancelled"));
            case EXPIRED -> new Outcome.Refused(Refusal.of(Reason.APPROVAL_EXPIRED, "the approval has expired"));
            case CONSUMED -> new Outcome.Refused(Refusal.of(Reason.APPROVAL_ALREADY_USED,
                    "the approval was used by deployment " + consumedBy + ": deploying again needs a new approval"));
            case APPROVED -> now.isBefore(expiresAt) ? null : new Outcome.Refused(Refusal.of(Reason.APPROVAL_EXPIRED,
                    "the approval expired at " + expiresAt));
        };
    }

    public boolean hasVoted(String userId) {
        return votes.stream().anyMatch(vote -> UserIds.same(vote.userId(), userId));
    }

    public List<String> approvers() {
        return votes.stream().map(Vote::userId).toList();
    }

    /** Approvals still missing: toward the total, and toward each approver rule. */
    public int remainingApprovals() {
        if (status != ApprovalStatus.PENDING) {
            return 0;
        }
        int missing = Math.max(0, policy.requiredApprovals() - votes.size());
        for (ApproverRule rule : policy.approverRules()) {
            missing = Math.max(missing, rule.approvals() - countFromGroup(votes, rule.group()));
        }
        return missing;
    }

    /** This request with its image replaced, e.g. with the builder and image application as known now. */
    public ApprovalRequest withImage(RequestedImage nextImage) {
        return new ApprovalRequest(id, nextImage, requestedBy, notifiedApprovers, comment, policy, status, votes,
                createdAt, expiresAt, consumedBy, history, version);
    }

    public PipelineImage pipelineImage() {
        return image.toPipelineImage();
    }

    private Outcome.Refused checkVoter(Actor approver, Instant now) {
        if (status != ApprovalStatus.PENDING) {
            return new Outcome.Refused(Refusal.of(Reason.REQUEST_NOT_PENDING,
                    "the request is " + status.name().toLowerCase() + ", not waiting for votes"));
        }
        if (!now.isBefore(expiresAt)) {
            return new Outcome.Refused(Refusal.of(Reason.APPROVAL_EXPIRED, "the request expired at " + expiresAt));
        }
        if (image.isOfAnotherApplication()) {
            return anotherApplication(image);
        }
        // self-approval is refused before eligibility: it holds for super admins too
        if (UserIds.same(approver.userId(), requestedBy)) {
            return new Outcome.Refused(Refusal.of(Reason.REQUESTER_CANNOT_APPROVE,
                    "you requested this approval, so you cannot approve or reject it"));
        }
        if (UserIds.same(approver.userId(), image.builtBy())) {
            return new Outcome.Refused(Refusal.of(Reason.BUILDER_CANNOT_APPROVE,
                    "you built this image, so you cannot approve or reject it"));
        }
        if (!approver.canApproveImages(image.scope())) {
            return new Outcome.Refused(Refusal.of(Reason.NOT_AN_ELIGIBLE_APPROVER, approver.userId()
                    + " is not an image approver for " + image.application() + " / " + image.environment()));
        }
        if (hasVoted(approver.userId())) {
            return new Outcome.Refused(Refusal.of(Reason.ALREADY_VOTED, "you have already approved this image"));
        }
        return null;
    }

    private boolean isSatisfiedBy(List<Vote> allVotes) {
        if (allVotes.size() < policy.requiredApprovals()) {
            return false;
        }
        return policy.approverRules().stream()
                .allMatch(rule -> countFromGroup(allVotes, rule.group()) >= rule.approvals());
    }

    private static int countFromGroup(List<Vote> allVotes, String group) {
        return (int) allVotes.stream().filter(vote -> vote.groups().contains(group)).count();
    }

    private Outcome expired(String by, Channel via, String reason, Instant now) {
        return new Outcome.Accepted(
                next(ApprovalStatus.EXPIRED, votes, expiresAt, consumedBy,
                        append(new AuditEntry(now, by == null ? "system" : by, "EXPIRED", reason, via))),
                List.of(new ApprovalExpired(id, pipelineImage(), requestedBy, by, reason)));
    }

    private List<AuditEntry> append(AuditEntry entry) {
        List<AuditEntry> next = new ArrayList<>(history);
        next.add(entry);
        return next;
    }

    private ApprovalRequest next(ApprovalStatus nextStatus, List<Vote> nextVotes, Instant nextExpiresAt,
                                 String nextConsumedBy, List<AuditEntry> nextHistory) {
        return new ApprovalRequest(id, image, requestedBy, notifiedApprovers, comment, policy, nextStatus, nextVotes,
                createdAt, nextExpiresAt, nextConsumedBy, nextHistory, version);
    }
}
