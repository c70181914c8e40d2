package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

import java.util.List;

/**
 * The whole current access of one user (compacted topic: the latest per user wins): contact, groups, and the role
 * bindings in effect (direct ones and those inherited from groups).
 */
public record UserAccessChanged(String userId, String email, String displayName, boolean active,
                                List<String> groups, List<RoleBinding> roles) implements EventPayload {

    @Override
    public String subject() {
        return userId;
    }

    @Override
    public String partitionKey() {
        return userId;
    }
}
