package dev.shipgate.deploy.breakglass.domain;

import dev.shipgate.contracts.access.Role;

import java.time.Duration;
import java.time.Instant;

/**
 * A pipeline's break-glass setting (issue 18; off when a pipeline has none): who holds {@code allowedRole} on the
 * pipeline's scope may deploy without an approval and inside its windows, and an approver must review each
 * break-glass within {@code reviewWithin}. {@link BreakGlassRules#policy} checks a new one.
 *
 * @param allowedRole BUILD_AND_DEPLOY, ADMIN, MANAGER or SUPER_ADMIN (ranked roles include the ones below them)
 * @param reviewWithin from PT1H to P7D
 * @param setBy       who set it (canonical id)
 */
public record BreakGlassPolicy(String pipelineId, Role allowedRole, Duration reviewWithin, String setBy,
                               Instant setAt) {
}
