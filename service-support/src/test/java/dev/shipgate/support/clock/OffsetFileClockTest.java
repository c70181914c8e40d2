package dev.shipgate.support.clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OffsetFileClockTest {

    @TempDir
    Path directory;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void is_the_system_clock_until_the_file_says_how_far_ahead_and_follows_it_within_the_reread_time()
            throws IOException {
        Path file = directory.resolve("clock");
        OffsetFileClock clock = new OffsetFileClock(file, nanos::get);
        assertThat(clock.offset()).isZero(); // no file yet
        assertThat(clock.instant()).isCloseTo(Instant.now(), within(Duration.ofSeconds(5)));

        Files.writeString(file, "PT4H\n");
        nanos.addAndGet(OffsetFileClock.REREAD.toNanos() - 1);
        assertThat(clock.offset()).as("read again only after the reread time").isZero();
        nanos.addAndGet(1);
        assertThat(clock.offset()).isEqualTo(Duration.ofHours(4));
        assertThat(clock.instant()).isCloseTo(Instant.now().plus(Duration.ofHours(4)), within(Duration.ofSeconds(5)));

        for (String unreadable : new String[] {"in four hours", ""}) {
            Files.writeString(file, unreadable);
            nanos.addAndGet(OffsetFileClock.REREAD.toNanos());
            assertThat(clock.offset()).as("'%s' keeps the offset", unreadable).isEqualTo(Duration.ofHours(4));
        }

        Files.writeString(file, "P1DT2H");
        nanos.addAndGet(OffsetFileClock.REREAD.toNanos());
        assertThat(clock.offset()).isEqualTo(Duration.ofHours(26));
        Files.delete(file);
        nanos.addAndGet(OffsetFileClock.REREAD.toNanos());
        assertThat(clock.offset()).isZero();
    }

    @Test
    void never_goes_back_while_threads_read_it_and_the_file_is_replaced_again_and_again() throws Exception {
        Path file = directory.resolve("clock");
        OffsetFileClock clock = new OffsetFileClock(file);
        AtomicBoolean back = new AtomicBoolean();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread reader = new Thread(() -> {
                Duration last = Duration.ZERO;
                while (writing.get()) {
                    Duration now = clock.offset();
                    back.compareAndSet(false, now.compareTo(last) < 0);
                    last = now;
                }
            });
            reader.start();
            readers.add(reader);
        }
        for (int minutes = 1; minutes <= 60; minutes++) { // as the system tests' TestClock writes: a whole new file
            Path next = Files.writeString(directory.resolve("clock.next"), Duration.ofMinutes(minutes).toString());
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Thread.sleep(5);
        }
        writing.set(false);
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(back).as("an offset read went back").isFalse();
    }

    @Test
    void the_services_clock_follows_the_file_only_when_the_setting_names_one() throws IOException {
        Path file = Files.writeString(directory.resolve("clock"), "PT2H");
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TestClockConfiguration.class));
        runner.run(context -> assertThat(context).doesNotHaveBean(Clock.class));
        runner.withPropertyValues("shipgate.test-clock.file= ").run(context ->
                assertThat(context).as("a blank setting is no setting").doesNotHaveBean(Clock.class));
        runner.withPropertyValues("shipgate.test-clock.file=" + file).run(context -> {
            assertThat(context).hasSingleBean(OffsetFileClock.class);
            assertThat(context.getBean(OffsetFileClock.class).instant())
                    .isCloseTo(Instant.now().plus(Duration.ofHours(2)), within(Duration.ofSeconds(5)));
        });
    }
}
