package dev.shipgate.deploy.deployment.application;

import dev.shipgate.contracts.EventPayload;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;

import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Stored deployments; writes are versioned single-document updates with their events. */
public interface Deployments {

    /** Stores a new deployment; false when one with its id exists already. */
    boolean insert(Deployment deployment, List<EventPayload> events);

    boolean update(Deployment deployment, List<EventPayload> events);

    Optional<Deployment> find(String id);

    /** Oldest request first. */
    List<Deployment> findAll(Collection<String> ids);

    /**
     * A pipeline's deployments newest first ({@code requestedAt}, then id), filtered by the database, then paged, with
     * the filter's total; {@code text} (null: all) finds part of the image's tag (any case) or digest, and
     * {@code commitDigests} (may be empty) the images of a commit.
     */
    ListPage<Deployment> forPipeline(String pipelineId, String text, Collection<String> commitDigests, PageAt at);

    List<Deployment> withStatus(List<DeploymentStatus> statuses, int limit);

    List<Deployment> inPipelineWithStatus(String pipelineId, List<DeploymentStatus> statuses);

    /** Break-glass deployments whose review is OPEN (overdue or not), earliest due first. */
    List<Deployment> withOpenReview(int limit);

    /** The image digests of a pipeline's deployments in any of those statuses (the admission webhook's data). */
    Set<String> digestsInPipelineWithStatus(String pipelineId, List<DeploymentStatus> statuses);
}
