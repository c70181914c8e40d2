package dev.shipgate.deploy.window.domain;

import dev.shipgate.contracts.refusal.Refusal;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a window is there: an RFC 5545 recurrence rule (parsed and expanded by lib-recur) giving the local start of
 * each occurrence, and how long each lasts, both read in an IANA time zone.
 *
 * <p>The rule is expanded in local ("floating") time from {@code startDate} at 00:00 (or {@link #ANCHOR} when there
 * is none), so {@code FREQ=WEEKLY;BYDAY=SA} starts every Saturday at 00:00 and {@code BYHOUR}/{@code BYMINUTE} set
 * another time of day. The duration is wall-clock time in the zone: an occurrence from Saturday 00:00 lasting
 * {@code P2D} ends Monday 00:00 also on a weekend when the clocks change (it then lasts 47 or 49 real hours). A local
 * start that does not exist (inside a spring-forward gap) moves forward by the gap, and its end with it; one that
 * exists twice (autumn) is its earlier instant, as {@link ZonedDateTime#of} resolves them.
 *
 * @param rule      an RFC 5545 RRULE value, e.g. {@code FREQ=WEEKLY;BYDAY=SA,SU}
 * @param duration  how long each occurrence lasts, positive, at most {@link #LONGEST}
 * @param zone      the IANA zone the rule and duration are read in, e.g. {@code Europe/Berlin}
 * @param startDate the first day an occurrence may start on (local date), or null for no limit
 * @param endDate   the last day an occurrence may start on (inclusive), or null for no limit
 * @throws dev.shipgate.contracts.refusal.RefusedException naming the field when one cannot be used
 */
public record Recurrence(String rule, Duration duration, ZoneId zone, LocalDate startDate, LocalDate endDate) {

    /** Where a rule without a start date is expanded from: a Monday, long enough ago. */
    public static final LocalDate ANCHOR = LocalDate.of(2000, 1, 3);

    /** The longest occurrence: longer ones are better written as a start and end date. */
    public static final Duration LONGEST = Duration.ofDays(366);

    /** How far past a local time the expansion looks for occurrences around it (zone offsets are below a day). */
    private static final Duration SLACK = Duration.ofDays(2);

    public Recurrence {
        parse(rule);
        if (duration == null || duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST) > 0) {
            throw Refusal.invalidField("duration", "must be a positive ISO-8601 duration of at most P366D").exception();
        }
        if (zone == null) {
            throw Refusal.invalidField("timeZone", "is required (an IANA id such as Europe/Berlin)").exception();
        }
        if (startDate != null && endDate != null && endDate.isBefore(startDate)) {
            throw Refusal.invalidField("endDate", "must not be before startDate").exception();
        }
    }

    /** Reads {@code zone} as an IANA id such as {@code Europe/Berlin}; a refusal naming the field otherwise. */
    public static ZoneId zoneOf(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            throw Refusal.invalidField("timeZone", "must be an IANA time zone id such as Europe/Berlin").exception();
        }
    }

    /** The occurrences that contain {@code t}; empty when none does. */
    public List<Interval> containing(Instant t) {
        LocalDateTime local = LocalDateTime.ofInstant(t, zone);
        RecurrenceRuleIterator starts = startsFrom(local.minus(duration).minus(SLACK));
        LocalDateTime last = local.plus(SLACK);
        List<Interval> found = new ArrayList<>();
        while (starts.hasNext()) {
            LocalDateTime start = localOf(starts.nextDateTime());
            if (start.isAfter(last) || beyondEnd(start)) {
                break;
            }
            Interval occurrence = occurrenceFrom(start);
            if (!beforeStart(start) && occurrence.contains(t)) {
                found.add(occurrence);
            }
        }
        return found;
    }

    /** The first occurrence that starts after {@code t}, if the rule and the end date leave one. */
    public Optional<Interval> nextAfter(Instant t) {
        RecurrenceRuleIterator starts = startsFrom(LocalDateTime.ofInstant(t, zone).minus(SLACK));
        while (starts.hasNext()) {
            LocalDateTime start = localOf(starts.nextDateTime());
            if (beyondEnd(start)) {
                return Optional.empty();
            }
            Interval occurrence = occurrenceFrom(start);
            if (!beforeStart(start) && occurrence.start().isAfter(t)) {
                return Optional.of(occurrence);
            }
        }
        return Optional.empty();
    }

    private Interval occurrenceFrom(LocalDateTime start) {
        ZonedDateTime begins = start.atZone(zone);
        return new Interval(begins.toInstant(), begins.toLocalDateTime().plus(duration).atZone(zone).toInstant());
    }

    private boolean beforeStart(LocalDateTime start) {
        return startDate != null && start.toLocalDate().isBefore(startDate);
    }

    private boolean beyondEnd(LocalDateTime start) {
        return endDate != null && start.toLocalDate().isAfter(endDate);
    }

    private RecurrenceRuleIterator startsFrom(LocalDateTime from) {
        LocalDate first = startDate == null ? ANCHOR : startDate;
        RecurrenceRuleIterator iterator = parse(rule).iterator(new DateTime(first.getYear(),
                first.getMonthValue() - 1, first.getDayOfMonth(), 0, 0, 0));
        iterator.fastForward(new DateTime(from.getYear(), from.getMonthValue() - 1, from.getDayOfMonth(),
                from.getHour(), from.getMinute(), from.getSecond()));
        return iterator;
    }

    private static LocalDateTime localOf(DateTime floating) {
        return LocalDateTime.of(floating.getYear(), floating.getMonth() + 1, floating.getDayOfMonth(),
                floating.getHours(), floating.getMinutes(), floating.getSeconds());
    }

    private static RecurrenceRule parse(String rule) {
        if (rule == null || rule.isBlank() || rule.length() > 500) {
            throw Refusal.invalidField("recurrence",
                    "is required: an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=SA").exception();
        }
        try {
            return new RecurrenceRule(rule, RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException | IllegalArgumentException e) {
            throw Refusal.invalidField("recurrence", "is not an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=SA")
                    .exception();
        }
    }
}
