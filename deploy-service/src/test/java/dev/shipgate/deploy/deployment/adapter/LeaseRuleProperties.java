package dev.shipgate.deploy.deployment.adapter;

import com.mongodb.client.MongoClients;
import dev.shipgate.deploy.deployment.application.InMemoryLeases;
import dev.shipgate.deploy.deployment.application.Leases;
import dev.shipgate.runtime.SharedInfra;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lease rule under generated interleavings of two or three instances taking, renewing, releasing, pausing and
 * crashing, with time as input: at no moment do two instances both hold an unexpired lease on one key (whether they
 * are live, paused or dead), and once the dead are gone every key is held by a live instance within one lease
 * duration. Checked on the in-memory store, and with fewer tries on {@link MongoLeases} against the embedded
 * MongoDB-compatible server (run as a real process).
 */
class LeaseRuleProperties {

    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final List<String> KEYS = List.of("pl-a", "pl-b", "pl-c");
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    interface Step {
    }

    /** Instance {@code instance} asks for {@code keys} (a tick: renews what it holds, takes what is free). */
    record Hold(int instance, List<String> keys) implements Step {
    }

    record Release(int instance, List<String> keys) implements Step {
    }

    /** Time passes (a paused instance is one that simply gets no step meanwhile). */
    record Advance(long millis) implements Step {
    }

    /** SIGKILL: the instance takes no further step and releases nothing. */
    record Crash(int instance) implements Step {
    }

    @Property(tries = 400)
    void no_two_instances_hold_one_key_and_a_dead_ones_keys_are_taken_over(
            @ForAll("steps") List<Step> steps, @ForAll @IntRange(min = 2, max = 3) int instances) {
        check(new InMemoryLeases(), steps, instances);
    }

    @Property(tries = 40)
    void the_same_on_the_mongodb_store(@ForAll("steps") List<Step> steps,
                                       @ForAll @IntRange(min = 2, max = 3) int instances) {
        MongoTemplate mongo = new MongoTemplate(MongoClients.create(SharedInfra.get().mongoUri()), "leases");
        check(new MongoLeases(mongo, "leases-" + UUID.randomUUID()), steps, instances);
    }

    private static void check(Leases store, List<Step> steps, int instances) {
        Instant now = T0;
        Set<Integer> dead = new HashSet<>();
        // what each instance was told it holds, until when: what it would act on
        List<Map<String, Instant>> believed = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            believed.add(new HashMap<>());
        }
        for (Step step : steps) {
            if (step instanceof Hold hold && hold.instance() < instances && !dead.contains(hold.instance())) {
                String owner = owner(hold.instance());
                Instant at = now;
                store.hold(hold.keys(), owner, now, now.plus(LEASE)).forEach((key, lease) -> {
                    if (lease.heldBy(owner, at)) {
                        believed.get(hold.instance()).put(key, lease.until());
                    } else {
                        believed.get(hold.instance()).remove(key);
                    }
                });
            } else if (step instanceof Release release && release.instance() < instances
                    && !dead.contains(release.instance())) {
                store.release(release.keys(), owner(release.instance()));
                release.keys().forEach(believed.get(release.instance())::remove);
            } else if (step instanceof Advance advance) {
                now = now.plusMillis(advance.millis());
            } else if (step instanceof Crash crash && crash.instance() < instances) {
                dead.add(crash.instance());
            }
            assertAtMostOneHolder(believed, now);
        }
        Set<Integer> live = new HashSet<>();
        for (int i = 0; i < instances; i++) {
            live.add(i);
        }
        live.removeAll(dead);
        if (live.isEmpty()) {
            return;
        }
        Instant later = now.plus(LEASE).plusMillis(1);
        Set<String> worked = new HashSet<>();
        for (int instance : live) { // every live instance ticks once after the dead ones' leases ran out
            String owner = owner(instance);
            store.hold(KEYS, owner, later, later.plus(LEASE)).forEach((key, lease) -> {
                if (lease.heldBy(owner, later)) {
                    worked.add(key);
                }
            });
        }
        assertThat(worked).as("every key held by a live instance after a crash")
                .containsExactlyInAnyOrderElementsOf(KEYS);
    }

    private static void assertAtMostOneHolder(List<Map<String, Instant>> believed, Instant now) {
        for (String key : KEYS) {
            long holders = believed.stream().filter(held -> held.containsKey(key) && held.get(key).isAfter(now))
                    .count();
            assertThat(holders).as("instances holding " + key + " at " + now).isLessThanOrEqualTo(1);
        }
    }

    private static String owner(int instance) {
        return "deploy-service@host-" + instance + "/run";
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> instance = Arbitraries.integers().between(0, 2);
        Arbitrary<List<String>> keys = Arbitraries.of(KEYS).set().ofMinSize(1).map(List::copyOf);
        Arbitrary<Step> hold = Combinators.combine(instance, keys).as(Hold::new);
        Arbitrary<Step> release = Combinators.combine(instance, keys).as(Release::new);
        // mostly the 0.5 s of a tick; now and then a pause about as long as a lease, or a clock standing still
        Arbitrary<Step> advance = Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(0, 1_000)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(14_000, 16_000)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(LEASE.toMillis())))
                .map(Advance::new);
        Arbitrary<Step> crash = instance.map(Crash::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, hold), net.jqwik.api.Tuple.of(2, release),
                net.jqwik.api.Tuple.of(6, advance), net.jqwik.api.Tuple.of(1, crash)).list().ofMaxSize(60);
    }
}
