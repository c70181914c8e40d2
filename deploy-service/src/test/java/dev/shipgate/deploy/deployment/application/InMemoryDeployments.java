package dev.shipgate.deploy.deployment.application;

import dev.shipgate.contracts.EventPayload;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;

import dev.shipgate.contracts.paging.Cursor;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link Deployments} in memory for unit tests: an update needs the version it read and bumps it, as the database's
 * versioned write does; the events of every write are kept for assertions.
 */
public class InMemoryDeployments implements Deployments {

    private final Map<String, Deployment> byId = new LinkedHashMap<>();
    private final List<EventPayload> events = new ArrayList<>();

    public synchronized void clear() {
        byId.clear();
        events.clear();
    }

    public synchronized List<EventPayload> events() {
        return List.copyOf(events);
    }

    @Override
    public synchronized boolean insert(Deployment deployment, List<EventPayload> written) {
        if (byId.putIfAbsent(deployment.id(), deployment) != null) {
            return false;
        }
        events.addAll(written);
        return true;
    }

    @Override
    public synchronized boolean update(Deployment deployment, List<EventPayload> written) {
        Deployment current = byId.get(deployment.id());
        if (current == null || current.version() != deployment.version()) {
            return false;
        }
        byId.put(deployment.id(), withVersion(deployment, deployment.version() + 1));
        events.addAll(written);
        return true;
    }

    @Override
    public synchronized Optional<Deployment> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<Deployment> findAll(Collection<String> ids) {
        return byId.values().stream().filter(d -> ids.contains(d.id())).sorted(OLDEST_FIRST).toList();
    }

    @Override
    public synchronized ListPage<Deployment> forPipeline(String pipelineId, String text,
                                                         java.util.Collection<String> commitDigests, PageAt at) {
        List<Deployment> all = byId.values().stream().filter(d -> d.image().pipelineId().equals(pipelineId))
                .filter(d -> text == null || d.image().tag().toLowerCase().contains(text.toLowerCase())
                        || d.image().digest().contains(text) || commitDigests.contains(d.image().digest()))
                .sorted(java.util.Comparator.comparing(Deployment::requestedAt).thenComparing(Deployment::id)
                        .reversed()).toList();
        List<Deployment> rest = at.cursor() == null ? all.stream().skip(at.offset()).toList()
                : all.stream().filter(d -> d.requestedAt().isBefore(at.cursor().at())
                || d.requestedAt().equals(at.cursor().at()) && d.id().compareTo(at.cursor().id()) < 0).toList();
        List<Deployment> page = rest.stream().limit(at.size()).toList();
        Deployment last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new ListPage<>(page, all.size(), rest.size() > at.size() ? new Cursor(last.requestedAt(), last.id())
                : null);
    }

    @Override
    public synchronized List<Deployment> withStatus(List<DeploymentStatus> statuses, int limit) {
        return byId.values().stream().filter(d -> statuses.contains(d.status())).sorted(OLDEST_FIRST).limit(limit)
                .toList();
    }

    @Override
    public synchronized List<Deployment> inPipelineWithStatus(String pipelineId, List<DeploymentStatus> statuses) {
        return byId.values().stream().filter(d -> d.image().pipelineId().equals(pipelineId))
                .filter(d -> statuses.contains(d.status())).sorted(OLDEST_FIRST).toList();
    }

    @Override
    public synchronized Set<String> digestsInPipelineWithStatus(String pipelineId,
                                                                List<DeploymentStatus> statuses) {
        return inPipelineWithStatus(pipelineId, statuses).stream().map(d -> d.image().digest())
                .collect(Collectors.toSet());
    }

    @Override
    public synchronized List<Deployment> withOpenReview(int limit) {
        return byId.values().stream().filter(d -> d.breakGlass() != null
                        && d.breakGlass().review() == dev.shipgate.deploy.deployment.domain.BreakGlass.Review.OPEN)
                .sorted(Comparator.comparing(d -> d.breakGlass().reviewDueAt())).limit(limit).toList();
    }

    private static final Comparator<Deployment> OLDEST_FIRST = Comparator.comparing(Deployment::requestedAt);

    private static Deployment withVersion(Deployment d, long version) {
        return new Deployment(d.id(), d.image(), d.requestedBy(), d.rollbackOf(), d.approvalRequestId(), d.status(),
                d.timeline(), d.requestedAt(), d.startedAt(), version, d.approvedBy(), d.rejection(), d.breakGlass());
    }
}
