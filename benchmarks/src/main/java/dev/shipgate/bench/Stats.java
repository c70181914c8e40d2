package dev.shipgate.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Latency samples in nanoseconds and their percentiles. */
final class Stats {

    private final List<Long> samples = Collections.synchronizedList(new ArrayList<>());

    void add(long nanos) {
        samples.add(nanos);
    }

    int count() {
        return samples.size();
    }

    double percentileMillis(double percentile) {
        List<Long> sorted;
        synchronized (samples) {
            sorted = new ArrayList<>(samples);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1_000_000.0;
    }

    double maxMillis() {
        return percentileMillis(100);
    }

    String summary() {
        return String.format(Locale.ROOT, "n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms", count(), percentileMillis(50),
                percentileMillis(99), maxMillis());
    }
}
