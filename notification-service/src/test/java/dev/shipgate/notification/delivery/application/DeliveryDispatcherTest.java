package dev.shipgate.notification.delivery.application;

import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.notification.delivery.domain.Delivery;
import dev.shipgate.notification.delivery.domain.DeliveryStatus;
import dev.shipgate.testing.SteppingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail dispatcher through its ports: in-memory deliveries, a scripted mailer and a stepping clock. Each test names
 * the rule it holds the dispatcher to; the two-instance rules are DeliveryClaimProperties' and
 * TwoDeliveryDispatchersTest's.
 */
class DeliveryDispatcherTest {

    private static final int MAX_ATTEMPTS = 3;
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(2);
    private static final Duration FULL_READ = Duration.ofSeconds(10);
    private static final Duration CLAIM = Duration.ofSeconds(15);

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final InMemoryDeliveries deliveries = new InMemoryDeliveries();
    private final ScriptedMailer mailer = new ScriptedMailer();
    private final DeliveryDispatcher dispatcher = new DeliveryDispatcher(deliveries, mailer, clock, MAX_ATTEMPTS,
            FIRST_PAUSE, FULL_READ, CLAIM);

    @Test
    void due_mail_is_sent_once_and_recorded_as_sent() {
        List<String> ids = queue(3);

        assertThat(dispatcher.dispatchDue()).isEqualTo(3);
        clock.step(FULL_READ);
        assertThat(dispatcher.dispatchDue()).as("a second pass").isZero();

        assertThat(mailer.sent).containsExactlyElementsOf(ids);
        ids.forEach(id -> assertThat(delivery(id).status()).isEqualTo(DeliveryStatus.SENT));
    }

