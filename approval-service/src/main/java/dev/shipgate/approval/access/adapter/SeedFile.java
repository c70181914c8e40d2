package dev.shipgate.approval.access.adapter;

import dev.shipgate.approval.access.domain.Group;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.events.RoleBinding;

import java.util.List;

/**
 * The local default's users and groups (README: {@code config/seed.json}). Passwords are stored there only as
 * hashes; the gateway checks them, approval-service ignores them.
 */
record SeedFile(List<SeedGroup> groups, List<SeedUser> users) {

    public SeedFile {
        groups = groups == null ? List.of() : groups;
        users = users == null ? List.of() : users;
    }

    public record SeedGroup(String name, String description, List<RoleBinding> roles) {
        Group toGroup() {
            return new Group(name, description == null ? "" : description, grants(roles));
        }
    }

    /** @param serviceAccount true for automation such as CI (see {@link User}); absent means a person */
    public record SeedUser(String id, String email, String displayName, String passwordHash, List<String> groups,
                           List<RoleBinding> roles, Boolean serviceAccount) {
        User toUser() {
            return new User(id, email, displayName == null ? id : displayName, true,
                    groups == null ? List.of() : groups, grants(roles), Boolean.TRUE.equals(serviceAccount));
        }
    }

    private static List<Grant> grants(List<RoleBinding> roles) {
        return roles == null ? List.of() : roles.stream().map(Grant::of).toList();
    }
}
