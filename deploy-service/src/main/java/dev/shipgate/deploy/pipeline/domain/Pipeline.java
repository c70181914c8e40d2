package dev.shipgate.deploy.pipeline.domain;

import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.contracts.events.PipelineReminders;

/**
 * A CD pipeline: one application deployed into one environment through a target, with its approval policy and
 * trigger (MANUAL, or AUTOMATIC: the last approval starts the deployment).
 *
 * @param target   {@code simulated}, {@code kubernetes} or {@code external} (another tool rolls out and reports)
 * @param targetRef what the target deploys to, e.g. {@code namespace/deployment} for Kubernetes; may be null
 * @param reminders the pipeline's reminder and escalation plan (issue 19; {@link ReminderPlanRules} gives its limits);
 *                  null, or a field left null: the installation's default
 */
public record Pipeline(String id, String project, String application, String environment, String target,
                       String targetRef, String strategy, ApprovalSettings approval, Trigger trigger,
                       PipelineReminders reminders, boolean deleted, long version) {

    public enum Trigger { MANUAL, AUTOMATIC }

    public Scope scope() {
        return new Scope(project, application, environment);
    }

    public boolean needsApproval() {
        return approval.requiredApprovals() > 0;
    }

    public Pipeline deleted(boolean isDeleted) {
        return new Pipeline(id, project, application, environment, target, targetRef, strategy, approval, trigger,
                reminders, isDeleted, version);
    }

    public PipelineConfigured toEvent() {
        return new PipelineConfigured(id, project, application, environment, target, approval.requiredApprovals(),
                approval.approverRules(), approval.approvalLifetimeSeconds(), approval.requestLifetimeSeconds(),
                approval.approverMayDeploy(), trigger.name(), deleted,
                approval.countVoterInEveryRule(), reminders);
    }
}
