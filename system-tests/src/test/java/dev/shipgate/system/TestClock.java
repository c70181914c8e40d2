package dev.shipgate.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The clock of a system's services: each service given {@link #setting()} reads how far ahead of the system clock it
 * is from this clock's file ({@code shipgate.test-clock.file}, service-support's {@code OffsetFileClock}, read again
 * within 100 ms). Time only moves on. {@link #SHARED} is the shared system's, which only {@link TimeTravelIT} moves,
 * after every class that reads time as it is.
 */
final class TestClock {

    static final TestClock SHARED = new TestClock();
    /** The group every pipeline's requests escalate to on the shared system; TimeTravelIT makes it. */
    static final String FALLBACK_GROUP = "time-travellers";

    private final Path file;
    private Duration ahead = Duration.ZERO;

    TestClock() {
        try {
            file = Files.createTempFile("shipgate-test-clock", ".txt");
            file.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The services' argument that makes them follow this clock. */
    String setting() {
        return "--shipgate.test-clock.file=" + file;
    }

    /**
     * Moves every service's clock on by {@code step}: the file is replaced whole (a reader never sees it half
     * written), then this sleeps ten of the services' reread times, after which every reading of a clock has it.
     */
    synchronized Duration advance(Duration step) {
        ahead = ahead.plus(step);
        try {
            Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), ahead.toString());
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ApprovalFlows.sleep(Duration.ofSeconds(1));
        return ahead;
    }
}
