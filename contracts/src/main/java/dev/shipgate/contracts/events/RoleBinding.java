package dev.shipgate.contracts.events;

import java.time.Instant;

/**
 * A role granted on a scope; {@code *} in a scope field means all.
 *
 * @param until when the grant stops counting (exclusive, issue 18's time-boxed grants), or null for no end; added in
 *              schema 1.1 of UserAccessChanged, optional
 */
public record RoleBinding(String role, String project, String application, String environment, Instant until) {

    /** A binding with no end. */
    public RoleBinding(String role, String project, String application, String environment) {
        this(role, project, application, environment, null);
    }
}
