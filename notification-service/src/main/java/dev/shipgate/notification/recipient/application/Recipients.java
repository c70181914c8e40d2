package dev.shipgate.notification.recipient.application;

import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.events.UserAccessChanged;

import java.util.List;
import java.util.Optional;

/** Who can be emailed, and what they may see: a replica of the users' contact data and grants (access topic). */
public interface Recipients {

    void apply(UserAccessChanged access);

    /** The address of an active user. */
    Optional<String> emailOf(String userId);

    /** The grants of an active user; none for an unknown or inactive one. */
    Permissions permissionsOf(String userId);

    /** Every active user, sorted by id (few: the pipeline's approvers and admins are found among them). */
    List<String> active();

    /** The active members of a group (a pipeline's fallback group), sorted by id. */
    List<String> membersOf(String group);

    /** Super admins may read every delivery and change the mail settings. */
    default boolean isSuperAdmin(String userId) {
        return permissionsOf(userId).isSuperAdmin();
    }
}
