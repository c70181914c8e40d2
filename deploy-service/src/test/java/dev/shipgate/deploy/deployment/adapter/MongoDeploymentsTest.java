package dev.shipgate.deploy.deployment.adapter;

import com.mongodb.client.MongoClients;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.deploy.deployment.application.DeploymentUpdater;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.deploy.replica.adapter.ImageReplicas;
import dev.shipgate.deploy.replica.application.ImageReplica;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.support.messaging.AggregateStore;
import dev.shipgate.support.messaging.Outbox;
import dev.shipgate.support.messaging.OutboxRelay;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.shipgate.deploy.deployment.domain.DeploymentStatus.AUTHORIZED;
import static dev.shipgate.deploy.deployment.domain.DeploymentStatus.FAILED;
import static dev.shipgate.deploy.deployment.domain.DeploymentStatus.HEALTHY;
import static dev.shipgate.deploy.deployment.domain.DeploymentStatus.PROGRESSING;
import static dev.shipgate.deploy.deployment.domain.DeploymentStatus.REQUESTED;
import static org.assertj.core.api.Assertions.assertThat;

/** The deployment store and its index of live deployments, on the embedded default database run as a real process. */
class MongoDeploymentsTest {

    private static final List<DeploymentStatus> LIVE = List.of(AUTHORIZED, PROGRESSING, HEALTHY);
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private final MongoTemplate mongo = new MongoTemplate(MongoClients.create(SharedInfra.get().mongoUri()),
            "deployments-" + UUID.randomUUID());
    private final MongoDeployments deployments = new MongoDeployments(mongo, new AggregateStore(mongo,
            new Outbox("test", Clock.systemUTC(), null, new OutboxRelay(mongo, null, List.of(), 3_600_000,
                    3_600_000))));
    private final DeploymentUpdater updater = new DeploymentUpdater(deployments);

    @Test
    void the_live_deployments_of_a_pipeline_are_its_authorized_progressing_and_healthy_ones() {
        String healthy = deploy("pl-a", 1, HEALTHY);
        String progressing = deploy("pl-a", 2, PROGRESSING);
        String authorized = deploy("pl-a", 3, AUTHORIZED);
        deploy("pl-a", 4, REQUESTED);
        deploy("pl-a", 5, FAILED);
        deploy("pl-b", 6, HEALTHY);

        assertThat(ids(deployments.inPipelineWithStatus("pl-a", LIVE)))
                .containsExactlyInAnyOrder(healthy, progressing, authorized);
        assertThat(ids(deployments.inPipelineWithStatus("pl-a", List.of(HEALTHY)))).containsExactly(healthy);
        assertThat(ids(deployments.inPipelineWithStatus("pl-a", List.of(REQUESTED, FAILED)))).hasSize(2);
    }

