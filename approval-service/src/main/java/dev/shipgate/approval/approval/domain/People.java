package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.access.domain.Actor;

/**
 * Each person as they are now: their groups and permissions (design rule 10). An unknown or deactivated user has no
 * permissions, so a vote of theirs stops counting.
 */
@FunctionalInterface
public interface People {

    Actor now(String userId);
}
