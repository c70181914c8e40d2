package dev.shipgate.deploy.replica.application;

import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.events.UserAccessChanged;

/** Read-only copy of approval-service's access, from the compacted access topic. */
public interface AccessReplica {

    void apply(UserAccessChanged access);

    /** Whether at least one active user is in {@code group} (a pipeline's fallback group must have members). */
    boolean hasMembers(String group);

    /** An unknown user may do nothing. */
    Permissions permissions(String userId);
}
