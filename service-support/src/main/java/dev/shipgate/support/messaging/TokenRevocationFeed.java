package dev.shipgate.support.messaging;

import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.events.ApiTokenRevoked;
import dev.shipgate.support.security.RevokedTokens;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/**
 * Every instance of every service reads the whole (compacted, single-partition) revocation topic from its start, so
 * each one refuses a revoked API token within moments, without asking anyone per call. Bound as
 * {@code tokenRevocations-in-0} with every partition assigned to each instance and its offsets reset to the
 * beginning at start (see {@link MessagingDefaults}).
 */
public class TokenRevocationFeed implements Consumer<Message<byte[]>> {

    private final RevokedTokens revoked;

    public TokenRevocationFeed(RevokedTokens revoked) {
        this.revoked = revoked;
    }

    @Override
    public void accept(Message<byte[]> message) {
        if (KafkaEventCodec.decode(EventConsumer.kafkaHeaders(message), message.getPayload()).data()
                instanceof ApiTokenRevoked revocation) {
            revoked.revoke(revocation.tokenId(), revocation.expiresAt());
        }
    }
}
