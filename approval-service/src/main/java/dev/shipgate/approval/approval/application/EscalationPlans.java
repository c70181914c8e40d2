package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.approval.domain.Escalations;
import dev.shipgate.approval.pipeline.application.PipelineReplica;

/** The escalations in force now (issue 19): read on each query, since a pipeline's plan may change at any time. */
@FunctionalInterface
public interface EscalationPlans {

    Escalations current();

    /** Each pipeline's own plan from the pipeline replica, over the installation's {@code defaults}. */
    static EscalationPlans of(Escalations.Plan defaults, PipelineReplica pipelines) {
        return () -> Escalations.of(defaults, pipelines.ownReminders());
    }
}
