package dev.shipgate.notification.delivery.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private static Delivery pending() {
        return Delivery.pending("ev-1", "ApprovalRequested", "bob", "bob@example.com", "s", "<p>h</p>", "t", NOW);
    }

    @Test
    void one_delivery_per_event_and_recipient() {
        assertThat(pending().id()).isEqualTo("ev-1:bob");
    }

    @Test
    void a_failed_attempt_is_retried_later_with_a_doubling_pause() {
        var once = pending().attemptFailed("connection refused", NOW, 5, Duration.ofSeconds(2));
        var twice = once.attemptFailed("connection refused", NOW, 5, Duration.ofSeconds(2));

        assertThat(once.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(once.nextAttemptAt()).isEqualTo(NOW.plusSeconds(2));
        assertThat(twice.nextAttemptAt()).isEqualTo(NOW.plusSeconds(4));
        assertThat(twice.lastError()).isEqualTo("connection refused");
    }

    @Test
    void after_the_last_attempt_it_fails_with_the_reason() {
        Delivery delivery = pending();
        for (int i = 0; i < 3; i++) {
            delivery = delivery.attemptFailed("550 mailbox unavailable", NOW, 3, Duration.ofSeconds(1));
        }

        assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.lastError()).isEqualTo("550 mailbox unavailable");
        assertThat(delivery.nextAttemptAt()).isNull();
    }

    @Test
    void a_sent_delivery_records_when() {
        var sent = pending().sent(NOW.plusSeconds(1));

        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.sentAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(sent.attempts()).isEqualTo(1);
    }

    @Test
    void a_claimed_delivery_is_the_same_mail_due_only_when_the_claim_ends() {
        var claimed = pending().claimedUntil(NOW.plusSeconds(15));

        assertThat(claimed.nextAttemptAt()).isEqualTo(NOW.plusSeconds(15));
        assertThat(claimed).usingRecursiveComparison().ignoringFields("nextAttemptAt").isEqualTo(pending());
    }
}
