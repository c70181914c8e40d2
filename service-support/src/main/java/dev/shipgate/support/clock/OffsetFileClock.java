package dev.shipgate.support.clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A UTC clock ahead of the system's by the ISO-8601 duration written in a file ({@code PT4H}; a missing or empty file
 * is no offset), so that a system test moves a running service hours on without waiting hours: reminders, expiries,
 * overdue reviews and grant ends come due as they would. The file is read again when at least {@link #REREAD} has
 * passed since the last read, by one thread at a time (the others go on with the offset in force, so a slow read
 * never publishes an older value over a newer one), and a change counts within that time of the next reading of the
 * clock. An empty file or a value that is no duration keeps the offset it had, with a warning (a writer should
 * replace the file whole, by a move). Only for tests: {@link TestClockConfiguration} sets it up when
 * {@code shipgate.test-clock.file} is given, and no deployment gives it.
 */
public final class OffsetFileClock extends Clock {

    /** How long a read offset is used before the file is read again. */
    public static final Duration REREAD = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(OffsetFileClock.class);

    private final Path file;
    private final LongSupplier nanoTime;
    private final Clock system = Clock.systemUTC();
    private final ReentrantLock reading = new ReentrantLock();
    private volatile Duration offset = Duration.ZERO;
    private volatile long readAt;

    public OffsetFileClock(Path file) {
        this(file, System::nanoTime);
    }

    OffsetFileClock(Path file, LongSupplier nanoTime) {
        this.file = file;
        this.nanoTime = nanoTime;
        this.readAt = nanoTime.getAsLong() - REREAD.toNanos(); // the first reading of the clock reads the file
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset());
    }

    /** The offset now in force, read from the file when the last read is older than {@link #REREAD}. */
    public Duration offset() {
        if (nanoTime.getAsLong() - readAt >= REREAD.toNanos() && reading.tryLock()) {
            try {
                readAt = nanoTime.getAsLong();
                Duration next = readFile();
                if (!next.equals(offset)) {
                    LOG.warn("test clock: now {} ahead of the system clock (from {})", next, file);
                    offset = next;
                }
            } finally {
                reading.unlock();
            }
        }
        return offset;
    }

    private Duration readFile() {
        try {
            return Duration.parse(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException missing) {
            return Duration.ZERO;
        } catch (IOException | DateTimeParseException unreadable) {
            LOG.warn("test clock: {} holds no ISO-8601 duration, the offset stays {}", file, offset);
            return offset;
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("the test clock is UTC, as the services' clock is");
    }
}
