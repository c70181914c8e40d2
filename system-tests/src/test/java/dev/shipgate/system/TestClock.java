package dev.shipgate.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The shared system's service clocks: each service reads how far ahead of the system clock it is from {@link #FILE}
 * ({@code shipgate.test-clock.file}, service-support's {@code OffsetFileClock}, read again within 100 ms). Time only
 * moves on, and only {@link TimeTravelIT} moves it, after every class that reads time as it is.
 */
final class TestClock {

    static final Path FILE = createFile();
    /** The group every pipeline's requests escalate to on the shared system; TimeTravelIT makes it. */
    static final String FALLBACK_GROUP = "time-travellers";

    private static Duration ahead = Duration.ZERO;

    private TestClock() {
    }

    /** Moves every service's clock on by {@code step}, and waits until each has read it at its next reading. */
    static synchronized Duration advance(Duration step) {
        ahead = ahead.plus(step);
        try {
            Files.writeString(FILE, ahead.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ApprovalFlows.sleep(Duration.ofSeconds(1)); // ten times the services' reread time
        return ahead;
    }

    private static Path createFile() {
        try {
            Path file = Files.createTempFile("shipgate-test-clock", ".txt");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
