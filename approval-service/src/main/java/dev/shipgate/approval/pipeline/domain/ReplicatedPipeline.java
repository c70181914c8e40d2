package dev.shipgate.approval.pipeline.domain;

import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.ApproverRule;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.contracts.events.PipelineReminders;

import java.util.List;

/**
 * approval-service's read-only copy of a CD pipeline owned by deploy-service.
 *
 * @param countVoterInEveryRule whether one person counts toward every approver rule whose group they are in; null
 *                              (copies stored before it was kept, producers that leave it out) means no
 * @param reminders             the pipeline's own reminder and escalation plan (issue 19); null: the installation's
 */
public record ReplicatedPipeline(String id, String project, String application, String environment,
                                 int requiredApprovals, List<ApproverRule> approverRules, long approvalLifetimeSeconds,
                                 Long requestLifetimeSeconds, boolean approverMayDeploy, String trigger,
                                 boolean deleted, Boolean countVoterInEveryRule, PipelineReminders reminders) {

    public static ReplicatedPipeline from(PipelineConfigured event) {
        return new ReplicatedPipeline(event.pipelineId(), event.project(), event.application(), event.environment(),
                event.requiredApprovals(), event.approverRules(), event.approvalLifetimeSeconds(),
                event.requestLifetimeSeconds(), event.approverMayDeploy(), event.trigger(), event.deleted(),
                event.countVoterInEveryRule(), event.reminders());
    }

    public Scope scope() {
        return new Scope(project, application, environment);
    }
}
