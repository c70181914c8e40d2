package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.events.ApprovalCancelled;
import dev.shipgate.contracts.events.ApprovalExpired;
import dev.shipgate.contracts.events.ApprovalGiven;
import dev.shipgate.contracts.events.ApprovalNoLongerNeeded;
import dev.shipgate.contracts.events.ApprovalRejected;
import dev.shipgate.contracts.events.ApprovalReopened;
import dev.shipgate.contracts.events.ApprovalRequested;
import dev.shipgate.contracts.events.ApprovalWithdrawn;
import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.approval.deputy.domain.Deputy;
import dev.shipgate.approval.deputy.domain.DeputyRules;
import dev.shipgate.approval.deputy.domain.StandIn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A request to approve one image for one pipeline, and everything that happens to it. Every rule of approval is
 * here; each command returns the next state with its events, or a refusal with its reason. Whether the request is
 * approved is decided at the moment it is read, voted on or used (design rule 10): under {@link #policy}, which the
 * application sets to the pipeline's policy now ({@link #withPolicy}), with the votes of people who may approve now
 * ({@link People}), counted as {@link Tally} and {@link RuleAssignment} say. Immutable: the
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
        long version,
        List<StandIn> standIns) {

    public ApprovalRequest {
        notifiedApprovers = List.copyOf(notifiedApprovers);
        votes = List.copyOf(votes);
        history = List.copyOf(history);
        standIns = standIns == null ? List.of() : List.copyOf(standIns);
    }

    /** A request on which no deputy stands in for anyone. */
    public ApprovalRequest(String id, RequestedImage image, String requestedBy, List<String> notifiedApprovers,
                           String comment, ApprovalPolicy policy, ApprovalStatus status, List<Vote> votes,
                           Instant createdAt, Instant expiresAt, String consumedBy, List<AuditEntry> history,
                           long version) {
        this(id, image, requestedBy, notifiedApprovers, comment, policy, status, votes, createdAt, expiresAt,
                consumedBy, history, version, List.of());
    }

    /**
     * Opens a request. {@code eligibleApprovers} are the users who may approve this image on this pipeline (image
     * approvers in scope and super admins, less the requester and the builder); those named must be among them, and
     * when none is named all of them are notified.
     */
    public static Outcome open(String id, RequestedImage image, Actor requester, List<String> namedApprovers,
                               Set<String> eligibleApprovers, String comment, ApprovalPolicy policy, Instant now) {
        return open(id, image, requester, namedApprovers, eligibleApprovers,
                eligibleApprovers.stream().sorted().toList(), comment, policy, now);
    }

    /**
     * As above, asking {@code askedByDefault} ({@link DefaultRecipients}, some of the eligible) when nobody is
     * named.
     */
    public static Outcome open(String id, RequestedImage image, Actor requester, List<String> namedApprovers,
                               Set<String> eligibleApprovers, List<String> askedByDefault, String comment,
                               ApprovalPolicy policy, Instant now) {
        return open(id, image, requester, namedApprovers, eligibleApprovers, askedByDefault,
                approver -> Optional.empty(), comment, policy, now);
    }

    /**
     * As above; an approver to be asked whose deputy's period covers {@code now} ({@code deputyOf}) is replaced by
     * the deputy ({@link DeputyRules#standIns}), and the history says so. Named approvers must be eligible
     * themselves; their deputies are asked whatever their rights, and vote with their own.
     */
    public static Outcome open(String id, RequestedImage image, Actor requester, List<String> namedApprovers,
                               Set<String> eligibleApprovers, List<String> askedByDefault,
                               Function<String, Optional<Deputy>> deputyOf, String comment, ApprovalPolicy policy,
                               Instant now) {
        if (!requester.permissions().canBuildAndDeploy(image.scope())) {
            return Outcome.refused(ApprovalRefusal.NOT_ALLOWED_TO_REQUEST, requester.userId()
                    + " needs Build and Deploy on " + image.application() + " / " + image.environment()
                    + " to request approval");
        }
        if (image.isOfAnotherApplication()) {
            return anotherApplication(image);
        }
        if (!policy.needsApproval()) {
            return Outcome.refused(ApprovalRefusal.NO_APPROVAL_NEEDED,
                    "this pipeline needs no approval: the image can be deployed directly");
        }
        List<String> named = namedApprovers == null ? List.of()
                : namedApprovers.stream().map(UserIds::canonical).distinct().toList();
        List<String> notEligible = named.stream().filter(user -> !eligibleApprovers.contains(user)).toList();
        if (!notEligible.isEmpty()) {
            return Outcome.refused(ApprovalRefusal.NAMED_APPROVER_NOT_ELIGIBLE, "not eligible to approve this image: "
                    + String.join(", ", notEligible));
        }
        List<String> wouldAsk = named.isEmpty() ? List.copyOf(askedByDefault) : named;
        List<StandIn> standIns = DeputyRules.standIns(wouldAsk, deputyOf, now);
        List<String> notified = DeputyRules.askedWith(wouldAsk, standIns);
        Instant expiresAt = now.plus(policy.requestLifetime());
        List<AuditEntry> history = new ArrayList<>();
        history.add(new AuditEntry(now, requester.userId(), "REQUESTED", comment, requester.via()));
        standIns.forEach(standIn -> history.add(new AuditEntry(now, standIn.deputy(), "ASKED",
                "out of office until " + standIn.until(), Channel.system(), standIn.approver())));
        var request = new ApprovalRequest(id, image, requester.userId(), notified, comment, policy,
                ApprovalStatus.PENDING, List.of(), now, expiresAt, null, history, 0, standIns);
        Map<String, String> deputies = standIns.stream()
                .collect(Collectors.toMap(StandIn::approver, StandIn::deputy, (first, same) -> first));
        return new Outcome.Accepted(request, List.of(new ApprovalRequested(id, request.pipelineImage(),
                requester.userId(), notified, policy.requiredApprovals(), comment, expiresAt, deputies)));
    }

    private static Outcome.Refused anotherApplication(RequestedImage image) {
        return new Outcome.Refused(ApprovalRefusal.IMAGE_OF_ANOTHER_APPLICATION.because("image " + image.tag()
                + " was built for " + image.imageApplication() + ", not for " + image.application()
                + ": it cannot be requested, approved or deployed on pipeline " + image.pipelineId()));
    }

    /**
     * An approver approves. The request is judged first as it stands now (see {@link #reevaluate}), so a vote on an
     * approval that no longer meets the current policy is taken, and the request becomes APPROVED only when the
     * votes that count now meet the policy now.
     *
     * @param people each voter as they are now
     */
    public Outcome approve(People people, Actor approver, String comment, Instant now) {
        People withApprover = actingAs(people, approver);
        Outcome.Accepted judged = reevaluate(withApprover, now);
        ApprovalRequest current = judged.request();
        Outcome.Refused refused = current.checkVoter(approver, now);
        if (refused != null) {
            return refused;
        }
        List<Vote> nextVotes = new ArrayList<>(current.votes);
        nextVotes.add(new Vote(approver.userId(), approver.groups(), comment, now));
        ApprovalRequest voted = current.next(current.status, nextVotes, current.expiresAt, current.consumedBy,
                current.append(current.voteEntry(approver, "APPROVED", comment, now)));
        Tally tally = voted.tally(withApprover);
        List<EventPayload> events = new ArrayList<>(judged.events());
        events.add(new ApprovalGiven(id, pipelineImage(), requestedBy, approver.userId(), tally.counted().size(),
                policy.requiredApprovals(), comment));
        if (!tally.met()) {
            return new Outcome.Accepted(voted, events);
        }
        Outcome.Accepted approved = voted.approvedNow(tally, null, now);
        events.addAll(approved.events());
        return new Outcome.Accepted(approved.request(), events);
    }

    /** An approver rejects, with a comment; the request closes. Judged as it stands now, like a vote. */
    public Outcome reject(People people, Actor approver, String comment, Instant now) {
        Outcome.Accepted judged = reevaluate(actingAs(people, approver), now);
        ApprovalRequest current = judged.request();
        Outcome.Refused refused = current.checkVoter(approver, now);
        if (refused != null) {
            return refused;
        }
        if (comment == null || comment.isBlank()) {
            return Outcome.refused(ApprovalRefusal.COMMENT_REQUIRED, "say why the image is rejected");
        }
        List<EventPayload> events = new ArrayList<>(judged.events());
        events.add(new ApprovalRejected(id, pipelineImage(), requestedBy, approver.userId(), comment));
        return new Outcome.Accepted(
                current.next(ApprovalStatus.REJECTED, current.votes, current.expiresAt, current.consumedBy,
                        current.append(current.voteEntry(approver, "REJECTED", comment, now))),
                events);
    }

    /**
     * An approver takes back their own approval while the request is open (pending, or approved and not used): the
     * request is judged again without it, so an approval it completed goes back to pending.
     */
    public Outcome withdraw(People people, Actor approver, Instant now) {
        Outcome.Accepted judged = reevaluate(people, now);
        ApprovalRequest current = judged.request();
        if (!current.status.isOpen()) {
            return Outcome.refused(ApprovalRefusal.ALREADY_CLOSED, "the request is "
                    + current.status.name().toLowerCase()
                    + ": only a vote on an open request, or on an approval not used yet, can be withdrawn");
        }
        if (!current.hasVoted(approver.userId())) {
            return Outcome.refused(ApprovalRefusal.NO_VOTE_TO_WITHDRAW, approver.userId()
                    + " has not approved this request, so there is no vote to withdraw");
        }
        List<Vote> nextVotes = current.votes.stream()
                .filter(vote -> !UserIds.same(vote.userId(), approver.userId())).toList();
        ApprovalRequest withdrawn = current.next(current.status, nextVotes, current.expiresAt, current.consumedBy,
                current.append(new AuditEntry(now, approver.userId(), "WITHDRAWN", null, approver.via())));
        List<EventPayload> events = new ArrayList<>(judged.events());
        events.add(new ApprovalWithdrawn(id, pipelineImage(), requestedBy, approver.userId()));
        Outcome.Accepted after = withdrawn.reevaluate(people, now);
        events.addAll(after.events());
        return new Outcome.Accepted(after.request(), events);
    }

    /**
     * Judges an open request against {@link #policy} (the pipeline's policy now: see {@link #withPolicy}) and each
     * voter as they are now (design rule 10): past its {@code expiresAt} it expires; a policy of 0 closes it as
     * NOT_NEEDED; an approval whose counted votes no longer meet the policy goes back to PENDING (ApprovalReopened,
     * the requester is told); a pending request whose votes now meet it becomes APPROVED (ImageApproved, so an
     * AUTOMATIC pipeline deploys it). Unchanged, with no events, when none of these applies or the request is closed.
     */
    public Outcome.Accepted reevaluate(People people, Instant now) {
        if (!status.isOpen()) {
            return unchanged();
        }
        if (!now.isBefore(expiresAt)) {
            return (Outcome.Accepted) expireIfOverdue(now);
        }
        if (!policy.needsApproval()) {
            return new Outcome.Accepted(
                    next(ApprovalStatus.NOT_NEEDED, votes, expiresAt, consumedBy,
                            append(new AuditEntry(now, "system", "NOT_NEEDED",
                                    "the pipeline now needs no approval: the image can be deployed directly",
                                    Channel.system()))),
                    List.of(new ApprovalNoLongerNeeded(id, pipelineImage(), requestedBy)));
        }
        Tally tally = tally(people);
        if (status == ApprovalStatus.APPROVED && !tally.met()) {
            return reopened(tally, now);
        }
        if (status == ApprovalStatus.PENDING && tally.met()) {
            return approvedNow(tally, "the votes that count meet the pipeline's policy now", now);
        }
        return unchanged();
    }

    /** The request as it stands at {@code now}: what a read shows (judged again, expired when overdue). */
    public ApprovalRequest asOf(People people, Instant now) {
        return reevaluate(people, now).request();
    }

    /** The approvals as they count now under {@link #policy}. */
    public Tally tally(People people) {
        return Tally.of(votes, policy, image, requestedBy, people);
    }

    /** This request judged under {@code current}, the pipeline's policy now (not stored until something changes). */
    public ApprovalRequest withPolicy(ApprovalPolicy current) {
        if (current.equals(policy)) {
            return this;
        }
        return new ApprovalRequest(id, image, requestedBy, notifiedApprovers, comment, current, status, votes,
                createdAt, expiresAt, consumedBy, history, version, standIns);
    }

    private Outcome.Accepted approvedNow(Tally tally, String why, Instant now) {
        Instant usableUntil = now.plus(policy.approvalLifetime());
        List<AuditEntry> nextHistory = why == null ? history
                : append(new AuditEntry(now, "system", "APPROVED", why, Channel.system()));
        ApprovalRequest approved = next(ApprovalStatus.APPROVED, votes, usableUntil, consumedBy, nextHistory);
        return new Outcome.Accepted(approved, List.of(new ImageApproved(id, pipelineImage(), requestedBy,
                tally.counted(), usableUntil)));
    }

    private Outcome.Accepted reopened(Tally tally, Instant now) {
        String why = "no longer meets the pipeline's policy: " + tally.shortfall();
        // waits for votes until its request lifetime ends, and never less long than the approval would have lasted
        Instant waitUntil = createdAt.plus(policy.requestLifetime());
        Instant nextExpiresAt = waitUntil.isAfter(expiresAt) ? waitUntil : expiresAt;
        ApprovalRequest reopened = next(ApprovalStatus.PENDING, votes, nextExpiresAt, consumedBy,
                append(new AuditEntry(now, "system", "REOPENED", why, Channel.system())));
        return new Outcome.Accepted(reopened, List.of(new ApprovalReopened(id, pipelineImage(), requestedBy, why,
                tally.counted(), policy.requiredApprovals())));
    }

    private Outcome.Accepted unchanged() {
        return new Outcome.Accepted(this, List.of());
    }

    /** The voters as they are now, with the one acting as they act (one view of them within one command). */
    private static People actingAs(People people, Actor actor) {
        return userId -> UserIds.same(userId, actor.userId()) ? actor : people.now(userId);
    }

    /** The requester withdraws the request, before it is used. */
    public Outcome cancel(Actor user, Instant now) {
        if (!UserIds.same(user.userId(), requestedBy)) {
            return Outcome.refused(ApprovalRefusal.ONLY_REQUESTER_CAN_CANCEL, "only " + requestedBy
                    + ", who requested it, can cancel this request");
        }
        if (!status.isOpen()) {
            return Outcome.refused(ApprovalRefusal.ALREADY_CLOSED,
                    "the request is already " + status.name().toLowerCase());
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
            return Outcome.refused(ApprovalRefusal.ONLY_REQUESTER_OR_ADMIN_CAN_EXPIRE, "only " + requestedBy
                    + " or an admin of " + image.application() + " can expire this approval");
        }
        if (!status.isOpen()) {
            return Outcome.refused(ApprovalRefusal.ALREADY_CLOSED,
                    "the request is already " + status.name().toLowerCase());
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
     * allows it) not by someone who approved it. Whether it is approved is judged at this moment (design rule 10):
     * under the pipeline's policy now ({@link #withPolicy}) with the votes of people who may approve now. Consuming
     * again for the same deployment changes nothing, so a redelivered deploy request is harmless.
     */
    public Outcome consume(People people, String deploymentId, Actor deployer, Instant now) {
        if (status == ApprovalStatus.CONSUMED && deploymentId.equals(consumedBy)) {
            return unchanged();
        }
        if (image.isOfAnotherApplication()) {
            return anotherApplication(image);
        }
        Outcome.Accepted judged = reevaluate(people, now);
        ApprovalRequest current = judged.request();
        Tally tally = current.tally(people);
        if (current.status == ApprovalStatus.PENDING) {
            return Outcome.refused(ApprovalRefusal.PARTIALLY_APPROVED, "the image is not approved under the pipeline's"
                    + " policy now (" + tally.shortfall() + "): a partially approved image cannot be deployed");
        }
        Outcome.Refused notUsable = current.checkUsable(now);
        if (notUsable != null) {
            return notUsable;
        }
        if (!current.policy.approverMayDeploy() && current.hasVoted(deployer.userId())) {
            return Outcome.refused(ApprovalRefusal.APPROVER_CANNOT_DEPLOY, deployer.userId()
                    + " approved this image and this pipeline does not let approvers deploy what they approved");
        }
        // approved and used in this one step: no ImageApproved, which would make an AUTOMATIC pipeline start a
        // second deployment of an approval already spent (and leave a REJECTED record)
        List<EventPayload> events = new ArrayList<>(judged.events().stream()
                .filter(event -> !(event instanceof ImageApproved)).toList());
        events.add(new DeploymentAuthorized(deploymentId, pipelineImage(), deployer.userId(), id, tally.counted()));
        return new Outcome.Accepted(
                current.next(ApprovalStatus.CONSUMED, current.votes, current.expiresAt, deploymentId,
                        current.append(new AuditEntry(now, deployer.userId(), "DEPLOYED", "deployment " + deploymentId,
                                deployer.via()))),
                events);
    }

    /** Why this request cannot be deployed now, or null when it can. */
    public Outcome.Refused checkUsable(Instant now) {
        return switch (status) {
            case PENDING -> new Outcome.Refused(ApprovalRefusal.PARTIALLY_APPROVED.because("the image has "
                    + votes.size() + " of " + policy.requiredApprovals()
                    + " required approvals: a partially approved image cannot be deployed"));
            case REJECTED -> new Outcome.Refused(ApprovalRefusal.APPROVAL_REJECTED.because("the image was rejected"));
            case CANCELLED -> new Outcome.Refused(ApprovalRefusal.APPROVAL_CANCELLED.because(
                    "the approval request was cancelled"));
            case EXPIRED -> new Outcome.Refused(ApprovalRefusal.APPROVAL_EXPIRED.because("the approval has expired"));
            case CONSUMED -> new Outcome.Refused(ApprovalRefusal.APPROVAL_ALREADY_USED.because(
                    "the approval was used by deployment " + consumedBy + ": deploying again needs a new approval"));
            case NOT_NEEDED -> new Outcome.Refused(ApprovalRefusal.NO_APPROVAL_NEEDED.because(
                    "the pipeline needs no approval now: this request was closed as no longer needed"));
            case APPROVED -> now.isBefore(expiresAt) ? null
                    : new Outcome.Refused(ApprovalRefusal.APPROVAL_EXPIRED.because(
                            "the approval expired at " + expiresAt));
        };
    }

    public boolean hasVoted(String userId) {
        return votes.stream().anyMatch(vote -> UserIds.same(vote.userId(), userId));
    }

    /** Approvals still missing now: toward the total and the approver rules; 0 unless pending. */
    public int remainingApprovals(People people) {
        return status == ApprovalStatus.PENDING ? tally(people).missing() : 0;
    }

    /** This request with its image replaced, e.g. with the builder and image application as known now. */
    public ApprovalRequest withImage(RequestedImage nextImage) {
        return new ApprovalRequest(id, nextImage, requestedBy, notifiedApprovers, comment, policy, status, votes,
                createdAt, expiresAt, consumedBy, history, version, standIns);
    }

    public PipelineImage pipelineImage() {
        return image.toPipelineImage();
    }

    /** Why {@code approver} may not vote on this request as it stands, or null when they may. */
    Outcome.Refused checkVoter(Actor approver, Instant now) {
        if (status == ApprovalStatus.EXPIRED || status.isOpen() && !now.isBefore(expiresAt)) {
            return new Outcome.Refused(ApprovalRefusal.APPROVAL_EXPIRED.because("the request expired at " + expiresAt));
        }
        if (status != ApprovalStatus.PENDING) {
            return new Outcome.Refused(ApprovalRefusal.REQUEST_NOT_PENDING.because(
                    "the request is " + status.name().toLowerCase() + ", not waiting for votes"));
        }
        if (image.isOfAnotherApplication()) {
            return anotherApplication(image);
        }
        // self-approval is refused before eligibility: it holds for super admins too
        if (UserIds.same(approver.userId(), requestedBy)) {
            return new Outcome.Refused(ApprovalRefusal.REQUESTER_CANNOT_APPROVE.because(
                    "you requested this approval, so you cannot approve or reject it"));
        }
        if (UserIds.same(approver.userId(), image.builtBy())) {
            return new Outcome.Refused(ApprovalRefusal.BUILDER_CANNOT_APPROVE.because(
                    "you built this image, so you cannot approve or reject it"));
        }
        if (approver.serviceAccount()) {
            return new Outcome.Refused(ApprovalRefusal.SERVICE_ACCOUNT_CANNOT_APPROVE.because(approver.userId()
                    + " is a service account: approvals come from people, never from automation"));
        }
        if (!approver.canApproveImages(image.scope())) {
            return new Outcome.Refused(ApprovalRefusal.NOT_AN_ELIGIBLE_APPROVER.because(approver.userId()
                    + " is not an image approver for " + image.application() + " / " + image.environment()));
        }
        if (hasVoted(approver.userId())) {
            return new Outcome.Refused(ApprovalRefusal.ALREADY_VOTED.because("you have already approved this image"));
        }
        return null;
    }

    private Outcome expired(String by, Channel via, String reason, Instant now) {
        return new Outcome.Accepted(
                next(ApprovalStatus.EXPIRED, votes, expiresAt, consumedBy,
                        append(new AuditEntry(now, by == null ? "system" : by, "EXPIRED", reason, via))),
                List.of(new ApprovalExpired(id, pipelineImage(), requestedBy, by, reason)));
    }

    /** A vote's history line: "deputy of" the approver the voter stands in for now, if any. */
    private AuditEntry voteEntry(Actor voter, String action, String comment, Instant now) {
        return new AuditEntry(now, voter.userId(), action, comment, voter.via(),
                DeputyRules.deputyOf(voter.userId(), standIns, now).orElse(null));
    }

    private List<AuditEntry> append(AuditEntry entry) {
        List<AuditEntry> next = new ArrayList<>(history);
        next.add(entry);
        return next;
    }

    private ApprovalRequest next(ApprovalStatus nextStatus, List<Vote> nextVotes, Instant nextExpiresAt,
                                 String nextConsumedBy, List<AuditEntry> nextHistory) {
        return new ApprovalRequest(id, image, requestedBy, notifiedApprovers, comment, policy, nextStatus, nextVotes,
                createdAt, nextExpiresAt, nextConsumedBy, nextHistory, version, standIns);
    }
}
