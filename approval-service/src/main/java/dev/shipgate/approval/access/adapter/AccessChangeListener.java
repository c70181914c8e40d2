package dev.shipgate.approval.access.adapter;

import dev.shipgate.approval.approval.application.ApprovalService;
import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.support.messaging.EventConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Judges again the open requests a user voted on when their access changes (design rule 10: a vote whose author lost
 * the right stops counting; one who got it back counts again). Reads approval-service's own access topic rather than
 * hooking the save, so the trigger survives a crash between the save and the re-evaluation (the event waits in the
 * outbox) and runs on whichever instance reads it.
 */
public class AccessChangeListener {

    private static final String CONSUMER = "approval-service.access-changes";

    private final EventConsumer consumer;
    private final ApprovalService approvals;

    public AccessChangeListener(EventConsumer consumer, ApprovalService approvals) {
        this.consumer = consumer;
        this.approvals = approvals;
    }

    @KafkaListener(topics = Topics.ACCESS, groupId = CONSUMER)
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.consume(CONSUMER, record, event -> {
            if (event.data() instanceof UserAccessChanged changed) {
                approvals.reevaluateVotesOf(changed.userId());
            }
        });
    }
}
