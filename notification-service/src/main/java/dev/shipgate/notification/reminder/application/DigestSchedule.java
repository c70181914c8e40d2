package dev.shipgate.notification.reminder.application;

import java.time.Instant;
import java.util.Optional;

/** When the next daily digest is due, durable, claimed by one instance at a time as reminders are. */
public interface DigestSchedule {

    /** Plans the first digest at {@code first} unless one is planned already. */
    void planFirst(Instant first);

    /** The due time of the digest due at {@code now}, claimed until {@code until}; empty if none is due or free. */
    Optional<Instant> claimDue(Instant now, Instant until);

    /** The digest due at {@code sent} went out: the next is due at {@code next}, unclaimed. */
    void advance(Instant sent, Instant next);
}
