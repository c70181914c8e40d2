package dev.shipgate.notification.reminder.domain;

import java.time.Instant;

/**
 * One planned mail about a request still waiting: a reminder to the approvers who have not acted, or its escalation
 * to the pipeline's fallback group.
 *
 * @param number 1 for the first reminder (always 1 for the escalation)
 * @param at     when it is due
 */
public record Nudge(Kind kind, int number, Instant at) {

    public enum Kind { REMIND, ESCALATE }
}
