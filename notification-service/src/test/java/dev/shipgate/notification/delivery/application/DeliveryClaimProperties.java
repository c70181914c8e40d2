package dev.shipgate.notification.delivery.application;

import dev.shipgate.testing.SteppingClock;
import dev.shipgate.notification.delivery.domain.Delivery;
import dev.shipgate.notification.delivery.domain.DeliveryStatus;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mail dispatchers of two or three instances under generated interleavings of passes (one running inside another
 * between its read and its send, as instances run at once), deaths (before the SMTP server
 * takes the batch, or after it took it and before the outcome is recorded) and time passing: a delivery goes out
 * more than once only when a dispatcher died after handing it over, and every delivery is sent in the end by the
 * live ones.
 */
class DeliveryClaimProperties {

    private static final Duration CLAIM = Duration.ofSeconds(15);
    private static final Duration FULL_READ = Duration.ofSeconds(10);

    /**
     * Dispatcher {@code instance} runs a pass; it dies in it, if the pass has mail to send, when {@code death} says.
     * With {@code meanwhile} set, that dispatcher runs a whole pass of its own while this one is between reading its
     * due mail and handing it over (the instances run at once).
     */
    record Pass(int instance, Death death, Integer meanwhile) {
    }

    enum Death { NONE, BEFORE_HANDING_OVER, AFTER_HANDING_OVER }

    @Property(tries = 300)
    void each_delivery_is_sent_once_unless_its_sender_died_after_handing_it_over_and_all_are_sent_in_the_end(
            @ForAll("steps") List<Object> steps, @ForAll @IntRange(min = 2, max = 3) int instances,
            @ForAll @IntRange(min = 1, max = 6) int mails, @ForAll @IntRange(min = -1, max = 2) int arrivedAt) {
        SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T10:00:00Z"));
        InMemoryDeliveries deliveries = new InMemoryDeliveries();
        List<String> ids = new ArrayList<>();
        Map<String, Integer> sends = new HashMap<>();
        Map<String, Integer> handedOverByTheDead = new HashMap<>();
        List<DeliveryDispatcher> dispatchers = new ArrayList<>();
        List<Death> dying = new ArrayList<>();
        Set<Integer> dead = new HashSet<>();
        List<Integer> meanwhile = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            int instance = i;
            dying.add(Death.NONE);
            Mailer mailer = batch -> {
                Integer other = meanwhile.isEmpty() ? null : meanwhile.remove(0);
                if (other != null && other != instance && !dead.contains(other)) {
                    pass(dispatchers.get(other), other, dead);
                }
                if (dying.get(instance) == Death.BEFORE_HANDING_OVER) {
                    throw new Killed();
                }
                batch.forEach(d -> sends.merge(d.id(), 1, Integer::sum));
                if (dying.get(instance) == Death.AFTER_HANDING_OVER) {
                    batch.forEach(d -> handedOverByTheDead.merge(d.id(), 1, Integer::sum));
                    throw new Killed();
                }
                return Map.of();
            };
            dispatchers.add(new DeliveryDispatcher(deliveries, mailer, clock, 8, Duration.ofSeconds(2), FULL_READ,
                    CLAIM));
        }
        // the mail arrives at one instance, claimed by it (as a new event's does), or is left as due by another
        DeliveryDispatcher receiver = arrivedAt >= 0 && arrivedAt < instances ? dispatchers.get(arrivedAt) : null;
        List<Delivery> arrived = new ArrayList<>();
        for (int i = 0; i < mails; i++) {
            Delivery delivery = Delivery.pending("ev-" + i, "ApprovalRequested", "user-" + i, "u" + i + "@example.com",
                    "s", "<p>h</p>", "t", clock.instant());
            Delivery stored = receiver == null ? delivery : receiver.claimOnArrival(delivery);
            deliveries.add(stored);
            arrived.add(stored);
            ids.add(stored.id());
        }
        if (receiver != null) {
            receiver.arrived(arrived);
        }
        for (Object step : steps) {
            if (step instanceof Pass pass && pass.instance() < instances && !dead.contains(pass.instance())) {
                dying.set(pass.instance(), pass.death());
                meanwhile.clear();
                if (pass.meanwhile() != null && pass.meanwhile() < instances) {
                    meanwhile.add(pass.meanwhile());
                }
                if (pass(dispatchers.get(pass.instance()), pass.instance(), dead)) {
                    dying.set(pass.instance(), Death.NONE); // had nothing to send: lives on
                }
            } else if (step instanceof Duration pause) {
                clock.step(pause);
            }
            for (String id : ids) {
                assertThat(sends.getOrDefault(id, 0)).as("sends of " + id)
                        .isLessThanOrEqualTo(1 + handedOverByTheDead.getOrDefault(id, 0));
            }
        }

        if (dead.size() == instances) {
            return;
        }
        for (int round = 0; round < 4; round++) { // the claims of the dead run out, a full read finds their mail
            clock.step(CLAIM);
            for (int i = 0; i < instances; i++) {
                if (!dead.contains(i)) {
                    dispatchers.get(i).dispatchDue();
                }
            }
        }
        assertThat(deliveries.findAll(ids)).allMatch(d -> d.status() == DeliveryStatus.SENT);
        for (String id : ids) {
            assertThat(sends.getOrDefault(id, 0)).isLessThanOrEqualTo(1 + handedOverByTheDead.getOrDefault(id, 0));
        }
    }

    /** Runs a pass; false when the dispatcher died in it (it takes no further step). */
    private static boolean pass(DeliveryDispatcher dispatcher, int instance, Set<Integer> dead) {
        try {
            dispatcher.dispatchDue();
            return true;
        } catch (Killed killed) {
            dead.add(instance);
            return false;
        }
    }

    @Provide
    Arbitrary<List<Object>> steps() {
        Arbitrary<Death> death = Arbitraries.frequency(Tuple.of(12, Death.NONE),
                Tuple.of(1, Death.BEFORE_HANDING_OVER), Tuple.of(1, Death.AFTER_HANDING_OVER));
        Arbitrary<Integer> meanwhile = Arbitraries.integers().between(0, 2).injectNull(0.6);
        Arbitrary<Object> pass = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 2), death,
                meanwhile).as(Pass::new);
        Arbitrary<Object> pause = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(0, 1_000)),
                Tuple.of(2, Arbitraries.longs().between(9_000, 16_000))).map(Duration::ofMillis);
        return Arbitraries.frequencyOf(Tuple.of(3, pass), Tuple.of(2, pause)).list().ofMaxSize(40);
    }

    static final class Killed extends Error {
    }
}
