package dev.shipgate.support.messaging;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.ApiTokenRevoked;
import dev.shipgate.support.security.RevokedTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;

/**
 * Every instance of every service reads the whole (compacted, single-partition) revocation topic from its start, so
 * each one refuses a revoked API token within moments, without asking anyone per call.
 */
public class TokenRevocationFeed {

    private final RevokedTokens revoked;

    public TokenRevocationFeed(RevokedTokens revoked) {
        this.revoked = revoked;
    }

    @KafkaListener(id = "${spring.application.name:shipgate}-token-revocations",
            topicPartitions = @TopicPartition(topic = Topics.TOKEN_REVOCATIONS,
                    partitionOffsets = @PartitionOffset(partition = "0", initialOffset = "0")))
    public void on(ConsumerRecord<String, byte[]> record) {
        if (KafkaEventCodec.fromRecord(record).data() instanceof ApiTokenRevoked revocation) {
            revoked.revoke(revocation.tokenId(), revocation.expiresAt());
        }
    }
}
