package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalStatus;
import dev.shipgate.approval.approval.domain.AwaitingVotePolicy;
import dev.shipgate.approval.approval.domain.EscalationPolicy;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.paging.Cursor;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.contracts.identity.UserIds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * {@link ApprovalRequests} in memory, keeping the store's promises: one open request per image and pipeline, an
 * update only on the version read (and it bumps the version), the events of each write kept in order (the outbox),
 * search newest first. {@link #beforeNextUpdate} lets a test change the stored request under a command, as a racing
 * writer would.
 */
final class InMemoryApprovalRequests implements ApprovalRequests {

    private final Map<String, ApprovalRequest> byId = new LinkedHashMap<>();
    final List<EventPayload> published = new CopyOnWriteArrayList<>();
    int updates;
    int conflicts;
    private UnaryOperator<ApprovalRequest> racingWriter;

    /** The next update first finds the stored request changed by {@code writer} (version bumped), once. */
    void beforeNextUpdate(UnaryOperator<ApprovalRequest> writer) {
        racingWriter = writer;
    }

    /** Stores a request as it is, publishing nothing (a test's starting state). */
    synchronized void given(ApprovalRequest request) {
        byId.put(request.id(), request);
    }

    @Override
    public synchronized void open(ApprovalRequest request, List<EventPayload> events) {
        if (openForImage(request.image().pipelineId(), request.image().digest()).isPresent()) {
            throw new OpenRequestExistsException();
        }
        byId.put(request.id(), request);
        published.addAll(events);
    }

    @Override
    public synchronized boolean update(ApprovalRequest next, List<EventPayload> events) {
        if (racingWriter != null) {
            UnaryOperator<ApprovalRequest> writer = racingWriter;
            racingWriter = null;
            byId.put(next.id(), bumped(writer.apply(byId.get(next.id()))));
        }
        ApprovalRequest stored = byId.get(next.id());
        if (stored == null || stored.version() != next.version()) {
            conflicts++;
            return false;
        }
        byId.put(next.id(), bumped(next));
        published.addAll(events);
        updates++;
        return true;
    }

    private static ApprovalRequest bumped(ApprovalRequest r) {
        return new ApprovalRequest(r.id(), r.image(), r.requestedBy(), r.notifiedApprovers(), r.comment(),
                r.policy(), r.status(), r.votes(), r.createdAt(), r.expiresAt(), r.consumedBy(), r.history(),
                r.version() + 1, r.standIns());
    }

    @Override
    public synchronized Optional<ApprovalRequest> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<ApprovalRequest> openForImage(String pipelineId, String digest) {
        return forImage(pipelineId, digest).stream().filter(r -> r.status().isOpen()).findFirst();
    }

    @Override
    public synchronized List<ApprovalRequest> forImage(String pipelineId, String digest) {
        return newestFirst().stream().filter(r -> r.image().pipelineId().equals(pipelineId)
                && r.image().digest().equals(digest)).toList();
    }

    @Override
    public synchronized Map<String, ApprovalRequest> latestForImages(String pipelineId, Collection<String> digests) {
        Map<String, ApprovalRequest> latest = new LinkedHashMap<>();
        for (String digest : digests) {
            forImage(pipelineId, digest).stream().findFirst().ifPresent(r -> latest.put(digest, r));
        }
        return latest;
    }

    @Override
    public synchronized List<ApprovalRequest> openVotedOnBy(String userId) {
        return newestFirst().stream().filter(r -> r.status().isOpen() && r.hasVoted(UserIds.canonical(userId)))
                .toList();
    }

    @Override
    public synchronized List<ApprovalRequest> overdue(Instant now, int limit) {
        return newestFirst().stream().filter(r -> r.status().isOpen() && !now.isBefore(r.expiresAt()))
                .limit(limit).toList();
    }

    @Override
    public synchronized List<ApprovalRequest> search(RequestQuery query) {
        return newestFirst().stream()
                .filter(r -> query.pipelineId() == null || r.image().pipelineId().equals(query.pipelineId()))
                .filter(r -> query.statuses() == null || query.statuses().contains(r.status()))
                .filter(r -> query.tag() == null || r.image().tag().contains(query.tag()))
                .skip((long) query.page() * query.size()).limit(query.size()).toList();
    }

    @Override
    public synchronized ListPage<ApprovalRequest> list(RequestFilter filter, PageAt at) {
        List<ApprovalRequest> all = byId.values().stream().filter(r -> matches(filter, r))
                .sorted(Comparator.comparing(ApprovalRequest::createdAt).thenComparing(ApprovalRequest::id).reversed())
                .toList();
        return InMemoryPages.page(all, at, r -> new Cursor(r.createdAt(), r.id()));
    }

    private static boolean matches(RequestFilter f, ApprovalRequest r) {
        var voter = f.awaiting();
        return (f.pipelineId() == null || r.image().pipelineId().equals(f.pipelineId()))
                && (f.statuses() == null || f.statuses().isEmpty() || f.statuses().contains(r.status()))
                && (f.tag() == null || r.image().tag().toLowerCase().contains(f.tag().toLowerCase()))
                && (f.text() == null || r.image().tag().toLowerCase().contains(f.text().toLowerCase())
                || r.image().digest().contains(f.text())
                || f.commitDigests() != null && f.commitDigests().contains(r.image().digest()))
                && (f.requestedBy() == null || UserIds.same(f.requestedBy(), r.requestedBy()))
                && (f.expiresAfter() == null || r.expiresAt().isAfter(f.expiresAfter()))
                && (f.visibleIn() == null || f.visibleIn().contains(r.image().scope()))
                && (voter == null && f.escalated() == null || voter != null && awaits(voter, r)
                || f.escalated() != null && escalated(f.escalated(), r));
    }

    private static boolean awaits(AwaitingVotePolicy.VoterFilter voter, ApprovalRequest r) {
        return r.status() == ApprovalStatus.PENDING && r.expiresAt().isAfter(voter.now())
                && !r.image().isOfAnotherApplication() && !UserIds.same(voter.voter(), r.requestedBy())
                && !UserIds.same(voter.voter(), r.image().builtBy()) && !r.hasVoted(voter.voter())
                && voter.reach().contains(r.image().scope());
    }

    private static boolean escalated(EscalationPolicy.EscalatedFilter viewer, ApprovalRequest r) {
        String pipeline = r.image().pipelineId();
        return r.status() == ApprovalStatus.PENDING && r.expiresAt().isAfter(viewer.now())
                && !UserIds.same(viewer.viewer(), r.requestedBy())
                && viewer.windows().stream().anyMatch(w -> (w.pipelines() != null ? w.pipelines().contains(pipeline)
                : !w.except().contains(pipeline)) && !r.createdAt().isAfter(w.createdBy()));
    }

    /** Newest first, the order of insertion breaking ties (later is newer). */
    private List<ApprovalRequest> newestFirst() {
        List<ApprovalRequest> all = new ArrayList<>(byId.values());
        java.util.Collections.reverse(all);
        all.sort(Comparator.comparing(ApprovalRequest::createdAt).reversed());
        return all;
    }
}
