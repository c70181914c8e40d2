package dev.shipgate.deploy.schedule.application;

import dev.shipgate.contracts.events.DeploymentScheduleChanged;
import dev.shipgate.deploy.schedule.domain.ScheduledDeploy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stored schedules; each write is one versioned document update holding the schedule and its event (outbox). */
public interface Schedules {

    /** False when a schedule with its id exists already (the same approval scheduled twice). */
    boolean insert(ScheduledDeploy schedule, List<DeploymentScheduleChanged> events);

    /** Stores {@code next} if the stored version is still {@code next.version()}; false if another wrote first. */
    boolean update(ScheduledDeploy next, List<DeploymentScheduleChanged> events);

    Optional<ScheduledDeploy> find(String id);

    /** Those an instance may claim at {@code now} ({@link ScheduledDeploy#isDue}), earliest first. */
    List<ScheduledDeploy> due(Instant now, int limit);

    /** Every PENDING schedule, earliest first. */
    List<ScheduledDeploy> pending(int limit);

    /** A pipeline's schedules, latest {@code runAt} first. */
    List<ScheduledDeploy> ofPipeline(String pipelineId, int limit);
}
