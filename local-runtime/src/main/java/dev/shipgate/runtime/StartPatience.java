package dev.shipgate.runtime;

import java.time.Duration;

/**
 * How much longer than its usual limit a process may take to become ready: the factor in the environment variable
 * {@code SHIPGATE_START_PATIENCE} (or the system property {@code shipgate.start-patience}), 1 when unset. A machine
 * shared with other builds starts the broker in minutes rather than seconds; raising the factor there (say 3) keeps
 * a slow start from failing a run, while the default still reports a process that hangs.
 */
public final class StartPatience {

    static final String VARIABLE = "SHIPGATE_START_PATIENCE";
    static final String PROPERTY = "shipgate.start-patience";

    private StartPatience() {
    }

    /** @return {@code limit} times the factor; the limit itself when the factor is unset */
    public static Duration stretch(Duration limit) {
        return stretch(limit, System.getProperty(PROPERTY, System.getenv(VARIABLE)));
    }

    /**
     * @param factor a decimal at least 1, or null for 1
     * @throws IllegalArgumentException when the factor is not a number or below 1
     */
    static Duration stretch(Duration limit, String factor) {
        if (factor == null || factor.isBlank()) {
            return limit;
        }
        double times;
        try {
            times = Double.parseDouble(factor.trim());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(VARIABLE + " must be a number, not '" + factor + "'");
        }
        if (!(times >= 1)) {
            throw new IllegalArgumentException(VARIABLE + " must be at least 1, not " + factor);
        }
        return Duration.ofMillis(Math.round(limit.toMillis() * times));
    }
}
