package dev.shipgate.notification.reminder.application;

import dev.shipgate.notification.delivery.application.MessageComposer.WaitingRequest;
import dev.shipgate.notification.delivery.application.NotificationService;
import dev.shipgate.notification.delivery.domain.Message;
import dev.shipgate.notification.reminder.domain.Reminder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daily digest (issue 19): once a day at {@code at} (UTC), each approver who is still asked to act on open
 * requests gets one mail listing them, oldest first. Claimed like a reminder step and delivered under the day's id
 * ({@code digest:2026-12-01}), so it goes out once a day however many instances run, and a day missed while every
 * instance was down is sent when the first one comes back.
 */
public class DigestService {

    public static final String DIGEST_TYPE = "dev.shipgate.notification.digest";

    private final Reminders reminders;
    private final DigestSchedule schedule;
    private final NotificationService notifications;
    private final Clock clock;
    private final LocalTime at;
    private final Duration claimDuration;

    public DigestService(Reminders reminders, DigestSchedule schedule, NotificationService notifications, Clock clock,
                         LocalTime at, Duration claimDuration) {
        this.reminders = reminders;
        this.schedule = schedule;
        this.notifications = notifications;
        this.clock = clock;
        this.at = at;
        this.claimDuration = claimDuration;
    }

    /** Sends the digest if it is due; returns how many approvers were mailed (0 when not due). */
    public int sendIfDue() {
        Instant now = clock.instant();
        schedule.planFirst(nextAfter(now));
        var due = schedule.claimDue(now, now.plus(claimDuration).truncatedTo(ChronoUnit.MILLIS));
        if (due.isEmpty()) {
            return 0;
        }
        Map<String, List<WaitingRequest>> byApprover = new TreeMap<>();
        for (Reminder reminder : reminders.waiting()) {
            for (String approver : reminder.waitingOn()) {
                byApprover.computeIfAbsent(approver, a -> new ArrayList<>()).add(new WaitingRequest(reminder.image(),
                        reminder.requestedBy(), reminder.requestedAt()));
            }
        }
        List<Message> messages = byApprover.entrySet().stream()
                .map(e -> notifications.composer().digest(e.getKey(), e.getValue())).toList();
        notifications.deliver("digest:" + due.get().atZone(ZoneOffset.UTC).toLocalDate(), DIGEST_TYPE, messages);
        schedule.advance(due.get(), nextAfter(due.get()));
        return messages.size();
    }

    /** The first moment strictly after {@code t} at the digest's time of day (UTC). */
    Instant nextAfter(Instant t) {
        ZonedDateTime candidate = t.atZone(ZoneOffset.UTC).with(at).truncatedTo(ChronoUnit.SECONDS);
        return (candidate.toInstant().isAfter(t) ? candidate : candidate.plusDays(1)).toInstant();
    }
}
