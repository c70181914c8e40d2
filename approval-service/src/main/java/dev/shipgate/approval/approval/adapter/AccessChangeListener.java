package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.approval.application.ApprovalService;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.support.messaging.EventConsumer;
import org.springframework.messaging.Message;

/**
 * Judges again the open requests a user voted on when their access changes (design rule 10: a vote whose author lost
 * the right stops counting; one who got it back counts again). Reads approval-service's own access topic rather than
 * hooking the save, so the trigger survives a crash between the save and the re-evaluation (the event waits in the
 * outbox) and runs on whichever instance reads it.
 */
class AccessChangeListener {

    private static final String CONSUMER = "approval-service.access-changes";

    private final EventConsumer consumer;
    private final ApprovalService approvals;

    public AccessChangeListener(EventConsumer consumer, ApprovalService approvals) {
        this.consumer = consumer;
        this.approvals = approvals;
    }

    public void on(Message<byte[]> message) {
        consumer.consume(CONSUMER, message, event -> {
            if (event.data() instanceof UserAccessChanged changed) {
                approvals.reevaluateVotesOf(changed.userId());
            }
        });
    }
}
