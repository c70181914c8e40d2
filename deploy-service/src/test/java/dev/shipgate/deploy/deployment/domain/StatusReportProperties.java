package dev.shipgate.deploy.deployment.domain;

import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.deploy.shared.domain.DeployRefusal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.shipgate.deploy.deployment.domain.DeploymentStatus.AUTHORIZED;
import static dev.shipgate.deploy.deployment.domain.DeploymentStatus.DEGRADED;
import static dev.shipgate.deploy.deployment.domain.DeploymentStatus.FAILED;
import static dev.shipgate.deploy.deployment.domain.DeploymentStatus.HEALTHY;
import static dev.shipgate.deploy.deployment.domain.DeploymentStatus.PROGRESSING;
import static dev.shipgate.deploy.deployment.domain.DeploymentStatus.REJECTED;
import static dev.shipgate.deploy.deployment.domain.DeploymentStatus.REQUESTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An external tool's reports (issue 21) as model-based sequences: any sequence of reported statuses, from a
 * deployment requested, authorized or rejected, moves it exactly as a small model of the status model says, refuses
 * the rest with the model's reason, and leaves a timeline whose every step is one the status model allows.
 */
class StatusReportProperties {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final PipelineImage IMAGE = new PipelineImage("pl-x", "payments", "argo", "sha256:ab", "1.0.0");
    /** The steps of the status model a timeline may show, each status to those that may follow it. */
    private static final Map<DeploymentStatus, Set<DeploymentStatus>> STEPS = Map.of(
            REQUESTED, Set.of(AUTHORIZED, REJECTED), AUTHORIZED, Set.of(PROGRESSING),
            PROGRESSING, Set.of(HEALTHY, DEGRADED, FAILED));

    @Property(tries = 500)
    void reports_move_a_deployment_as_the_status_model_says(@ForAll("starts") DeploymentStatus start,
                                                             @ForAll("reports") List<DeploymentStatus> reports) {
        Deployment deployment = at(start);
        DeploymentStatus model = start;
        for (int i = 0; i < reports.size(); i++) {
            DeploymentStatus reported = reports.get(i);
            String link = "https://argo.example/app?step=" + i;
            Deployment.Change change = deployment.report(reported, "step " + i, link, NOW.plusSeconds(i));
            String expectedRefusal = refusalOf(model, reported);
            if (expectedRefusal != null) {
                assertThat(change.refusal()).as("%s reported on %s", reported, model).map(Refusal::reason)
                        .contains(expectedRefusal);
                continue;
            }
            Deployment moved = change.orElseThrow().deployment();
            int added = model == AUTHORIZED && reported != PROGRESSING ? 2 : 1; // through PROGRESSING
            assertThat(moved.timeline()).hasSize(deployment.timeline().size() + added);
            TimelineEntry last = moved.timeline().get(moved.timeline().size() - 1);
            assertThat(last.status()).isEqualTo(reported);
            assertThat(last.link()).isEqualTo(link);
            assertThat(last.detail()).isEqualTo("step " + i);
            assertThat(change.orElseThrow().events()).as("one event per step")
                    .map(event -> ((DeploymentStatusChanged) event).status())
                    .isEqualTo(moved.timeline().subList(deployment.timeline().size(), moved.timeline().size())
                            .stream().map(step -> step.status().name()).toList());
            assertThat(moved.lastStepIs(reported, "step " + i, link)).isTrue();
            deployment = moved;
            model = reported;
        }
        assertThat(deployment.status()).isEqualTo(model);
        List<TimelineEntry> timeline = deployment.timeline();
        for (int i = 1; i < timeline.size(); i++) {
            assertThat(STEPS.getOrDefault(timeline.get(i - 1).status(), Set.of()))
                    .as("step %s -> %s", timeline.get(i - 1).status(), timeline.get(i).status())
                    .contains(timeline.get(i).status());
        }
    }

    /** The model: null when the report moves the deployment, else the reason it is refused. */
    private static String refusalOf(DeploymentStatus model, DeploymentStatus reported) {
        if (model.isFinal() || model == HEALTHY) {
            return DeployRefusal.DEPLOYMENT_FINISHED.name();
        }
        if (reported == PROGRESSING) {
            return model == AUTHORIZED ? null : DeployRefusal.DEPLOYMENT_NOT_AUTHORIZED.name();
        }
        if (!Set.of(HEALTHY, DEGRADED, FAILED).contains(reported)) {
            return DeployRefusal.STATUS_NOT_REPORTABLE.name();
        }
        return model == REQUESTED ? DeployRefusal.DEPLOYMENT_NOT_PROGRESSING.name() : null;
    }

    private static Deployment at(DeploymentStatus start) {
        Deployment requested = Deployment.request("dp-x", IMAGE, "alice", null, NOW).deployment();
        return switch (start) {
            case REQUESTED -> requested;
            case REJECTED -> requested.reject("NO_APPROVAL", "none", NOW).orElseThrow().deployment();
            default -> requested.authorize("ar-1", List.of("bob"), NOW).orElseThrow().deployment();
        };
    }

    @Provide
    Arbitrary<DeploymentStatus> starts() {
        return Arbitraries.of(REQUESTED, AUTHORIZED, AUTHORIZED, REJECTED);
    }

    @Provide
    Arbitrary<List<DeploymentStatus>> reports() {
        Arbitrary<DeploymentStatus> any = Arbitraries.of(DeploymentStatus.values());
        Arbitrary<DeploymentStatus> reportable = Arbitraries.of(PROGRESSING, HEALTHY, DEGRADED, FAILED);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, reportable), net.jqwik.api.Tuple.of(1, any))
                .list().ofMaxSize(6);
    }
}
