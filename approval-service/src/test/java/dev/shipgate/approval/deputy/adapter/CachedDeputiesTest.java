package dev.shipgate.approval.deputy.adapter;

import com.mongodb.client.MongoClients;
import dev.shipgate.approval.deputy.domain.Deputy;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.testing.SteppingClock;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request reads its approvers' deputies, so an answer (absence too) is kept for the cache lifetime; a naming
 * or removal through the store is seen at the next read, one through another instance within the lifetime.
 */
class CachedDeputiesTest {

    private static final Duration LIFETIME = Duration.ofSeconds(2);

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final MongoTemplate mongo = new MongoTemplate(MongoClients.create(SharedInfra.get().mongoUri()),
            "cached-deputies-" + UUID.randomUUID());
    private final MongoDeputies here = new MongoDeputies(mongo, new ShortLivedCache<>(LIFETIME, clock));
    private final MongoDeputies otherInstance = new MongoDeputies(mongo, new ShortLivedCache<>(LIFETIME, clock));

    @Test
    void a_naming_and_a_removal_made_here_are_seen_at_once() {
        assertThat(here.of("bob")).isEmpty();
        here.save(deputy("bob", "carol"));
        assertThat(here.of("bob")).map(Deputy::deputy).contains("carol");

        here.save(deputy("bob", "dave"));
        assertThat(here.of("bob")).map(Deputy::deputy).contains("dave");

        assertThat(here.remove("bob")).isTrue();
        assertThat(here.of("bob")).isEmpty();
    }

    @Test
    void a_naming_made_by_another_instance_is_seen_within_the_cache_lifetime() {
        assertThat(here.of("bob")).isEmpty();
        otherInstance.save(deputy("bob", "carol"));

        assertThat(here.of("bob")).as("read again only after its lifetime").isEmpty();
        clock.step(LIFETIME);
        assertThat(here.of("bob")).map(Deputy::deputy).contains("carol");
    }

    private Deputy deputy(String approver, String deputy) {
        return new Deputy(approver, deputy, clock.instant(), clock.instant().plus(Duration.ofDays(7)), approver,
                clock.instant());
    }
}
