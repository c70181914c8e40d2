package dev.shipgate.deploy.window.domain;

import dev.shipgate.contracts.access.Scope;

import java.util.Objects;

/**
 * A deployment window (issue 18): a blackout or maintenance time of one pipeline ({@code pipelineId}) or, as a
 * policy, of every pipeline whose scope {@code scope} contains ({@code *} for every project, application or
 * environment; {@code pipelineId} null).
 *
 * @param message        shown to whoever it refuses; never null
 * @param holdsRollbacks whether it refuses rollbacks too (the default); false lets rollbacks through
 */
public record DeploymentWindow(String id, String pipelineId, Scope scope, WindowKind kind, Recurrence recurrence,
                               String message, boolean holdsRollbacks) {

    public DeploymentWindow {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recurrence, "recurrence");
        message = message == null ? "" : message;
        if (pipelineId == null && scope == null) {
            throw new IllegalArgumentException("a window belongs to a pipeline or applies to a scope");
        }
    }

    /** Whether it applies to the pipeline {@code pipelineId} whose scope is {@code pipelineScope}. */
    public boolean appliesTo(String pipelineId, Scope pipelineScope) {
        return this.pipelineId != null ? this.pipelineId.equals(pipelineId) : scope.contains(pipelineScope);
    }

    /** Whether it applies to this kind of deploy: a rollback passes the windows that do not hold rollbacks. */
    public boolean holds(boolean rollback) {
        return !rollback || holdsRollbacks;
    }
}