    @Test
    void a_deployment_authorized_after_the_index_was_read_is_in_it() {
        String first = deploy("pl-e", 1, HEALTHY);
        assertThat(ids(deployments.inPipelineWithStatus("pl-e", LIVE))).containsExactly(first);

        String second = deploy("pl-e", 2, AUTHORIZED);

        assertThat(ids(deployments.inPipelineWithStatus("pl-e", LIVE))).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void a_deployment_that_ends_leaves_the_index_at_the_next_read() {
        String older = deploy("pl-c", 1, HEALTHY);
        String newer = deploy("pl-c", 2, PROGRESSING);
        updater.apply(older, d -> d.supersede(newer, T0));

        assertThat(ids(deployments.inPipelineWithStatus("pl-c", LIVE))).containsExactly(newer);
        assertThat(indexOf("pl-c")).containsExactly(newer);
    }

    @Test
    void a_change_decided_on_a_version_read_before_another_writer_is_decided_again_on_the_stored_one() {
        String older = deploy("pl-f", 1, HEALTHY);
        String first = deploy("pl-f", 2, PROGRESSING);
        String second = deploy("pl-f", 3, PROGRESSING);
        Deployment readBefore = deployments.find(older).orElseThrow();
        updater.apply(older, d -> d.supersede(first, T0)); // another writer, meanwhile

        var outcome = updater.apply(readBefore, d -> d.supersede(second, T0.plusSeconds(1)));

        assertThat(outcome).isEmpty(); // superseded already: the stored version says so, not the one read before
        assertThat(deployments.find(older).orElseThrow().status()).isEqualTo(DeploymentStatus.SUPERSEDED);
        assertThat(deployments.find(older).orElseThrow().version()).isEqualTo(readBefore.version() + 1);
    }

    @Test
    void a_pipeline_deployed_before_the_index_existed_is_completed_from_a_scan() {
        String before = deploy("pl-d", 1, HEALTHY);
        mongo.remove(new org.springframework.data.mongodb.core.query.Query(), MongoDeployments.LIVE_COLLECTION);
        String after = deploy("pl-d", 2, AUTHORIZED); // starts a new index document that lacks the one before

        assertThat(ids(deployments.inPipelineWithStatus("pl-d", LIVE))).containsExactlyInAnyOrder(before, after);
        assertThat(indexOf("pl-d")).containsExactlyInAnyOrder(before, after);
    }

    /** A deployment of the pipeline, taken through the domain's own transitions to the given status. */
    @Test
    void the_history_of_a_pipeline_is_reached_page_by_page_newest_first_with_its_total_and_search() {
        for (int minute = 0; minute < 45; minute++) {
            deploy("pl-h", minute, minute % 2 == 0 ? HEALTHY : REQUESTED);
            deploy("pl-other", minute, REQUESTED);
        }
        List<String> reached = new java.util.ArrayList<>();
        ListPage<Deployment> page = deployments.forPipeline("pl-h", null, List.of(), PageAt.first(20));
        assertThat(page.total()).isEqualTo(45);
        reached.addAll(ids(page.items()));
        while (page.next() != null) {
            page = deployments.forPipeline("pl-h", null, List.of(), new PageAt(page.next(), 0, 20));
            reached.addAll(ids(page.items()));
        }
        assertThat(reached).hasSize(45).doesNotHaveDuplicates().startsWith("dp-pl-h-44").endsWith("dp-pl-h-0");
        assertThat(ids(deployments.forPipeline("pl-h", "1.17", List.of(), PageAt.first(20)).items()))
                .containsExactly("dp-pl-h-17");
        assertThat(deployments.forPipeline("pl-h", "sha256:4", List.of(), PageAt.first(20)).total()).isEqualTo(6);
        assertThat(ids(deployments.forPipeline("pl-h", null, List.of(), PageAt.of(null, 2, 20)).items())).hasSize(5);

        // by commit: the images of commit c0ffee... (any case) are minutes 3 and 30; the replica names their digests
        ImageReplica images = ImageReplicas.mongo(mongo);
        for (int minute : new int[] {3, 30, 31}) {
            images.apply(new ImageBuilt("sha256:" + minute, "registry.local/payments", "1." + minute,
                    (minute == 31 ? "beef" : "c0ffee") + "00" + minute, "payments", "ci-bot", T0));
        }
        List<String> ofCommit = images.digestsOfCommit("C0FFEE", 1000);
        assertThat(ofCommit).containsExactlyInAnyOrder("sha256:3", "sha256:30");
        ListPage<Deployment> byCommit = deployments.forPipeline("pl-h", "C0FFEE", ofCommit, PageAt.first(20));
        assertThat(ids(byCommit.items())).containsExactly("dp-pl-h-30", "dp-pl-h-3");
        assertThat(byCommit.total()).isEqualTo(2);
        assertThat(deployments.forPipeline("pl-other", "C0FFEE", ofCommit, PageAt.first(20)).total()).isEqualTo(2);
        assertThat(deployments.forPipeline("pl-h", "ffffff", images.digestsOfCommit("ffffff", 1000),
                PageAt.first(20)).total()).isZero();
    }

    private String deploy(String pipelineId, int minute, DeploymentStatus status) {
        String id = "dp-" + pipelineId + "-" + minute;
        Instant at = T0.plusSeconds(60L * minute);
        var requested = Deployment.request(id, new PipelineImage(pipelineId, "payments", "prod", "sha256:" + minute,
                "1." + minute), "alice", null, at);
        deployments.insert(requested.deployment(), requested.events());
        if (status == REQUESTED) {
            return id;
        }
        updater.apply(id, d -> d.authorize("ar-" + minute, List.of("bob"), at));
        if (status != AUTHORIZED) {
            updater.apply(id, d -> d.startProgressing("rolling out", at));
        }
        if (status != AUTHORIZED && status != PROGRESSING) {
            updater.apply(id, d -> d.finish(status, "done", at));
        }
        assertThat(deployments.find(id).orElseThrow().status()).isEqualTo(status);
        return id;
    }

    private List<String> indexOf(String pipelineId) {
        return mongo.findById(pipelineId, Document.class, MongoDeployments.LIVE_COLLECTION)
                .getList("ids", String.class);
    }

    private static List<String> ids(List<Deployment> found) {
        return found.stream().map(Deployment::id).toList();
    }
}
