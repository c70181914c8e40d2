package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

import java.util.List;

/**
 * The whole current configuration of a CD pipeline (compacted topic: the latest per pipeline wins); {@code deleted}
 * marks a removed pipeline. {@code requestLifetimeSeconds}: how long a request may wait for votes (null: the
 * approval-service default).
 */
public record PipelineConfigured(String pipelineId, String project, String application, String environment,
                                 String target, int requiredApprovals, List<ApproverRule> approverRules,
                                 long approvalLifetimeSeconds, Long requestLifetimeSeconds,
                                 boolean approverMayDeploy, String trigger, boolean deleted) implements EventPayload {

    @Override
    public String subject() {
        return pipelineId;
    }

    @Override
    public String partitionKey() {
        return pipelineId;
    }
}
