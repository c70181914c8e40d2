package dev.shipgate.approval.approval.application;

import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.approval.access.application.AccessDirectory;
import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.approval.approval.domain.ApprovalPolicy;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalStatus;
import dev.shipgate.approval.approval.domain.DefaultRecipients;
import dev.shipgate.approval.approval.domain.Tally;
import dev.shipgate.approval.approval.domain.Outcome;
import dev.shipgate.approval.approval.domain.People;
import dev.shipgate.approval.approval.domain.RefusedAttempt;
import dev.shipgate.approval.approval.domain.ApprovalRefusal;
import dev.shipgate.approval.approval.domain.RequestedImage;
import dev.shipgate.approval.deputy.application.Deputies;
import dev.shipgate.approval.image.application.Images;
import dev.shipgate.approval.image.domain.Image;
import dev.shipgate.approval.pipeline.application.PipelineReplica;
import dev.shipgate.approval.pipeline.domain.ReplicatedPipeline;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.identity.UserIds;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The approval commands: request, approve, reject, withdraw, cancel, expire; and judging open requests again when
 * a pipeline's policy or a voter's access changes (design rule 10). Users named from outside (approvers in a request,
 * an image's builder) are resolved to user ids here ({@link AccessDirectory#resolve}) before the domain compares
 * them; the builder and the image's application are looked up again before each vote, so an image stored before ids
 * were canonical (a builder {@code Bob@Example.com}) is judged as it would be today: no migration of stored images or
 * requests is needed.
 */
public class ApprovalService {

    /** Open requests judged again per page when a pipeline's policy changes. */
    static final int REEVALUATION_PAGE = 100;

    private final ApprovalRequests requests;
    private final RefusedAttempts refusals;
    private final PipelineReplica pipelines;
    private final Images images;
    private final AccessDirectory access;
    private final RequestUpdater updater;
    private final CurrentRules current;
    private final Clock clock;
    private final Duration requestLifetime;
    private final Deputies deputies;

    public ApprovalService(ApprovalRequests requests, RefusedAttempts refusals, PipelineReplica pipelines,
                           Images images, AccessDirectory access, Clock clock, Duration requestLifetime) {
        this(requests, refusals, pipelines, images, access, clock, requestLifetime, Deputies.none());
    }

    /** {@code deputies}: whom a request asks in place of an approver who is away (issue 19, "Delegation"). */
    public ApprovalService(ApprovalRequests requests, RefusedAttempts refusals, PipelineReplica pipelines,
                           Images images, AccessDirectory access, Clock clock, Duration requestLifetime,
                           Deputies deputies) {
        this.deputies = deputies;
        this.requests = requests;
        this.refusals = refusals;
        this.pipelines = pipelines;
        this.images = images;
        this.access = access;
        this.updater = new RequestUpdater(requests);
        this.current = new CurrentRules(pipelines, images, access, requestLifetime);
        this.clock = clock;
        this.requestLifetime = requestLifetime;
    }

    /** {@code via}: through what the user asks (session, API token); recorded in the request's history. */
    public ApprovalRequest request(String userId, Channel via, String pipelineId, String digest,
                                   List<String> namedApprovers, String comment) {
        ReplicatedPipeline pipeline = pipelines.find(pipelineId).orElseThrow(() -> refused(
                ApprovalRefusal.UNKNOWN_PIPELINE, "no pipeline " + pipelineId));
        Image image = images.find(digest).orElseThrow(() -> refused(ApprovalRefusal.UNKNOWN_IMAGE,
                "no image with digest " + digest));
        RequestedImage requested = new RequestedImage(pipeline.id(), pipeline.project(), pipeline.application(),
                pipeline.environment(), image.digest(), image.tag(), access.resolve(image.builtBy()),
                image.application());
        List<String> named = namedApprovers == null ? null : namedApprovers.stream().map(access::resolve).toList();
        Set<String> eligible = eligibleApprovers(requested, userId);
        Outcome outcome = ApprovalRequest.open(UUID.randomUUID().toString(), requested, access.actor(userId).via(via),
                named, eligible, askedByDefault(eligible, requested.scope()), deputies::of, comment,
                ApprovalPolicy.of(pipeline, requestLifetime), clock.instant());
        if (outcome instanceof Outcome.Refused refused) {
            throw new RefusedException(refused.refusal());
        }
        var accepted = (Outcome.Accepted) outcome;
        try {
            requests.open(accepted.request(), accepted.events());
        } catch (ApprovalRequests.OpenRequestExistsException e) {
            throw refused(ApprovalRefusal.OPEN_REQUEST_EXISTS, "an approval request for " + image.tag()
                    + " on this pipeline is already open: approve, cancel or expire it first");
        }
        return accepted.request();
    }

    public ApprovalRequest approve(String userId, Channel via, String requestId, String comment) {
        return act(userId, via, requestId, "APPROVE",
                (request, actor) -> request.approve(current.people(), actor, comment, clock.instant()));
    }

    public ApprovalRequest reject(String userId, Channel via, String requestId, String comment) {
        return act(userId, via, requestId, "REJECT",
                (request, actor) -> request.reject(current.people(), actor, comment, clock.instant()));
    }

    /** The caller takes back their own approval while the request is open (design rule 10). */
    public ApprovalRequest withdraw(String userId, Channel via, String requestId) {
        return act(userId, via, requestId, "WITHDRAW",
                (request, actor) -> request.withdraw(current.people(), actor, clock.instant()));
    }

    /**
     * Judges the open requests of a pipeline again after its policy changed (a PipelineConfigured event): each in its
     * own versioned update, so a vote or deploy racing it is settled like any other. Returns how many changed.
     */
    public int reevaluatePipeline(String pipelineId) {
        int changed = 0;
        for (int page = 0; ; page++) {
            List<ApprovalRequest> open = requests.search(new ApprovalRequests.RequestQuery(pipelineId,
                    List.of(ApprovalStatus.PENDING, ApprovalStatus.APPROVED), null, page, REEVALUATION_PAGE));
            changed += reevaluate(open);
            if (open.size() < REEVALUATION_PAGE) {
                return changed;
            }
        }
    }

    /**
     * Judges again the open requests {@code userId} voted on, after their access changed: only a voter's access
     * decides whether a vote counts, so requests they did not vote on cannot change. Returns how many changed.
     */
    public int reevaluateVotesOf(String userId) {
        return reevaluate(requests.openVotedOnBy(UserIds.canonical(userId)));
    }

    private int reevaluate(List<ApprovalRequest> open) {
        int changed = 0;
        for (ApprovalRequest request : open) {
            try {
                ApprovalRequest after = updater.apply(request.id(),
                        stored -> current.applyTo(stored).reevaluate(current.people(), clock.instant()));
                changed += after.status() != request.status() ? 1 : 0;
            } catch (RefusedException gone) {
                // removed meanwhile: nothing to judge
            }
        }
        return changed;
    }

    /** The request as it stands now (policy, access and clock of this moment); nothing is stored. */
    public ApprovalRequest live(ApprovalRequest stored) {
        return current.applyTo(stored).asOf(current.people(), clock.instant());
    }

    /** Each person as the directory knows them now. */
    public People people() {
        return current.people();
    }

    /** The approvals of a request as they count now. */
    public Tally tally(ApprovalRequest live) {
        return live.tally(current.people());
    }

    /**
     * Who could still approve this request now, with their groups: eligible approvers (image approvers in scope and
     * super admins, never the requester or builder) who have not voted; empty unless it is pending.
     */
    public List<Actor> stillEligible(ApprovalRequest live) {
        if (live.status() != ApprovalStatus.PENDING) {
            return List.of();
        }
        return eligibleApprovers(live.image(), live.requestedBy()).stream().sorted()
                .filter(user -> !live.hasVoted(user))
                .map(access::actor)
                .toList();
    }

    public ApprovalRequest cancel(String userId, Channel via, String requestId) {
        return act(userId, via, requestId, "CANCEL", (request, actor) -> request.cancel(actor, clock.instant()));
    }

    public ApprovalRequest expire(String userId, Channel via, String requestId) {
        return act(userId, via, requestId, "EXPIRE", (request, actor) -> request.expire(actor, clock.instant()));
    }

    /** Who may approve this image: image approvers in scope and super admins, never the requester or builder. */
    public Set<String> eligibleApprovers(RequestedImage image, String requester) {
        Set<String> eligible = new HashSet<>(access.approversFor(image.scope()));
        eligible.remove(UserIds.canonical(requester));
        eligible.remove(access.resolve(image.builtBy()));
        return eligible;
    }

    /** Whom a request naming nobody asks, among {@code eligible}: {@link DefaultRecipients}. */
    public List<String> askedByDefault(Set<String> eligible, Scope scope) {
        return DefaultRecipients.among(eligible.stream().map(access::actor).toList(), scope);
    }

    /** Runs the command; a refusal by the rules is recorded beside the request (not in it) and then thrown. */
    private ApprovalRequest act(String userId, Channel via, String requestId, String action,
                                BiFunction<ApprovalRequest, Actor, Outcome> command) {
        Actor actor = access.actor(userId).via(via);
        try {
            return updater.apply(requestId, request -> command.apply(current.applyTo(request), actor));
        } catch (RefusedException e) {
            if (!ApprovalRefusal.UNKNOWN_REQUEST.is(e.refusal())) {
                refusals.record(RefusedAttempt.of(requestId, actor, action, e.refusal(), clock.instant()));
            }
            throw e;
        }
    }

    private static RefusedException refused(ApprovalRefusal reason, String message) {
        return reason.because(message).exception();
    }
}
