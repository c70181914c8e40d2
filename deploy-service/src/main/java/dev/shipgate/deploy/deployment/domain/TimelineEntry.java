package dev.shipgate.deploy.deployment.domain;

import java.time.Instant;

/**
 * One step of a deployment: its status, when, and what happened in words.
 *
 * @param link where the step can be seen in the tool that made it (an external target's report: an absolute http or
 *             https URL), else null
 */
public record TimelineEntry(DeploymentStatus status, Instant at, String detail, String link) {

    public TimelineEntry(DeploymentStatus status, Instant at, String detail) {
        this(status, at, detail, null);
    }
}
