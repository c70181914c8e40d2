package dev.shipgate.deploy.schedule.adapter;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.events.ApprovalExpired;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.deploy.schedule.application.ScheduleService;
import dev.shipgate.support.messaging.EventFollower;

/** The approvals schedules follow: an AUTOMATIC pipeline's approval outside its window, an expiry. */
class ScheduleApprovals implements EventFollower {

    private final ScheduleService schedules;

    ScheduleApprovals(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @Override
    public boolean follows(EventPayload data) {
        return data instanceof ImageApproved || data instanceof ApprovalExpired;
    }

    @Override
    public void follow(EventEnvelope<? extends EventPayload> event) {
        if (event.data() instanceof ImageApproved approved) {
            schedules.onImageApproved(approved);
        } else if (event.data() instanceof ApprovalExpired expired) {
            schedules.onApprovalExpired(expired);
        }
    }
}
