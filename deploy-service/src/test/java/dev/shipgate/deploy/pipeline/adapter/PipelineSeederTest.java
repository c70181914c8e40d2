package dev.shipgate.deploy.pipeline.adapter;

import dev.shipgate.contracts.events.PipelineReminders;
import dev.shipgate.deploy.pipeline.application.Pipelines;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.dao.DuplicateKeyException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** Two instances of deploy-service starting at once both seed; the one that loses the insert race starts anyway. */
class PipelineSeederTest {

    @Test
    void a_pipeline_seeded_meanwhile_by_another_instance_is_left_as_it_is() {
        List<String> tried = new ArrayList<>();
        List<Pipeline> seeded = new ArrayList<>();
        Pipelines seededMeanwhile = new Pipelines() {
            @Override
            public void create(Pipeline pipeline) {
                tried.add(pipeline.id());
                seeded.add(pipeline);
                throw new DuplicateKeyException("E11000 duplicate key error: _id " + pipeline.id());
            }

            @Override
            public boolean update(Pipeline pipeline) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<Pipeline> find(String id) {
                return Optional.empty(); // not there yet when this instance looked
            }

            @Override
            public List<Pipeline> all() {
                return List.of();
            }
        };

        assertThatNoException().isThrownBy(() -> new PipelineSeeder(seededMeanwhile)
                .seed(new FileSystemResource("../config/seed.json")));
        assertThat(tried).isNotEmpty();
        PipelineReminders prod = seeded.stream().filter(p -> p.id().equals("payments-prod")).findFirst()
                .orElseThrow().reminders();
        assertThat(prod).as("the seed's plan, with a fallback group (issue 19)").isEqualTo(new PipelineReminders(
                Duration.ofHours(4), Duration.ofHours(4), 2, Duration.ofHours(24), "release-managers"));
    }

    @Test
    void a_seed_pipeline_may_leave_out_what_the_api_requires_and_gets_what_it_always_got(
            @TempDir Path dir) throws Exception {
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, """
                {"pipelines": [{"id": "web-dev", "project": "web", "application": "web", "environment": "dev",
                  "target": "simulated", "targetRef": "web-dev",
                  "approverRules": [{"group": "web-approvers", "approvals": 1}]}]}
                """);
        List<Pipeline> created = new ArrayList<>();
        Pipelines empty = new Pipelines() {
            @Override
            public void create(Pipeline pipeline) {
                created.add(pipeline);
            }

            @Override
            public boolean update(Pipeline pipeline) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<Pipeline> find(String id) {
                return Optional.empty();
            }

            @Override
            public List<Pipeline> all() {
                return List.of();
            }
        };

        new PipelineSeeder(empty).seed(new FileSystemResource(seed));

        assertThat(created).singleElement().satisfies(pipeline -> {
            assertThat(pipeline.approval().requiredApprovals()).isZero();
            assertThat(pipeline.approval().approverMayDeploy()).isFalse();
        });
    }
}
