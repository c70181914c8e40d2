package dev.shipgate.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.shipgate.contracts.EventPayload;

import java.util.List;

/**
 * The whole current configuration of a CD pipeline (compacted topic: the latest per pipeline wins); {@code deleted}
 * marks a removed pipeline. {@code requestLifetimeSeconds}: how long a request may wait for votes (null: the
 * approval-service default). {@code countVoterInEveryRule}: whether one person counts toward every approver rule whose
 * group they are in (true), or toward at most one (false or null, the default; design rule 11). Optional: producers
 * before it was added leave it out. {@code reminders}: the pipeline's reminder and escalation plan (added for issue 19,
 * optional; null or absent: the installation's defaults for every field). Both are left out when null, so that a
 * pipeline that sets neither is the very event a consumer validating against the first published schema (closed: no
 * field it does not name) accepts.
 */
public record PipelineConfigured(String pipelineId, String project, String application, String environment,
                                 String target, int requiredApprovals, List<ApproverRule> approverRules,
                                 long approvalLifetimeSeconds, Long requestLifetimeSeconds,
                                 boolean approverMayDeploy, String trigger, boolean deleted,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) Boolean countVoterInEveryRule,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) PipelineReminders reminders)
        implements EventPayload {

    /** A configuration that counts each voter toward at most one approver rule. */
    public PipelineConfigured(String pipelineId, String project, String application, String environment,
                              String target, int requiredApprovals, List<ApproverRule> approverRules,
                              long approvalLifetimeSeconds, Long requestLifetimeSeconds, boolean approverMayDeploy,
                              String trigger, boolean deleted) {
        this(pipelineId, project, application, environment, target, requiredApprovals, approverRules,
                approvalLifetimeSeconds, requestLifetimeSeconds, approverMayDeploy, trigger, deleted, null);
    }

    /** A configuration without a reminder plan of its own (the installation's defaults). */
    public PipelineConfigured(String pipelineId, String project, String application, String environment,
                              String target, int requiredApprovals, List<ApproverRule> approverRules,
                              long approvalLifetimeSeconds, Long requestLifetimeSeconds, boolean approverMayDeploy,
                              String trigger, boolean deleted, Boolean countVoterInEveryRule) {
        this(pipelineId, project, application, environment, target, requiredApprovals, approverRules,
                approvalLifetimeSeconds, requestLifetimeSeconds, approverMayDeploy, trigger, deleted,
                countVoterInEveryRule, null);
    }

    /** Whether a voter counts toward every rule whose group they are in; absent means no. */
    public boolean countsVoterInEveryRule() {
        return Boolean.TRUE.equals(countVoterInEveryRule);
    }

    @Override
    public String subject() {
        return pipelineId;
    }

    @Override
    public String partitionKey() {
        return pipelineId;
    }
}
