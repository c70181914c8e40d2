package dev.shipgate.notification.webhook.application;

import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.notification.recipient.application.Recipients;
import dev.shipgate.notification.subscription.application.PipelineAccess;

/**
 * Who may follow what by webhook or chat: whoever may see it (the same rule as deployment emails, from this
 * service's replica of access events). Checked when subscribing and again for every event, so a subscriber who loses
 * access stops receiving.
 */
public class WebhookAccess {

    private final PipelineAccess pipelines;
    private final Recipients recipients;

    public WebhookAccess(PipelineAccess pipelines, Recipients recipients) {
        this.pipelines = pipelines;
        this.recipients = recipients;
    }

    public boolean mayViewPipeline(String userId, String pipelineId) {
        return pipelines.mayView(userId, pipelineId);
    }

    /** Every pipeline inside {@code scope}: only a grant that contains the whole scope lets one see them all. */
    public boolean mayViewScope(String userId, Scope scope) {
        Permissions permissions = recipients.permissionsOf(userId);
        return permissions.canView(scope) || permissions.canApproveImages(scope);
    }

    public boolean isSuperAdmin(String userId) {
        return recipients.isSuperAdmin(userId);
    }
}
