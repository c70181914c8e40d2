package dev.shipgate.approval.access.domain;

import dev.shipgate.contracts.access.Grant;

import java.util.List;

/**
 * A person who can sign in: contact, groups, and the roles granted to them directly. {@code serviceAccount} marks an
 * account that automation uses (CI), not a person: only such an account gets API tokens made by someone else
 * (DESIGN rule 12).
 */
public record User(String id, String email, String displayName, boolean active, List<String> groups,
                   List<Grant> grants, boolean serviceAccount) {

    public User {
        groups = List.copyOf(groups);
        grants = List.copyOf(grants);
    }

    /** A person (not a service account). */
    public User(String id, String email, String displayName, boolean active, List<String> groups,
                List<Grant> grants) {
        this(id, email, displayName, active, groups, grants, false);
    }
}
