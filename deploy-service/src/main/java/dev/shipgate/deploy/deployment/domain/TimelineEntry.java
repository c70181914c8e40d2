package dev.shipgate.deploy.deployment.domain;

import java.time.Instant;

/** One step of a deployment: its status, when, and what happened in words. */
public record TimelineEntry(DeploymentStatus status, Instant at, String detail) {
}
