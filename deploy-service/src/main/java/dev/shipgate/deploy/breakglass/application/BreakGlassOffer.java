package dev.shipgate.deploy.breakglass.application;

import dev.shipgate.deploy.breakglass.domain.BreakGlassPolicy;
import dev.shipgate.deploy.deployment.domain.Deployment;

/**
 * What a caller may do on a pipeline in an incident: whether they may break the glass, and the release a rollback
 * would go back to, so the UI offers "Roll back now (break-glass)" or "Request approval for <tag>" before any click.
 *
 * @param policy     the pipeline's policy, null when break-glass is off
 * @param allowed    whether this caller may break the glass here
 * @param reason     when not allowed: the refusal's code (BREAK_GLASS_NOT_ENABLED, NOT_ALLOWED_TO_BREAK_GLASS,
 *                   NOT_ALLOWED_TO_DEPLOY); else null
 * @param detail     when not allowed: why, in words; else null
 * @param rollbackTo the previous healthy release, null when there is none
 */
public record BreakGlassOffer(BreakGlassPolicy policy, boolean allowed, String reason, String detail,
                              Deployment rollbackTo) {
}
