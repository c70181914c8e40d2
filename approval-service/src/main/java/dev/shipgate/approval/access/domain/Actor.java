package dev.shipgate.approval.access.domain;

import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.Channel;

import java.util.List;

/**
 * A user acting on a request: their id, the groups they are in, what they may do, through what they act
 * ({@code via}, recorded in the history with whatever they do; null when unknown), and whether the account is a
 * service account (automation such as CI), which never approves: approvals are people's four eyes, and a super admin
 * may make tokens for a service account, so its vote could be anyone's.
 */
public record Actor(String userId, List<String> groups, Permissions permissions, Channel via,
                    boolean serviceAccount) {

    public Actor {
        groups = List.copyOf(groups);
    }

    public Actor(String userId, List<String> groups, Permissions permissions) {
        this(userId, groups, permissions, null, false);
    }

    public Actor via(Channel channel) {
        return new Actor(userId, groups, permissions, channel, serviceAccount);
    }

    public Actor asServiceAccount() {
        return new Actor(userId, groups, permissions, via, true);
    }

    /** Whether this person may approve images on {@code scope}: an image approver there, and not a service account. */
    public boolean canApproveImages(Scope scope) {
        return !serviceAccount && permissions.canApproveImages(scope);
    }
}
