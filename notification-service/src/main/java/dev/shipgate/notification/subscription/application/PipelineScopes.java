package dev.shipgate.notification.subscription.application;

import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.contracts.events.PipelineReminders;

import java.util.Optional;

/**
 * Where each pipeline sits (project, application, environment) and its own reminder plan: a replica of the compacted
 * pipelines topic.
 */
public interface PipelineScopes {

    void apply(PipelineConfigured pipeline);

    Optional<Scope> scopeOf(String pipelineId);

    /** The pipeline's own reminder plan ({@code PipelineConfigured.reminders}); empty: none, or unknown pipeline. */
    Optional<PipelineReminders> remindersOf(String pipelineId);
}
