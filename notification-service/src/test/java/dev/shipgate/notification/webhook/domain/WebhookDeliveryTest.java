package dev.shipgate.notification.webhook.domain;

import dev.shipgate.notification.webhook.domain.WebhookDelivery.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookDeliveryTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final RetryPolicy RETRY = new RetryPolicy(6, Duration.ofSeconds(5), Duration.ofSeconds(30));

    @Test
    void pauses_double_up_to_the_cap_then_the_delivery_fails_with_the_last_reason() {
        WebhookDelivery delivery = WebhookDelivery.pending("sub-1", "alice", "ev-1", "ApprovalRequested", "{}", NOW);
        long[] pauses = new long[5];
        for (int i = 0; i < 5; i++) {
            delivery = delivery.attemptFailed(500, "the receiver answered HTTP 500", NOW, RETRY);
            assertThat(delivery.status()).isEqualTo(WebhookDelivery.Status.PENDING);
            pauses[i] = Duration.between(NOW, delivery.nextAttemptAt()).toSeconds();
        }
        assertThat(pauses).containsExactly(5, 10, 20, 30, 30);

        WebhookDelivery failed = delivery.attemptFailed(0, "no answer within 10000 ms", NOW, RETRY);
        assertThat(failed.status()).isEqualTo(WebhookDelivery.Status.FAILED);
        assertThat(failed.attempts()).isEqualTo(6);
        assertThat(failed.lastError()).isEqualTo("no answer within 10000 ms");
        assertThat(failed.nextAttemptAt()).isNull();
    }

    @Test
    void a_replay_is_a_new_pending_delivery_of_the_same_message() {
        WebhookDelivery failed = WebhookDelivery.pending("sub-1", "alice", "ev-1", "ApprovalRequested", "{\"a\":1}",
                NOW).attemptFailed(500, "HTTP 500", NOW, new RetryPolicy(1, Duration.ofSeconds(1),
                Duration.ofSeconds(1)));
        WebhookDelivery replay = failed.replay("r1", NOW.plusSeconds(60));
        assertThat(replay.id()).isNotEqualTo(failed.id());
        assertThat(replay.messageId()).isEqualTo(failed.messageId()).isEqualTo("ev-1");
        assertThat(replay.body()).isEqualTo(failed.body());
        assertThat(replay.status()).isEqualTo(WebhookDelivery.Status.PENDING);
        assertThat(replay.attempts()).isZero();
        assertThat(replay.replayOf()).isEqualTo(failed.id());
        assertThat(replay.replay("r2", NOW).replayOf()).isEqualTo(failed.id());
    }
}
