package dev.shipgate.notification.subscription.application;

import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.notification.recipient.application.Recipients;

import java.util.List;

/**
 * Who may follow a pipeline's deployments by email: whoever may see the pipeline. Checked when subscribing and again
 * for every mail, so losing access stops the mail too.
 */
public class PipelineAccess {

    private final PipelineScopes pipelines;
    private final Recipients recipients;

    public PipelineAccess(PipelineScopes pipelines, Recipients recipients) {
        this.pipelines = pipelines;
        this.recipients = recipients;
    }

    /**
     * Who must hear of a break-glass on the pipeline (issue 18): its approvers (Approve images on its scope, super
     * admins included) and its admins (Admin or Manager there), sorted by id; none for a pipeline not known here.
     */
    public List<String> approversAndAdmins(String pipelineId) {
        return pipelines.scopeOf(pipelineId).map(scope -> recipients.active().stream().filter(user -> {
            Permissions permissions = recipients.permissionsOf(user);
            return permissions.canApproveImages(scope) || permissions.canAdminister(scope);
        }).toList()).orElse(List.of());
    }

    public boolean mayView(String userId, String pipelineId) {
        Permissions permissions = recipients.permissionsOf(userId);
        return pipelines.scopeOf(pipelineId)
                .map(scope -> permissions.canView(scope) || permissions.canApproveImages(scope))
                .orElse(false);
    }
}