    @Test
    void a_failed_send_is_tried_again_after_a_pause_that_doubles_each_time() {
        String id = queue(1).get(0);
        mailer.failing.add(id);

        dispatcher.dispatchDue();
        assertThat(delivery(id).nextAttemptAt()).isEqualTo(clock.instant().plus(FIRST_PAUSE));
        clock.step(FIRST_PAUSE.minusMillis(1));
        dispatcher.dispatchDue();
        assertThat(mailer.attempts).as("not before its pause ends").hasSize(1);

        clock.step(Duration.ofMillis(1));
        dispatcher.dispatchDue();
        assertThat(mailer.attempts).hasSize(2);
        assertThat(delivery(id).nextAttemptAt()).isEqualTo(clock.instant().plus(FIRST_PAUSE.multipliedBy(2)));

        mailer.failing.clear();
        clock.step(FIRST_PAUSE.multipliedBy(2));
        dispatcher.dispatchDue();
        assertThat(delivery(id).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(delivery(id).attempts()).isEqualTo(3);
    }

    @Test
    void after_the_last_attempt_fails_the_delivery_is_failed_with_its_reason_and_never_tried_again() {
        String id = queue(1).get(0);
        mailer.failing.add(id);

        for (int pass = 0; pass < 10; pass++) {
            dispatcher.dispatchDue();
            clock.step(Duration.ofMinutes(1));
        }

        assertThat(mailer.attempts).hasSize(MAX_ATTEMPTS);
        assertThat(delivery(id).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery(id).lastError()).isEqualTo("550 mailbox unavailable");
    }

    @Test
    void a_group_the_server_fails_ends_the_pass_so_the_rest_waits_for_the_next_one() {
        List<String> ids = queue(DeliveryDispatcher.SEND_GROUP * 2);
        mailer.failing.add(ids.get(0));

        dispatcher.dispatchDue();
        assertThat(mailer.attempts).as("only the first group was tried").hasSize(DeliveryDispatcher.SEND_GROUP);

        clock.step(FULL_READ); // the rest was never claimed: the next full read finds it
        dispatcher.dispatchDue();
        assertThat(mailer.sent).containsAll(ids.subList(DeliveryDispatcher.SEND_GROUP, ids.size()));
    }

    @Test
    void mail_another_instance_claims_between_this_ones_read_and_claim_is_left_to_it_until_its_claim_ends() {
        String id = queue(1).get(0);
        DeliveryDispatcher racing = new DeliveryDispatcher(new ClaimedFirstElsewhere(deliveries), mailer, clock,
                MAX_ATTEMPTS, FIRST_PAUSE, FULL_READ, CLAIM);

        racing.dispatchDue();
        assertThat(mailer.attempts).as("claimed by the other instance first").isEmpty();

        clock.step(CLAIM); // that instance died without an outcome: its claim ran out
        dispatcher.dispatchDue();
        assertThat(mailer.sent).containsExactly(id);
    }

    @Test
    void mail_this_instance_stores_is_sent_by_its_next_pass_with_no_read_and_no_claim_of_its_own() {
        CountingDeliveries counted = new CountingDeliveries(deliveries);
        DeliveryDispatcher dispatcher = new DeliveryDispatcher(counted, mailer, clock, MAX_ATTEMPTS, FIRST_PAUSE,
                FULL_READ, CLAIM);
        dispatcher.dispatchDue(); // the first pass is a full read: nothing yet
        List<String> ids = arrive(dispatcher, 2);
        counted.commands = 0;

        assertThat(dispatcher.dispatchDue()).isEqualTo(2);
        assertThat(counted.commands).as("database commands: the two outcomes only").isEqualTo(2);
        ids.forEach(id -> assertThat(delivery(id).status()).isEqualTo(DeliveryStatus.SENT));
    }

    @Test
    void mail_that_arrived_here_is_due_to_no_other_instance_until_its_claim_ends() {
        DeliveryDispatcher other = new DeliveryDispatcher(deliveries, mailer, clock, MAX_ATTEMPTS, FIRST_PAUSE,
                FULL_READ, CLAIM);
        String id = arrive(dispatcher, 1).get(0);

        other.dispatchDue();
        clock.step(CLAIM.minusMillis(1));
        other.dispatchDue();
        assertThat(mailer.attempts).as("claimed by the instance it arrived at, which is alive").isEmpty();

        clock.step(FULL_READ); // that instance died before sending it: its claim ran out, a full read finds it
        other.dispatchDue();
        assertThat(mailer.sent).containsExactly(id);
    }

    @Test
    void an_arrived_mail_whose_claim_is_half_spent_is_claimed_again_before_it_is_sent() {
        String id = arrive(dispatcher, 1).get(0);
        clock.step(CLAIM.dividedBy(2).plusMillis(1));

        dispatcher.dispatchDue();
        assertThat(mailer.sent).containsExactly(id);
        assertThat(delivery(id).status()).isEqualTo(DeliveryStatus.SENT);
        DeliveryDispatcher other = new DeliveryDispatcher(deliveries, mailer, clock, MAX_ATTEMPTS, FIRST_PAUSE,
                FULL_READ, CLAIM);
        clock.step(CLAIM);
        other.dispatchDue();
        assertThat(mailer.attempts).as("sent once").hasSize(1);
    }

    @Test
    void arrived_mail_a_failed_group_kept_from_being_tried_goes_out_at_the_next_pass() {
        List<String> ids = arrive(dispatcher, DeliveryDispatcher.SEND_GROUP * 2);
        mailer.failing.add(ids.get(0));

        dispatcher.dispatchDue();
        assertThat(mailer.attempts).as("only the first group was tried").hasSize(DeliveryDispatcher.SEND_GROUP);
        dispatcher.dispatchDue();
        assertThat(mailer.sent).containsAll(ids.subList(DeliveryDispatcher.SEND_GROUP, ids.size()));
    }

    /** Deliveries stored by {@code here} as a new event's are: claimed by it, and handed to it. */
    private List<String> arrive(DeliveryDispatcher here, int count) {
        List<Delivery> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Delivery delivery = here.claimOnArrival(Delivery.pending("ev-" + i + "-" + clock.instant().toEpochMilli(),
                    "ApprovalRequested", "user-" + i, "user-" + i + "@example.com", "subject", "<p>html</p>", "text",
                    clock.instant()));
            deliveries.add(delivery);
            stored.add(delivery);
        }
        here.arrived(stored);
        return stored.stream().map(Delivery::id).toList();
    }

