package dev.shipgate.support.clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

        Files.writeString(file, "in four hours");
        nanos.addAndGet(OffsetFileClock.REREAD.toNanos());
        assertThat(clock.offset()).as("a value that is no duration keeps the offset").isEqualTo(Duration.ofHours(4));

        Files.writeString(file, "P1DT2H");
        nanos.addAndGet(OffsetFileClock.REREAD.toNanos());
        assertThat(clock.offset()).isEqualTo(Duration.ofHours(26));
        Files.delete(file);
        nanos.addAndGet(OffsetFileClock.REREAD.toNanos());
        assertThat(clock.offset()).isZero();
    }

    @Test
    void the_services_clock_follows_the_file_only_when_the_setting_names_one() throws IOException {
        Path file = Files.writeString(directory.resolve("clock"), "PT2H");
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TestClockConfiguration.class));
        runner.run(context -> assertThat(context).doesNotHaveBean(Clock.class));
        runner.withPropertyValues("shipgate.test-clock.file=" + file).run(context -> {
            assertThat(context).hasSingleBean(OffsetFileClock.class);
            assertThat(context.getBean(OffsetFileClock.class).instant())
                    .isCloseTo(Instant.now().plus(Duration.ofHours(2)), within(Duration.ofSeconds(5)));
        });
    }
}
