package dev.shipgate.support.config;

import java.time.Duration;

/** The start-time checks of the properties records: a bad value stops the start naming the property and the value. */
public final class Positive {

    private Positive() {
    }

    /** @throws IllegalArgumentException when {@code value} is null, zero or negative */
    public static Duration require(String property, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(property + " must be a positive duration, was " + value);
        }
        return value;
    }

    /** @throws IllegalArgumentException when {@code millis} is zero or negative */
    public static long requireMillis(String property, long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException(property + " must be a positive number of milliseconds, was " + millis);
        }
        return millis;
    }
}
