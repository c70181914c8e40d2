package dev.shipgate.notification.recipient.application;

import dev.shipgate.contracts.events.UserAccessChanged;

import java.util.Optional;

/** Who can be emailed: a replica of the users' contact data from the access topic. */
public interface Recipients {

    void apply(UserAccessChanged access);

    /** The address of an active user. */
    Optional<String> emailOf(String userId);

    /** Super admins may read every delivery and change the mail settings. */
    boolean isSuperAdmin(String userId);
}
