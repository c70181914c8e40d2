package dev.shipgate.notification.reminder.application;

import dev.shipgate.notification.reminder.domain.Reminder;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The open requests' reminders, durable: their due times survive restarts, and each due step is claimed by one
 * instance at a time (a conditional update), so several instances send it once.
 */
public interface Reminders {

    /** Stores a new request's reminder; one already there (a repeated event) is kept as it is. */
    void track(Reminder reminder);

    /** {@code userId} (canonical) acted on the request: no more reminders to them. */
    void acted(String requestId, String userId);

    /** {@code userId} (canonical) withdrew their approval of the open request: they have to act again. */
    void waitingAgain(String requestId, String userId);

    /** The request is decided, cancelled or expired: nothing more to send. */
    void close(String requestId);

    /**
     * One reminder whose next step is due at {@code now} and is not claimed, claimed until {@code until} by this
     * instance; empty when none. An instance that dies holding a claim leaves the step due again at its end.
     */
    Optional<Reminder> claimDue(Instant now, Instant until);

    /** Records the claimed step as sent: the reminder moves to its next step, unclaimed. */
    void advance(Reminder claimed);

    /** Every open request still waiting on someone, oldest first (for the digest). */
    List<Reminder> waiting();
}
