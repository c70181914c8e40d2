package dev.shipgate.approval.access.domain;

import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.identity.UserIds;

import java.util.List;

/**
 * A person (or, with {@code serviceAccount}, automation such as CI) who can sign in: contact, groups, and the roles
 * granted to them directly. The id is kept in its canonical form ({@link UserIds}), so {@code BOB} and {@code bob}
 * can never be two users.
 *
 * @param serviceAccount an account of automation rather than of a person (design rule 12): only a service account
 *                       may name someone else as an image's builder, and only it gets API tokens made by someone
 *                       else; set by a super admin or the seed file. Never null: absent (users stored before it
 *                       existed) means a person.
 */
public record User(String id, String email, String displayName, boolean active, List<String> groups,
                   List<Grant> grants, Boolean serviceAccount) {

    public User {
        id = UserIds.canonical(id);
        serviceAccount = Boolean.TRUE.equals(serviceAccount);
        groups = List.copyOf(groups);
        grants = List.copyOf(grants);
    }

    /** A person (not a service account). */
    public User(String id, String email, String displayName, boolean active, List<String> groups,
                List<Grant> grants) {
        this(id, email, displayName, active, groups, grants, false);
    }
}
