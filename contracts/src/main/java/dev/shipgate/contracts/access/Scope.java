package dev.shipgate.contracts.access;

import java.util.Objects;

/**
 * Where a role applies: project, application, environment; {@code *} in a field means every one.
 *
 * <p>Two relations, never one for both (design rule 13): {@link #contains} answers "does a grant on this scope reach
 * that target?" and is the only one used to act or to grant; {@link #overlaps} answers "do these two scopes share any
 * concrete place?" and serves only questions that really mean "anywhere in", such as listing what a user may see.
 */
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

    /**
     * Whether this scope contains {@code target}: each field is {@code *} or equal to the target's. A {@code *} in
     * the target asks for every value, so only a {@code *} here contains it. A partial order: reflexive,
     * antisymmetric, transitive; {@link #everywhere()} contains every scope.
     */
    public boolean contains(Scope target) {
        return containsField(project, target.project) && containsField(application, target.application)
                && containsField(environment, target.environment);
    }

    /**
     * Whether some concrete (project, application, environment) lies in both scopes: each field pair is equal or has
     * a {@code *}. Symmetric; not for deciding whether someone may act or grant.
     */
    public boolean overlaps(Scope other) {
        return overlapsField(project, other.project) && overlapsField(application, other.application)
                && overlapsField(environment, other.environment);
    }

    private static boolean containsField(String mine, String theirs) {
        return ALL.equals(mine) || Objects.equals(mine, theirs);
    }

    private static boolean overlapsField(String mine, String theirs) {
        return ALL.equals(mine) || ALL.equals(theirs) || Objects.equals(mine, theirs);
    }

    private static String orAll(String value) {
        return value == null || value.isBlank() ? ALL : value;
    }
}
