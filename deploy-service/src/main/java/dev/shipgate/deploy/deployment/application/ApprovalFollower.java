package dev.shipgate.deploy.deployment.application;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;

/**
 * Another feature that follows approval events (scheduled deploys follow approvals and expiries): handed each event it
 * {@link #follows} once, by the consumer that starts AUTOMATIC pipelines (and its record of applied events), so each
 * approval event is read and decoded once by this service.
 */
public interface ApprovalFollower {

    boolean follows(EventPayload data);

    void follow(EventEnvelope<? extends EventPayload> event);
}
