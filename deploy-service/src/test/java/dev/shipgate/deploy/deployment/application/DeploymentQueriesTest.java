package dev.shipgate.deploy.deployment.application;

import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.deploy.replica.application.InMemoryImageReplica;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.deploy.shared.domain.DeployRefusal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may read deployments and which one is active, through the ports (in-memory deployments and pipelines): a viewer
 * of the pipeline's scope reads them, anyone else is told they do not exist.
 */
class DeploymentQueriesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final PipelineImage IMAGE = new PipelineImage("pl-1", "payments", "prod", "sha256:ab", "1.0.0");

    private final InMemoryDeployments deployments = new InMemoryDeployments();
    private final InMemoryPipelines pipelines = new InMemoryPipelines();
    private final InMemoryImageReplica images = new InMemoryImageReplica();
    private final DeploymentQueries queries = new DeploymentQueries(deployments,
            new PipelineService(pipelines, new ViewerOnly("vera")), images);

    @Test
    void a_viewer_of_the_pipeline_reads_its_deployments_and_anyone_else_is_told_they_do_not_exist() {
        pipelines.add("pl-1", "simulated");
        store(ended("dp-1", 0, DeploymentStatus.HEALTHY));

        assertThat(queries.deployment("vera", "dp-1").id()).isEqualTo("dp-1");
        assertThat(queries.history("vera", "pl-1", null, PageAt.of(null, 0, 20)).items()).hasSize(1);
        assertThat(queries.readable("vera", "pl-1")).isTrue();

        assertRefused(() -> queries.deployment("mallory", "dp-1"), DeployRefusal.UNKNOWN_DEPLOYMENT);
        assertRefused(() -> queries.deployment("vera", "dp-none"), DeployRefusal.UNKNOWN_DEPLOYMENT);
        assertRefused(() -> queries.history("mallory", "pl-1", null, PageAt.of(null, 0, 20)),
                DeployRefusal.UNKNOWN_PIPELINE);
        assertRefused(() -> queries.active("mallory", "pl-1"), DeployRefusal.UNKNOWN_PIPELINE);
        assertThat(queries.readable("mallory", "pl-1")).isFalse();
    }

    @Test
    void the_history_is_searched_by_the_start_of_the_images_commit_as_well_as_by_tag_and_digest() {
        pipelines.add("pl-1", "simulated");
        store(ended("dp-1", 0, DeploymentStatus.HEALTHY));
        images.apply(new ImageBuilt(IMAGE.digest(), "registry.local/payments", IMAGE.tag(), "9f3ac1d0", "payments",
                "ci-bot", NOW));

        assertThat(queries.history("vera", "pl-1", "9F3A", PageAt.first(20)).items()).extracting(Deployment::id)
                .containsExactly("dp-1");
        assertThat(queries.history("vera", "pl-1", "3ac1", PageAt.first(20)).total()).isZero(); // a start only
        assertThat(queries.history("vera", "pl-1", "1.0.0", PageAt.first(20)).total()).isEqualTo(1);
    }

    @Test
    void a_deleted_pipeline_hides_its_deployments_from_everyone() {
        pipelines.add("pl-1", "simulated");
        store(ended("dp-1", 0, DeploymentStatus.HEALTHY));
        pipelines.update(pipelines.find("pl-1").orElseThrow().deleted(true));

        assertRefused(() -> queries.deployment("vera", "dp-1"), DeployRefusal.UNKNOWN_DEPLOYMENT);
        assertThat(queries.readable("vera", "pl-1")).isFalse();
    }

    @Test
    void the_active_deployment_is_the_newest_healthy_one() {
        pipelines.add("pl-1", "simulated");
        store(ended("dp-old", 0, DeploymentStatus.HEALTHY));
        store(ended("dp-new", 60, DeploymentStatus.HEALTHY));
        store(ended("dp-failed", 120, DeploymentStatus.FAILED));

        assertThat(queries.active("vera", "pl-1")).map(Deployment::id).contains("dp-new");
    }

    @Test
    void no_healthy_deployment_means_none_is_active() {
        pipelines.add("pl-1", "simulated");
        store(ended("dp-failed", 0, DeploymentStatus.FAILED));

        assertThat(queries.active("vera", "pl-1")).isEmpty();
    }

    private void store(Deployment deployment) {
        deployments.insert(deployment, List.of());
    }

    private static Deployment ended(String id, int secondsAfter, DeploymentStatus outcome) {
        Instant at = NOW.plusSeconds(secondsAfter);
        return Deployment.request(id, IMAGE, "alice", null, at).deployment()
                .authorize("ar-1", List.of("bob"), at).orElseThrow().deployment()
                .startProgressing("rolling out", at).orElseThrow().deployment()
                .finish(outcome, "done", at).orElseThrow().deployment();
    }

    private static void assertRefused(Runnable call, DeployRefusal reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(RefusedException.class,
                refused -> assertThat(refused.refusal().reason()).isEqualTo(reason.name()));
    }

    /** One user holds View on every pipeline this test adds (shop / payments / prod); anyone else holds nothing. */
    private record ViewerOnly(String viewer) implements AccessReplica {
        @Override
        public void apply(UserAccessChanged access) {
        }

        @Override
        public boolean hasMembers(String group) {
            return false;
        }

        @Override
        public Permissions permissions(String userId) {
            return viewer.equals(userId)
                    ? new Permissions(userId, List.of(new Grant(Role.VIEW, new Scope("shop", "payments", "prod"))))
                    : Permissions.none(userId);
        }
    }
}
