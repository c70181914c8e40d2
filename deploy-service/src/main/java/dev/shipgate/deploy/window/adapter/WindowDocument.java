package dev.shipgate.deploy.window.adapter;

import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.deploy.window.domain.DeploymentWindow;
import dev.shipgate.deploy.window.domain.Recurrence;
import dev.shipgate.deploy.window.domain.WindowKind;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A deployment window as the API shows it and MongoDB stores it: plain strings, read back through the domain's
 * checks. A pipeline's window has {@code pipelineId} and no scope; a policy a scope ({@code *} for every value).
 *
 * @param recurrence     an RFC 5545 RRULE, e.g. {@code FREQ=WEEKLY;BYDAY=SA}
 * @param duration       ISO-8601, wall-clock time in {@code timeZone}, e.g. {@code P2D}
 * @param timeZone       an IANA zone id, e.g. {@code Europe/Berlin}
 * @param startDate      ISO local date or null
 * @param endDate        ISO local date (inclusive) or null
 */
record WindowDocument(String id, String pipelineId, String project, String application, String environment,
                             WindowKind kind, String recurrence, String duration, String timeZone,
                             LocalDate startDate, LocalDate endDate, String message, boolean holdsRollbacks) {

    static WindowDocument of(DeploymentWindow window) {
        Scope scope = window.scope();
        Recurrence r = window.recurrence();
        return new WindowDocument(window.id(), window.pipelineId(), scope == null ? null : scope.project(),
                scope == null ? null : scope.application(), scope == null ? null : scope.environment(),
                window.kind(), r.rule(), r.duration().toString(), r.zone().getId(), r.startDate(), r.endDate(),
                window.message(), window.holdsRollbacks());
    }

    /** The domain's window; a refusal naming the field that cannot be used. */
    DeploymentWindow toWindow() {
        Scope scope = pipelineId == null ? new Scope(project, application, environment) : null;
        return new DeploymentWindow(id, pipelineId, scope, kind,
                new Recurrence(recurrence, durationOf(duration), Recurrence.zoneOf(timeZone), startDate, endDate),
                message, holdsRollbacks);
    }

    private static Duration durationOf(String duration) {
        try {
            return Duration.parse(duration);
        } catch (DateTimeParseException | NullPointerException e) {
            throw Refusal.invalidField("duration", "must be an ISO-8601 duration such as PT8H or P2D").exception();
        }
    }
}
