package dev.shipgate.approval.approval.domain;

import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.Channel;

import java.util.List;

/**
 * A user acting on a request: their id, the groups they are in, what they may do, and through what they act
 * ({@code via}, recorded in the history with whatever they do; null when unknown).
 */
public record Actor(String userId, List<String> groups, Permissions permissions, Channel via) {

    public Actor {
        groups = List.copyOf(groups);
    }

    public Actor(String userId, List<String> groups, Permissions permissions) {
        this(userId, groups, permissions, null);
    }

    public Actor via(Channel channel) {
        return new Actor(userId, groups, permissions, channel);
    }

    public boolean canApproveImages(Scope scope) {
        return permissions.canApproveImages(scope);
    }
}
