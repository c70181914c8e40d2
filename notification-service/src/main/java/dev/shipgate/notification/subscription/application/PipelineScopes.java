package dev.shipgate.notification.subscription.application;

import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.PipelineConfigured;

import java.util.Optional;

/** Where each pipeline sits (project, application, environment): a replica of the compacted pipelines topic. */
public interface PipelineScopes {

    void apply(PipelineConfigured pipeline);

    Optional<Scope> scopeOf(String pipelineId);
}
