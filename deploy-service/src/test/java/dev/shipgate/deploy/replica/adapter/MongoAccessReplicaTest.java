package dev.shipgate.deploy.replica.adapter;

import com.mongodb.client.MongoClients;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.RoleBinding;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.testing.SteppingClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15, item 2: the access replica knows a user by the canonical id, however the event or caller spells it. */
class MongoAccessReplicaTest {

    private final MongoTemplate mongo = new MongoTemplate(MongoClients.create(SharedInfra.get().mongoUri()),
            "access-replica-" + UUID.randomUUID());
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-06-01T10:00:00Z"));
    private final MongoAccessReplica replica = new MongoAccessReplica(mongo,
            new ShortLivedCache<>(Duration.ofSeconds(5), clock), clock);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"BOB|bob", "' bob '|BOB", "Bob|\uFF42\uFF4F\uFF42", "bob|' Bob '"})
    void access_published_under_one_spelling_is_found_under_any_other(String published, String asked) {
        replica.apply(new UserAccessChanged(published, "bob@example.com", "Bob", true, List.of(),
                List.of(new RoleBinding("BUILD_AND_DEPLOY", "shop", "payments", "*"))));

        assertThat(replica.permissions(asked).canBuildAndDeploy(new Scope("shop", "payments", "prod"))).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"BOB|bob", "bob|' BOB '"})
    void a_later_change_in_another_spelling_replaces_the_same_users_access(String first, String later) {
        replica.apply(new UserAccessChanged(first, "bob@example.com", "Bob", true, List.of(),
                List.of(new RoleBinding("BUILD_AND_DEPLOY", "shop", "payments", "*"))));
        replica.permissions("bob");
        replica.apply(new UserAccessChanged(later, "bob@example.com", "Bob", false, List.of(), List.of()));

        assertThat(replica.permissions("bob").canBuildAndDeploy(new Scope("shop", "payments", "prod"))).isFalse();
    }

    @Test
    void a_time_boxed_grant_stops_counting_at_its_end_even_while_the_permissions_are_cached() {
        Scope prod = new Scope("shop", "payments", "prod");
        replica.apply(new UserAccessChanged("carol", "carol@example.com", "Carol", true, List.of(),
                List.of(new RoleBinding("BUILD_AND_DEPLOY", "shop", "payments", "*",
                        Instant.parse("2026-06-01T10:00:01Z")))));

        assertThat(replica.permissions("carol").canBuildAndDeploy(prod)).isTrue();
        clock.step(Duration.ofMillis(999));
        assertThat(replica.permissions("carol").canBuildAndDeploy(prod)).isTrue();
        clock.step(Duration.ofMillis(1));
        assertThat(replica.permissions("carol").canBuildAndDeploy(prod)).isFalse();
    }
}
