package dev.shipgate.notification.subscription.application;

import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.notification.recipient.application.Recipients;

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

    public boolean mayView(String userId, String pipelineId) {
        Permissions permissions = recipients.permissionsOf(userId);
        return pipelines.scopeOf(pipelineId)
                .map(scope -> permissions.canView(scope) || permissions.canApproveImages(scope))
                .orElse(false);
    }
}
