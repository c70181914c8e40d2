package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalStatus;
import dev.shipgate.approval.approval.domain.AwaitingVotePolicy;
import dev.shipgate.approval.approval.domain.EscalationPolicy;
import dev.shipgate.approval.approval.domain.Reach;
import dev.shipgate.approval.approval.domain.ViewingPolicy;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stored approval requests. Each write is one atomic document update that also queues the events it causes
 * (outbox), and an update applies only if the stored version is still the one read.
 */
public interface ApprovalRequests {

    /** Stores a new request; fails with {@link OpenRequestExistsException} when one is open for the same image. */
    void open(ApprovalRequest request, List<EventPayload> events);

    /** Stores {@code next} if the stored request still has {@code next.version()}; false if someone was first. */
    boolean update(ApprovalRequest next, List<EventPayload> events);

    Optional<ApprovalRequest> find(String id);

    /**
     * The open (pending or approved) request for this image on this pipeline: there is at most one, and it is the
     * newest. A read by unique key, where {@link #forImage} reads them all.
     */
    Optional<ApprovalRequest> openForImage(String pipelineId, String digest);

    /** Requests for this image on this pipeline, newest first. */
    List<ApprovalRequest> forImage(String pipelineId, String digest);

    /** The newest request of each of these images on this pipeline, by digest: one read for a page of images. */
    Map<String, ApprovalRequest> latestForImages(String pipelineId, Collection<String> digests);

    /** Open (pending or approved) requests that {@code userId} (canonical) has a vote on. */
    List<ApprovalRequest> openVotedOnBy(String userId);

    /** Open requests whose lifetime has ended. */
    List<ApprovalRequest> overdue(Instant now, int limit);

    /** Pages of open requests of a pipeline for the followers that judge them again; no visibility filter. */
    List<ApprovalRequest> search(RequestQuery query);

    /**
     * A page of the requests that pass {@code filter}, newest first ({@code createdAt}, then id): filtered by the
     * database, then paged, with the filter's total.
     */
    ListPage<ApprovalRequest> list(RequestFilter filter, PageAt at);

    /**
     * Filters of {@link #list}; null fields do not filter, and every field that is set must hold.
     *
     * @param text          part of the image's tag (any case) or digest, or one of {@code commitDigests}
     * @param commitDigests digests of the images whose commit {@code text} starts (read from the images first)
     * @param requestedBy   the requester's canonical id
     * @param expiresAfter  only requests whose {@code expiresAt} is after it
     * @param visibleIn     only requests on a scope it contains ({@link ViewingPolicy#reach})
     * @param awaiting      only requests waiting for this voter ({@link AwaitingVotePolicy#filterFor})
     * @param escalated     only requests escalated to the viewer's groups ({@link EscalationPolicy#filterFor}); with
     *                      {@code awaiting} too, requests that either holds for (the Approval pending list)
     */
    record RequestFilter(String pipelineId, List<ApprovalStatus> statuses, String tag, String text,
                         Collection<String> commitDigests, String requestedBy, Instant expiresAfter,
                         Reach visibleIn, AwaitingVotePolicy.VoterFilter awaiting,
                         EscalationPolicy.EscalatedFilter escalated) {

        public RequestFilter(String pipelineId, List<ApprovalStatus> statuses, String tag, String text,
                             Collection<String> commitDigests, String requestedBy, Instant expiresAfter,
                             Reach visibleIn, AwaitingVotePolicy.VoterFilter awaiting) {
            this(pipelineId, statuses, tag, text, commitDigests, requestedBy, expiresAfter, visibleIn, awaiting, null);
        }

        public static RequestFilter none() {
            return new RequestFilter(null, null, null, null, null, null, null, null, null);
        }
    }

    /** Filters of {@link #search}; null fields do not filter. */
    record RequestQuery(String pipelineId, List<ApprovalStatus> statuses, String tag, int page, int size) {
    }

    class OpenRequestExistsException extends RuntimeException {
        public OpenRequestExistsException() {
            super("an open approval request exists for this image on this pipeline");
        }
    }
}
