package dev.shipgate.deploy.window.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the windows (blackouts and maintenance, daily or weekly, in zones with and without daylight saving),
 * the next opening is open, and nothing before it is.
 */
class WindowCalendarProperties {

    static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Kolkata"), ZoneId.of("UTC"), ZoneId.of("Australia/Sydney"));

    /** Around both 2026 daylight-saving changes of Europe and the US, and a plain summer week. */
    static final List<Instant> AROUND = List.of(Instant.parse("2026-03-07T00:00:00Z"),
            Instant.parse("2026-03-26T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z"),
            Instant.parse("2026-10-22T00:00:00Z"), Instant.parse("2026-10-29T00:00:00Z"));

    @Property(tries = 300)
    void theNextOpeningIsOpenAndNothingBeforeItIs(@ForAll("calendars") List<DeploymentWindow> windows,
                                                  @ForAll("moments") Instant t,
                                                  @ForAll @IntRange(min = 1, max = 40) int samples) {
        WindowCalendar calendar = new WindowCalendar(windows);
        WindowVerdict verdict = calendar.at(t);
        assertThat(calendar.isOpen(t)).as("isOpen agrees with at").isEqualTo(verdict.isOpen());
        if (verdict.isOpen()) {
            assertThat(calendar.nextOpening(t)).contains(t);
            return;
        }
        if (verdict.opening().isEmpty()) { // e.g. every maintenance hour inside a blackout: then never open
            for (int i = 0; i < samples; i++) {
                Instant later = t.plusSeconds(WindowCalendar.HORIZON.toSeconds() * i / samples);
                assertThat(calendar.isOpen(later)).as("open at %s, said never", later).isFalse();
            }
            return;
        }
        Instant opening = verdict.nextOpening();
        assertThat(opening).isAfter(t);
        assertThat(calendar.at(opening).isOpen()).isTrue();
        long span = Duration.between(t, opening).toSeconds();
        for (int i = 0; i < samples; i++) {
            Instant between = t.plusSeconds(span * i / samples);
            assertThat(calendar.isOpen(between)).as("closed at %s, before %s", between, opening).isFalse();
        }
        assertThat(calendar.isOpen(opening.minusSeconds(1))).isFalse();
    }

    @Property(tries = 200)
    void aBlackoutWinsWhateverMaintenanceWindowsOverlapIt(@ForAll("calendars") List<DeploymentWindow> windows,
                                                          @ForAll("moments") Instant t) {
        List<DeploymentWindow> blackouts = windows.stream().filter(w -> w.kind() == WindowKind.BLACKOUT).toList();
        boolean insideBlackout = !new WindowCalendar(blackouts).at(t).isOpen();
        if (insideBlackout) {
            assertThat(new WindowCalendar(windows).at(t).isOpen()).isFalse();
        }
    }

    @Provide
    Arbitrary<Instant> moments() {
        return Combinators.combine(Arbitraries.of(AROUND), Arbitraries.longs().between(0, 14 * 86_400L))
                .as(Instant::plusSeconds);
    }

    @Provide
    Arbitrary<List<DeploymentWindow>> calendars() {
        return window().list().ofMinSize(1).ofMaxSize(4);
    }

    Arbitrary<DeploymentWindow> window() {
        Arbitrary<String> rules = Combinators.combine(
                Arbitraries.of("FREQ=DAILY", "FREQ=WEEKLY;BYDAY=SA", "FREQ=WEEKLY;BYDAY=MO,WE,FR",
                        "FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=DAILY;INTERVAL=2"),
                Arbitraries.integers().between(0, 23), Arbitraries.of(0, 30))
                .as((rule, hour, minute) -> rule + ";BYHOUR=" + hour + ";BYMINUTE=" + minute);
        Arbitrary<Duration> durations = Arbitraries.integers().between(30, 60 * 60).map(Duration::ofMinutes);
        return Combinators.combine(Arbitraries.of(WindowKind.class), rules, durations, Arbitraries.of(ZONES))
                .as((kind, rule, duration, zone) -> new DeploymentWindow("w", "p", null, kind,
                        new Recurrence(rule, duration, zone, null, null), "", true));
    }
}
