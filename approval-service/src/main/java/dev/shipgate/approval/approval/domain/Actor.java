package dev.shipgate.approval.approval.domain;

import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Scope;

import java.util.List;

/** A user acting on a request: their id, the groups they are in, and what they may do. */
public record Actor(String userId, List<String> groups, Permissions permissions) {

    public Actor {
        groups = List.copyOf(groups);
    }

    public boolean canApproveImages(Scope scope) {
        return permissions.canApproveImages(scope);
    }
}
