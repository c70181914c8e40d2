package dev.shipgate.notification.webhook.application;

import dev.shipgate.contracts.access.Scope;
import dev.shipgate.notification.webhook.domain.WebhookSubscription.Format;

import java.util.List;

/**
 * A subscription asked for: {@code pipelineId} or {@code scope} (exactly one), the event types (empty: all), the URL
 * and the format.
 */
public record NewWebhook(String pipelineId, Scope scope, List<String> eventTypes, String url, Format format) {
}
