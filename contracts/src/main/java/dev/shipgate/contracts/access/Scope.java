package dev.shipgate.contracts.access;

import java.util.Objects;

/** Where a role applies: project, application, environment; {@code *} in a field means every one. */
public record Scope(String project, String application, String environment) {

    public static final String ALL = "*";

    public Scope {
        project = orAll(project);
        application = orAll(application);
        environment = orAll(environment);
    }

    public static Scope everywhere() {
        return new Scope(ALL, ALL, ALL);
    }

    /** Whether this (granted) scope covers the {@code target}; a {@code *} in the target asks for any value. */
    public boolean covers(Scope target) {
        return matches(project, target.project) && matches(application, target.application)
                && matches(environment, target.environment);
    }

    private static boolean matches(String granted, String wanted) {
        return ALL.equals(granted) || ALL.equals(wanted) || Objects.equals(granted, wanted);
    }

    private static String orAll(String value) {
        return value == null || value.isBlank() ? ALL : value;
    }
}
