package dev.shipgate.deploy.window.domain;

import java.time.Instant;

/** One occurrence of a window: from {@code start} (inclusive) to {@code end} (exclusive). */
record Interval(Instant start, Instant end) {

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
