package dev.shipgate.approval.audit.application;

import dev.shipgate.approval.audit.domain.BreakGlassLines;
import dev.shipgate.contracts.events.BreakGlassReviewChanged;
import dev.shipgate.contracts.events.DeploymentBrokeGlass;

/**
 * Puts deploy-service's break-glass events into the audit (issue 18). Who may read a line is decided when reading, by
 * its pipeline, as for every other line ({@link AuditService#mayRead}).
 */
public class BreakGlassAudit {

    private final BreakGlassTrail trail;

    public BreakGlassAudit(BreakGlassTrail trail) {
        this.trail = trail;
    }

    public void record(DeploymentBrokeGlass event) {
        trail.keep(BreakGlassLines.of(event));
    }

    public void record(BreakGlassReviewChanged event) {
        trail.keep(BreakGlassLines.of(event));
    }
}
