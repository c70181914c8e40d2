package dev.shipgate.approval.pipeline.domain;

import dev.shipgate.approval.approval.domain.ApprovalPolicy;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.ApproverRule;
import dev.shipgate.contracts.events.PipelineConfigured;

import java.time.Duration;
import java.util.List;

/**
 * approval-service's read-only copy of a CD pipeline owned by deploy-service.
 *
 * @param countVoterInEveryRule whether one person counts toward every approver rule whose group they are in; null
 *                              (copies stored before it was kept, producers that leave it out) means no
 */
public record Pipeline(String id, String project, String application, String environment, int requiredApprovals,
                       List<ApproverRule> approverRules, long approvalLifetimeSeconds, Long requestLifetimeSeconds,
                       boolean approverMayDeploy, String trigger, boolean deleted, Boolean countVoterInEveryRule) {

    public static Pipeline from(PipelineConfigured event) {
        return new Pipeline(event.pipelineId(), event.project(), event.application(), event.environment(),
                event.requiredApprovals(), event.approverRules(), event.approvalLifetimeSeconds(),
                event.requestLifetimeSeconds(), event.approverMayDeploy(), event.trigger(), event.deleted(),
                event.countVoterInEveryRule());
    }

    public Scope scope() {
        return new Scope(project, application, environment);
    }

    /** The pipeline's policy; its own request lifetime, or {@code defaultRequestLifetime} when it sets none. */
    public ApprovalPolicy policy(Duration defaultRequestLifetime) {
        Duration requestLifetime = requestLifetimeSeconds == null ? defaultRequestLifetime
                : Duration.ofSeconds(requestLifetimeSeconds);
        return new ApprovalPolicy(requiredApprovals, approverRules, Duration.ofSeconds(approvalLifetimeSeconds),
                requestLifetime, approverMayDeploy, "AUTOMATIC".equals(trigger),
                Boolean.TRUE.equals(countVoterInEveryRule));
    }
}
