package dev.shipgate.deploy.window.domain;

import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.refusal.RefusedException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Window arithmetic (issue 18): zones, daylight saving, midnight, month ends, overlaps, start and end dates. */
class WindowCalendarTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId UTC = ZoneId.of("UTC");

    static DeploymentWindow window(WindowKind kind, String rule, String duration, ZoneId zone) {
        return window(kind, rule, duration, zone, null, null);
    }

    static DeploymentWindow window(WindowKind kind, String rule, String duration, ZoneId zone, LocalDate start,
                                   LocalDate end) {
        return new DeploymentWindow("w-" + kind + rule, "payments-prod", null, kind,
                new Recurrence(rule, Duration.parse(duration), zone, start, end), kind + " " + rule, true);
    }

    static WindowVerdict at(String instant, DeploymentWindow... windows) {
        return new WindowCalendar(List.of(windows)).at(Instant.parse(instant));
    }

    static final DeploymentWindow BERLIN_WEEKENDS = window(WindowKind.BLACKOUT, "FREQ=WEEKLY;BYDAY=SA", "P2D", BERLIN);

    @Test
    void aWeekendBlackoutInBerlinEndsAtMondayMidnightLocalWhenTheClocksGoForward() {
        // 2026-03-29, the last Sunday of March: 02:00 CET becomes 03:00 CEST; Monday 00:00 CEST is 22:00 UTC
        assertThat(at("2026-03-27T22:59:59Z", BERLIN_WEEKENDS).isOpen()).isTrue(); // Friday 23:59:59 CET
        WindowVerdict saturday = at("2026-03-27T23:00:00Z", BERLIN_WEEKENDS);
        assertThat(saturday.closedBy()).isEqualTo(BERLIN_WEEKENDS);
        assertThat(saturday.nextOpening()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(at("2026-03-29T21:59:59Z", BERLIN_WEEKENDS).isOpen()).isFalse();
        assertThat(at("2026-03-29T22:00:00Z", BERLIN_WEEKENDS).isOpen()).isTrue();
    }

    @Test
    void aWeekendBlackoutInBerlinEndsAtMondayMidnightLocalWhenTheClocksGoBack() {
        // 2026-10-25, the last Sunday of October: 03:00 CEST becomes 02:00 CET; the weekend lasts 49 hours
        assertThat(at("2026-10-23T21:59:59Z", BERLIN_WEEKENDS).isOpen()).isTrue();
        WindowVerdict sunday = at("2026-10-25T12:00:00Z", BERLIN_WEEKENDS);
        assertThat(sunday.isOpen()).isFalse();
        assertThat(sunday.nextOpening()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(at("2026-10-25T22:30:00Z", BERLIN_WEEKENDS).isOpen()).isFalse();
        assertThat(at("2026-10-25T23:00:00Z", BERLIN_WEEKENDS).isOpen()).isTrue();
    }

    @Test
    void aLocalStartTimeInsideTheSpringGapMovesForwardByTheGap() {
        DeploymentWindow night = window(WindowKind.MAINTENANCE, "FREQ=DAILY;BYHOUR=2;BYMINUTE=30", "PT1H", BERLIN);
        // 02:30 does not exist on 2026-03-29 in Berlin: it opens at 03:30 CEST (01:30 UTC), for one local hour
        WindowVerdict before = at("2026-03-29T00:00:00Z", night);
        assertThat(before.nextOpening()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(at("2026-03-29T01:30:00Z", night).isOpen()).isTrue();
        assertThat(at("2026-03-29T02:29:59Z", night).isOpen()).isTrue();
        assertThat(at("2026-03-29T02:30:00Z", night).isOpen()).isFalse();
        // the day after, 02:30 CEST is 00:30 UTC again
        assertThat(at("2026-03-29T12:00:00Z", night).nextOpening()).isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
    }

    @Test
    void theSameRuleInAnotherZoneIsAnotherInstant() {
        DeploymentWindow tokyo = window(WindowKind.BLACKOUT, "FREQ=DAILY;BYHOUR=9", "PT8H", ZoneId.of("Asia/Tokyo"));
        DeploymentWindow newYork = window(WindowKind.BLACKOUT, "FREQ=DAILY;BYHOUR=9", "PT8H",
                ZoneId.of("America/New_York"));
        Instant tokyoMorning = Instant.parse("2026-06-10T00:30:00Z"); // 09:30 in Tokyo, 20:30 the day before in NY
        assertThat(new WindowCalendar(List.of(tokyo)).at(tokyoMorning).nextOpening())
                .isEqualTo(Instant.parse("2026-06-10T08:00:00Z"));
        assertThat(new WindowCalendar(List.of(newYork)).at(tokyoMorning).isOpen()).isTrue();
    }

    @Test
    void aMaintenanceWindowAcrossMidnightHoldsBothDays() {
        DeploymentWindow nights = window(WindowKind.MAINTENANCE, "FREQ=DAILY;BYHOUR=22", "PT4H", UTC);
        assertThat(at("2026-05-31T23:30:00Z", nights).isOpen()).isTrue();
        assertThat(at("2026-06-01T01:59:59Z", nights).isOpen()).isTrue();
        WindowVerdict morning = at("2026-06-01T02:00:00Z", nights);
        assertThat(morning.closedBy()).isEqualTo(nights);
        assertThat(morning.nextOpening()).isEqualTo(Instant.parse("2026-06-01T22:00:00Z"));
    }

    @Test
    void aBlackoutOnTheLastEveningOfTheMonthRunsIntoTheNextMonth() {
        DeploymentWindow monthEnd = window(WindowKind.BLACKOUT, "FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=20", "PT8H", UTC);
        assertThat(at("2026-02-28T19:59:59Z", monthEnd).isOpen()).isTrue();
        WindowVerdict closing = at("2026-03-01T03:00:00Z", monthEnd);
        assertThat(closing.isOpen()).isFalse();
        assertThat(closing.nextOpening()).isEqualTo(Instant.parse("2026-03-01T04:00:00Z"));
        assertThat(at("2026-03-30T20:00:00Z", monthEnd).isOpen()).isTrue(); // March has 31 days
        assertThat(at("2026-03-31T20:00:00Z", monthEnd).isOpen()).isFalse();
        assertThat(at("2026-12-31T23:00:00Z", monthEnd).nextOpening()).isEqualTo(Instant.parse("2027-01-01T04:00:00Z"));
    }

    @Test
    void aBlackoutWinsOverAMaintenanceWindowItOverlaps() {
        DeploymentWindow evenings = window(WindowKind.MAINTENANCE, "FREQ=DAILY;BYHOUR=20", "PT4H", UTC);
        DeploymentWindow fridayNight = window(WindowKind.BLACKOUT, "FREQ=WEEKLY;BYDAY=FR;BYHOUR=22", "PT6H", UTC);
        // Friday 2026-06-05
        assertThat(at("2026-06-05T21:00:00Z", evenings, fridayNight).isOpen()).isTrue();
        WindowVerdict frozen = at("2026-06-05T22:30:00Z", evenings, fridayNight);
        assertThat(frozen.closedBy()).isEqualTo(fridayNight);
        // the blackout ends at 04:00 Saturday, outside maintenance: the next opening is Saturday's evening
        assertThat(frozen.nextOpening()).isEqualTo(Instant.parse("2026-06-06T20:00:00Z"));
        assertThat(at("2026-06-06T12:00:00Z", evenings, fridayNight).closedBy()).isEqualTo(evenings);
    }

    @Test
    void startAndEndDatesLimitTheDaysOccurrencesStartOn() {
        DeploymentWindow holidays = window(WindowKind.BLACKOUT, "FREQ=DAILY", "P1D", UTC,
                LocalDate.of(2026, 12, 20), LocalDate.of(2026, 12, 22));
        assertThat(at("2026-12-19T23:59:59Z", holidays).isOpen()).isTrue();
        WindowVerdict frozen = at("2026-12-21T12:00:00Z", holidays);
        assertThat(frozen.nextOpening()).isEqualTo(Instant.parse("2026-12-23T00:00:00Z")); // days chain up
        assertThat(at("2026-12-23T00:00:00Z", holidays).isOpen()).isTrue();
        assertThat(at("2027-12-21T12:00:00Z", holidays).isOpen()).isTrue();
    }

    @Test
    void aMaintenanceWindowThatNeverOpensAgainLeavesNoNextOpening() {
        DeploymentWindow once = window(WindowKind.MAINTENANCE, "FREQ=DAILY;COUNT=1", "PT1H", UTC,
                LocalDate.of(2026, 1, 1), null);
        WindowVerdict later = at("2026-02-01T00:00:00Z", once);
        assertThat(later.isOpen()).isFalse();
        assertThat(later.opening()).isEmpty();
    }

    @Test
    void policiesApplyByScopeAndRollbacksPassWindowsThatDoNotHoldThem() {
        Recurrence always = new Recurrence("FREQ=DAILY", Duration.ofDays(1), UTC, null, null);
        DeploymentWindow prodPolicy = new DeploymentWindow("w1", null, new Scope("shop", "*", "prod"),
                WindowKind.BLACKOUT, always, "prod freeze", false);
        assertThat(prodPolicy.appliesTo("payments-prod", new Scope("shop", "payments", "prod"))).isTrue();
        assertThat(prodPolicy.appliesTo("payments-dev", new Scope("shop", "payments", "dev"))).isFalse();
        assertThat(prodPolicy.holds(false)).isTrue();
        assertThat(prodPolicy.holds(true)).isFalse();
    }

    @Test
    void badRulesZonesAndDurationsNameTheirField() {
        assertThatThrownBy(() -> new Recurrence("FREQ=SOMETIMES", Duration.ofHours(1), UTC, null, null))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.refusal().field()).isEqualTo("recurrence"));
        assertThatThrownBy(() -> Recurrence.zoneOf("Mars/Olympus"))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.refusal().field()).isEqualTo("timeZone"));
        assertThatThrownBy(() -> new Recurrence("FREQ=DAILY", Duration.ZERO, UTC, null, null))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.refusal().field()).isEqualTo("duration"));
        assertThatThrownBy(() -> new Recurrence("FREQ=DAILY", Duration.ofHours(1), UTC, LocalDate.of(2026, 2, 1),
                LocalDate.of(2026, 1, 1)))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.refusal().field()).isEqualTo("endDate"));
    }
}
