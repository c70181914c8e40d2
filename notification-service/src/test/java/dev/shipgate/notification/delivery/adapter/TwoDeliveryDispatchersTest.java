package dev.shipgate.notification.delivery.adapter;

import dev.shipgate.testing.SteppingClock;
import com.mongodb.client.MongoClients;
import dev.shipgate.notification.delivery.application.DeliveryDispatcher;
import dev.shipgate.notification.delivery.application.Mailer;
import dev.shipgate.notification.delivery.domain.Delivery;
import dev.shipgate.notification.delivery.domain.DeliveryStatus;
import dev.shipgate.runtime.SharedInfra;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two mail dispatchers, as two instances of notification-service would run them, over one real database (the
 * embedded MongoDB-compatible server as a process): each delivery is claimed by one of them and sent once; one whose
 * dispatcher dies after claiming it is sent by the other once the claim has run out.
 */
class TwoDeliveryDispatchersTest {

    private static final Duration CLAIM = Duration.ofSeconds(15);
    private static final Duration FULL_READ = Duration.ofSeconds(10);

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final MongoDeliveries deliveries = new MongoDeliveries(new MongoTemplate(
            MongoClients.create(SharedInfra.get().mongoUri()), "two-dispatchers-" + UUID.randomUUID()));
    private final Map<String, List<String>> sends = new ConcurrentHashMap<>();

    @Test
    void two_dispatchers_passing_at_once_send_each_delivery_once() throws Exception {
        List<String> ids = queue(120); // more than one batch
        DeliveryDispatcher a = dispatcher("a", new RecordingMailer("a", null));
        DeliveryDispatcher b = dispatcher("b", new RecordingMailer("b", null));

        for (int round = 0; round < 4; round++) {
            passTogether(a, b);
            clock.step(FULL_READ); // each pass a full read
        }

        for (String id : ids) {
            assertThat(sends.get(id)).as("sends of " + id).hasSize(1);
            assertThat(status(id)).isEqualTo(DeliveryStatus.SENT);
        }
    }

    @Test
    void a_delivery_whose_dispatcher_died_before_sending_is_sent_by_the_other_once_its_claim_ends() {
        List<String> ids = queue(5);
        DeliveryDispatcher a = dispatcher("a", new RecordingMailer("a", Death.BEFORE_SENDING));
        DeliveryDispatcher b = dispatcher("b", new RecordingMailer("b", null));
        diesIn(a);

        Instant claimEnd = clock.instant().plus(CLAIM);
        for (; clock.instant().isBefore(claimEnd); clock.step(Duration.ofSeconds(1))) {
            b.dispatchDue();
        }
        assertThat(sends).isEmpty();
        passUntilSent(b, ids);

        ids.forEach(id -> assertThat(sends.get(id)).containsExactly("b"));
    }

    @Test
    void a_delivery_whose_dispatcher_died_after_the_smtp_server_took_it_goes_out_again_as_the_same_message() {
        List<String> ids = queue(5);
        DeliveryDispatcher a = dispatcher("a", new RecordingMailer("a", Death.AFTER_SENDING));
        DeliveryDispatcher b = dispatcher("b", new RecordingMailer("b", null));
        diesIn(a);

        b.dispatchDue(); // claimed by a: not due to b
        ids.forEach(id -> assertThat(sends.get(id)).containsExactly("a"));
        clock.step(CLAIM);
        passUntilSent(b, ids);

        // accepted: the outcome was never recorded; SmtpMailer gives both sends one Message-ID (NotificationIT)
        ids.forEach(id -> assertThat(sends.get(id)).containsExactly("a", "b"));
    }

    @Test
    void a_batch_whose_sends_outlast_the_claim_is_not_sent_again_by_the_other_dispatcher() {
        List<String> ids = queue(100); // one full read's batch, 200 ms a mail: 20 s, longer than a claim
        DeliveryDispatcher b = dispatcher("b", new RecordingMailer("b", null));
        Instant otherPasses = clock.instant().plus(CLAIM).plusSeconds(1);
        Mailer slow = batch -> {
            Map<String, String> failed = new RecordingMailer("a", null).send(batch);
            for (int i = 0; i < batch.size(); i++) {
                clock.step(Duration.ofMillis(200));
                if (clock.instant().equals(otherPasses)) {
                    b.dispatchDue(); // the other instance's full read, while this one is still sending
                }
            }
            return failed;
        };

        dispatcher("a", slow).dispatchDue();
        passUntilSent(b, ids);

        ids.forEach(id -> assertThat(sends.get(id)).as("sends of " + id).hasSize(1));
        assertThat(ids).anyMatch(id -> sends.get(id).equals(List.of("b"))); // the other did take a share
    }

    private void diesIn(DeliveryDispatcher dispatcher) {
        try {
            dispatcher.dispatchDue();
        } catch (Killed expected) {
            // SIGKILL: the dispatcher records nothing more
        }
    }

    private void passUntilSent(DeliveryDispatcher dispatcher, List<String> ids) {
        for (int pass = 0; pass < 30 && !ids.stream().allMatch(id -> status(id) == DeliveryStatus.SENT); pass++) {
            clock.step(Duration.ofSeconds(1));
            dispatcher.dispatchDue();
        }
        ids.forEach(id -> assertThat(status(id)).isEqualTo(DeliveryStatus.SENT));
    }

    private List<String> queue(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Delivery delivery = Delivery.pending("ev-" + i, "ApprovalRequested", "user-" + i,
                    "user" + i + "@example.com",
                    "Approve", "<p>approve</p>", "approve", clock.instant());
            deliveries.add(delivery);
            ids.add(delivery.id());
        }
        return ids;
    }

    private DeliveryDispatcher dispatcher(String instance, Mailer mailer) {
        return new DeliveryDispatcher(deliveries, mailer, clock, 8, Duration.ofSeconds(2), FULL_READ, CLAIM);
    }

    private DeliveryStatus status(String id) {
        return deliveries.findAll(List.of(id)).get(0).status();
    }

    private static void passTogether(DeliveryDispatcher a, DeliveryDispatcher b) throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                together.await();
                b.dispatchDue();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        other.start();
        together.await();
        a.dispatchDue();
        other.join();
        assertThat(failure.get()).isNull();
    }

    enum Death { BEFORE_SENDING, AFTER_SENDING }

    /** The SMTP server's side: which instance handed it which delivery. */
    final class RecordingMailer implements Mailer {
        private final String instance;
        private final Death death;

        RecordingMailer(String instance, Death death) {
            this.instance = instance;
            this.death = death;
        }

        @Override
        public Map<String, String> send(List<Delivery> batch) {
            if (death == Death.BEFORE_SENDING) {
                throw new Killed();
            }
            batch.forEach(delivery -> sends.computeIfAbsent(delivery.id(), id -> new CopyOnWriteArrayList<>())
                    .add(instance));
            if (death == Death.AFTER_SENDING) {
                throw new Killed();
            }
            return new HashMap<>();
        }
    }

    /** The process ends here. */
    static final class Killed extends Error {
    }
}
