package dev.shipgate.support.cache;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ShortLivedCacheTest {

    private Instant now = Instant.parse("2026-11-27T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final List<String> reads = new ArrayList<>();
    private final Function<String, String> database = key -> {
        reads.add(key);
        return key.startsWith("missing") ? null : key + "@" + now;
    };
    private final ShortLivedCache<String, String> cache = new ShortLivedCache<>(Duration.ofSeconds(2), 3, clock);

    @Test
    void a_value_is_read_once_while_it_lives_then_again() {
        String first = cache.get("p1", database);
        now = now.plusMillis(1_999);
        String stillRemembered = cache.get("p1", database);
        now = now.plusMillis(1);
        String readAgain = cache.get("p1", database);

        assertThat(stillRemembered).isEqualTo(first);
        assertThat(readAgain).isNotEqualTo(first);
        assertThat(reads).containsExactly("p1", "p1");
    }

    @Test
    void a_forgotten_value_is_read_again_at_once() {
        cache.get("p1", database);
        cache.forget("p1");
        cache.get("p1", database);

        assertThat(reads).containsExactly("p1", "p1");
    }

    @Test
    void nothing_found_is_not_remembered() {
        assertThat(cache.get("missing", database)).isNull();
        assertThat(cache.get("missing", database)).isNull();

        assertThat(reads).containsExactly("missing", "missing");
    }

    @Test
    void past_its_size_it_starts_over_rather_than_grow() {
        for (String key : List.of("a", "b", "c", "d")) {
            cache.get(key, database);
        }
        cache.get("d", database);
        cache.get("a", database);

        assertThat(reads).containsExactly("a", "b", "c", "d", "a");
    }
}
