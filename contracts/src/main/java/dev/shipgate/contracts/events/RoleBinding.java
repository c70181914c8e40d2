package dev.shipgate.contracts.events;

/** A role granted on a scope; {@code *} in a scope field means all. */
public record RoleBinding(String role, String project, String application, String environment) {
}
