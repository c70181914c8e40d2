package dev.shipgate.notification.webhook.domain;

import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.identity.UserIds;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Where one user wants some of Shipgate's events sent: to one URL, for one pipeline or for every pipeline inside a
 * scope (project, application, environment; {@code *} for any), for the event types listed (empty: every type).
 * The format says what is sent: the signed CloudEvent, or a Slack or Teams chat message. PAUSED after
 * {@code pauseAfter} deliveries FAILED in a row: nothing more is sent until its owner resumes it.
 *
 * @param owner               canonical user id; only the owner (or a super admin) sees and changes it
 * @param pipelineId          the pipeline, or null when {@code scope} says which pipelines
 * @param consecutiveFailures deliveries FAILED since the last one that succeeded
 */
public record WebhookSubscription(String id, String owner, String pipelineId, Scope scope, List<String> eventTypes,
                                  String url, Format format, String secret, Status status, int consecutiveFailures,
                                  String pauseReason, Instant createdAt) {

    public enum Format {
        /** The event as a CloudEvents 1.0 structured-mode JSON body, signed as Standard Webhooks says. */
        CLOUDEVENTS,
        /** A Slack incoming-webhook message with Block Kit blocks. */
        SLACK,
        /** A Microsoft Teams incoming-webhook message with an Adaptive Card attachment. */
        TEAMS
    }

    public enum Status { ACTIVE, PAUSED }

    public WebhookSubscription {
        owner = UserIds.canonical(owner);
        eventTypes = List.copyOf(eventTypes);
    }

    /**
     * The URL as it may be shown back (API, screens, mail): a Slack or Teams incoming-webhook URL is itself the
     * credential that posts to the channel (its path holds the token), so only {@code scheme://host/…} of it; a
     * CloudEvents receiver's URL in full (its deliveries are signed with the subscription's secret instead).
     */
    public String shownUrl() {
        if (format == Format.CLOUDEVENTS) {
            return url;
        }
        URI parsed = URI.create(url); // checked when subscribed (Destinations)
        return parsed.getScheme() + "://" + parsed.getHost() + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort())
                + "/…";
    }

    /** The same subscription holding {@code other} as its secret (the store keeps it sealed). */
    public WebhookSubscription withSecret(String other) {
        return new WebhookSubscription(id, owner, pipelineId, scope, eventTypes, url, format, other, status,
                consecutiveFailures, pauseReason, createdAt);
    }

    /** Whether an event of this type about {@code eventPipeline}, which sits in {@code where}, is sent here. */
    public boolean wants(String eventType, String eventPipeline, Scope where) {
        boolean typeWanted = eventTypes.isEmpty() || eventTypes.contains(eventType);
        boolean placeWanted = pipelineId != null ? pipelineId.equals(eventPipeline)
                : where != null && scope.contains(where);
        return status == Status.ACTIVE && typeWanted && placeWanted;
    }
}
