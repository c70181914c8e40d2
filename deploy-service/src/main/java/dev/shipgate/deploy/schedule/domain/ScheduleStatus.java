package dev.shipgate.deploy.schedule.domain;

/** Where a scheduled deployment is: waiting, being started by one instance, started, or voided. */
public enum ScheduleStatus {
    PENDING, CLAIMED, STARTED, VOIDED
}
