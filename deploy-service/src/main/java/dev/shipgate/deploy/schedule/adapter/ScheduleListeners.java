package dev.shipgate.deploy.schedule.adapter;

import dev.shipgate.contracts.events.ApprovalExpired;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.deploy.schedule.application.ScheduleService;
import dev.shipgate.support.messaging.EventConsumer;
import org.springframework.messaging.Message;

/** Approvals, in a consumer group of their own: an AUTOMATIC pipeline's approval outside its window, an expiry. */
class ScheduleListeners {

    private static final String CONSUMER = "deploy-service.schedules";

    private final EventConsumer consumer;
    private final ScheduleService schedules;

    ScheduleListeners(EventConsumer consumer, ScheduleService schedules) {
        this.consumer = consumer;
        this.schedules = schedules;
    }

    public void onApproval(Message<byte[]> message) {
        consumer.consume(CONSUMER, message, event -> {
            if (event.data() instanceof ImageApproved approved) {
                schedules.onImageApproved(approved);
            } else if (event.data() instanceof ApprovalExpired expired) {
                schedules.onApprovalExpired(expired);
            }
        });
    }
}
