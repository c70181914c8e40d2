package dev.shipgate.deploy.window.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The windows of one pipeline, together: a deploy may start at {@code t} when no blackout contains {@code t} and,
 * if there are maintenance windows, one of them contains {@code t}. A blackout wins over a maintenance window that
 * overlaps it. Time is an input, never read here.
 */
public final class WindowCalendar {

    /** How far ahead the next opening is looked for; beyond it a pipeline counts as never opening again. */
    public static final Duration HORIZON = Duration.ofDays(3 * 366);

    /** Each step jumps to a blackout's end or a maintenance start; this many steps is far beyond any real calendar. */
    private static final int MAX_STEPS = 10_000;

    private final List<DeploymentWindow> windows;

    /** @param windows those that apply to the pipeline and to the kind of deploy (see {@link DeploymentWindow}) */
    public WindowCalendar(List<DeploymentWindow> windows) {
        this.windows = List.copyOf(windows);
    }

    /** Whether a deploy may start at {@code t}, and if not which window holds it and when it next may. */
    public WindowVerdict at(Instant t) {
        Optional<DeploymentWindow> closer = closedBy(t);
        return closer.map(window -> new WindowVerdict(window, nextOpening(t).orElse(null)))
                .orElseGet(WindowVerdict::open);
    }

    /** Whether a deploy may start at {@code t}: {@link #at}'s answer without looking for the next opening. */
    public boolean isOpen(Instant t) {
        boolean inBlackout = windows.stream()
                .anyMatch(w -> w.kind() == WindowKind.BLACKOUT && !w.recurrence().containing(t).isEmpty());
        return !inBlackout && (!hasMaintenance() || insideMaintenance(t));
    }

    /** The first moment at or after {@code t} when a deploy may start; empty when none within {@link #HORIZON}. */
    public Optional<Instant> nextOpening(Instant t) {
        Instant cursor = t;
        Instant horizon = t.plus(HORIZON);
        for (int step = 0; step < MAX_STEPS && !cursor.isAfter(horizon); step++) {
            Optional<Instant> blackoutEnd = latestBlackoutEnd(cursor);
            if (blackoutEnd.isPresent()) {
                cursor = blackoutEnd.get();
            } else if (hasMaintenance() && !insideMaintenance(cursor)) {
                Optional<Instant> nextStart = nextMaintenanceStart(cursor);
                if (nextStart.isEmpty()) {
                    return Optional.empty();
                }
                cursor = nextStart.get();
            } else {
                return Optional.of(cursor);
            }
        }
        return Optional.empty();
    }

    private Optional<DeploymentWindow> closedBy(Instant t) {
        Optional<DeploymentWindow> blackout = windows.stream()
                .filter(w -> w.kind() == WindowKind.BLACKOUT && !w.recurrence().containing(t).isEmpty())
                .findFirst();
        if (blackout.isPresent() || !hasMaintenance() || insideMaintenance(t)) {
            return blackout;
        }
        return maintenance().min(Comparator.comparing(w -> w.recurrence().nextAfter(t).map(Interval::start)
                .orElse(Instant.MAX)));
    }

    private Optional<Instant> latestBlackoutEnd(Instant t) {
        return windows.stream().filter(w -> w.kind() == WindowKind.BLACKOUT)
                .flatMap(w -> w.recurrence().containing(t).stream())
                .map(Interval::end).max(Comparator.naturalOrder());
    }

    private boolean insideMaintenance(Instant t) {
        return maintenance().anyMatch(w -> !w.recurrence().containing(t).isEmpty());
    }

    private Optional<Instant> nextMaintenanceStart(Instant t) {
        return maintenance().flatMap(w -> w.recurrence().nextAfter(t).stream())
                .map(Interval::start).min(Comparator.naturalOrder());
    }

    private boolean hasMaintenance() {
        return maintenance().findAny().isPresent();
    }

    private java.util.stream.Stream<DeploymentWindow> maintenance() {
        return windows.stream().filter(w -> w.kind() == WindowKind.MAINTENANCE);
    }
}
