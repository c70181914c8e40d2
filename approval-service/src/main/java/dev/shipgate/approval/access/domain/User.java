package dev.shipgate.approval.access.domain;

import dev.shipgate.contracts.access.Grant;

import java.util.List;

/** A person who can sign in: contact, groups, and the roles granted to them directly. */
public record User(String id, String email, String displayName, boolean active, List<String> groups,
                   List<Grant> grants) {

    public User {
        groups = List.copyOf(groups);
        grants = List.copyOf(grants);
    }
}
