package dev.shipgate.support.messaging;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A write to an outbox the relay does not sweep is refused, so shipgate.outbox.collections cannot drift. */
class OutboxCollectionsTest {

    @Test
    void a_collection_missing_from_the_swept_list_is_refused_at_its_first_write() {
        try (OutboxRelay relay = new OutboxRelay(null, null, List.of("approval_requests"), 3_600_000, 3_600_000)) {
            assertThatThrownBy(() -> relay.relay("users", "alice", List.of()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("'users'")
                    .hasMessageContaining("shipgate.outbox.collections");
            assertThatThrownBy(() -> relay.wakeUp("users", "alice")).isInstanceOf(IllegalStateException.class);
            assertThatCode(() -> relay.relay("approval_requests", "ar-1", List.of())).doesNotThrowAnyException();
        }
    }
}