    private List<String> queue(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Delivery delivery = Delivery.pending("ev-" + i + "-" + clock.instant().toEpochMilli(), "ApprovalRequested",
                    "user-" + i, "user-" + i + "@example.com", "subject", "<p>html</p>", "text", clock.instant());
            deliveries.add(delivery);
            ids.add(delivery.id());
        }
        return ids;
    }

    private Delivery delivery(String id) {
        return deliveries.findAll(Set.of(id)).get(0);
    }

    /** The store as another instance racing this one sees it: that instance claims each due mail just before. */
    private final class ClaimedFirstElsewhere implements Deliveries {
        private final Deliveries store;

        ClaimedFirstElsewhere(Deliveries store) {
            this.store = store;
        }

        @Override
        public boolean claim(Delivery due, Delivery claimed) {
            store.claim(due, due.claimedUntil(clock.instant().plus(CLAIM)));
            return store.claim(due, claimed);
        }

        @Override
        public boolean add(Delivery delivery) {
            return store.add(delivery);
        }

        @Override
        public boolean update(Delivery next, Delivery claimed) {
            return store.update(next, claimed);
        }

        @Override
        public List<Delivery> due(Instant now, int limit) {
            return store.due(now, limit);
        }

        @Override
        public List<Delivery> findAll(Collection<String> ids) {
            return store.findAll(ids);
        }

        @Override
        public ListPage<Delivery> search(String recipient, DeliveryStatus status, String eventId, PageAt at) {
            return store.search(recipient, status, eventId, at);
        }

        @Override
        public boolean release(Delivery released) {
            return store.release(released);
        }
    }

    /** The store, counting the commands it is sent. */
    private static final class CountingDeliveries implements Deliveries {
        private final Deliveries store;
        int commands;

        CountingDeliveries(Deliveries store) {
            this.store = store;
        }

        @Override
        public boolean add(Delivery delivery) {
            commands++;
            return store.add(delivery);
        }

        @Override
        public boolean claim(Delivery due, Delivery claimed) {
            commands++;
            return store.claim(due, claimed);
        }

        @Override
        public boolean update(Delivery next, Delivery claimed) {
            commands++;
            return store.update(next, claimed);
        }

        @Override
        public List<Delivery> due(Instant now, int limit) {
            commands++;
            return store.due(now, limit);
        }

        @Override
        public List<Delivery> findAll(Collection<String> ids) {
            commands++;
            return store.findAll(ids);
        }

        @Override
        public ListPage<Delivery> search(String recipient, DeliveryStatus status, String eventId, PageAt at) {
            commands++;
            return store.search(recipient, status, eventId, at);
        }

        @Override
        public boolean release(Delivery released) {
            commands++;
            return store.release(released);
        }
    }

    /** Takes every mail but those it is told to fail; remembers each attempt. */
    private static final class ScriptedMailer implements Mailer {
        final List<String> attempts = new ArrayList<>();
        final List<String> sent = new ArrayList<>();
        final Set<String> failing = new HashSet<>();

        @Override
        public Map<String, String> send(List<Delivery> batch) {
            Map<String, String> failed = new HashMap<>();
            for (Delivery delivery : batch) {
                attempts.add(delivery.id());
                if (failing.contains(delivery.id())) {
                    failed.put(delivery.id(), "550 mailbox unavailable");
                } else {
                    sent.add(delivery.id());
                }
            }
            return failed;
        }
    }
}
