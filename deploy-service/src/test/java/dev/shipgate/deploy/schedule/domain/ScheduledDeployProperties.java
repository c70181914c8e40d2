package dev.shipgate.deploy.schedule.domain;

import dev.shipgate.contracts.events.DeploymentScheduleChanged;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model-based: any sequence of claims, starts and voidings by several instances, at any moments, each writing only
 * if the version it read is still the stored one (as the store does). Whatever the order: at most one instance's
 * start is stored, a schedule ends STARTED or VOIDED at most once and never moves after, and the events tell the
 * same story as the stored schedule.
 */
class ScheduledDeployProperties {

    record Step(int instance, String command, int secondsAfterRun) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Arbitraries.integers().between(0, 2).flatMap(instance -> Arbitraries.of("claim", "start", "void")
                .flatMap(command -> Arbitraries.integers().between(-5, 40)
                        .map(seconds -> new Step(instance, command, seconds)))).list().ofMaxSize(30);
    }

    @Property(tries = 500)
    void oneStartAtMostAndNothingAfterTheEnd(@ForAll("steps") List<Step> steps) {
        ScheduledDeploy stored = ScheduledDeployTest.pending();
        ScheduledDeploy[] seen = {stored, stored, stored}; // what each instance last read
        List<DeploymentScheduleChanged> events = new ArrayList<>();
        int starts = 0;
        for (Step step : steps) {
            ScheduledDeploy read = seen[step.instance()];
            Instant now = ScheduledDeployTest.RUN_AT.plusSeconds(step.secondsAfterRun());
            ScheduledDeploy.Result result = switch (step.command()) {
                case "claim" -> read.claim(now, Duration.ofSeconds(15));
                case "start" -> read.started(read.startsDeployment(), now);
                default -> read.voided(VoidReason.CANCELLED, "cancelled", now);
            };
            if (result instanceof ScheduledDeploy.Moved moved && moved.schedule().version() == stored.version()) {
                boolean wasOver = stored.status() == ScheduleStatus.STARTED || stored.status() == ScheduleStatus.VOIDED;
                assertThat(wasOver).as("moved after its end: %s", step).isFalse();
                stored = moved.schedule().nextVersion();
                events.addAll(moved.events());
                starts += stored.status() == ScheduleStatus.STARTED ? 1 : 0;
            }
            seen[step.instance()] = stored; // read again, as the service does each tick
        }
        assertThat(starts).isLessThanOrEqualTo(1);
        long ends = events.stream().filter(e -> !e.status().equals("SCHEDULED")).count();
        assertThat(ends).isLessThanOrEqualTo(1);
        if (stored.status() == ScheduleStatus.STARTED || stored.status() == ScheduleStatus.VOIDED) {
            assertThat(events).last().extracting(DeploymentScheduleChanged::status).isEqualTo(stored.status().name());
        }
        if (stored.status() == ScheduleStatus.STARTED) {
            assertThat(stored.deploymentId()).isEqualTo("sched-sc-1");
        }
    }
}
