package dev.shipgate.deploy.pipeline.adapter;

import dev.shipgate.deploy.pipeline.application.Pipelines;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;
import org.springframework.dao.DuplicateKeyException;

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
        Pipelines seededMeanwhile = new Pipelines() {
            @Override
            public void create(Pipeline pipeline) {
                tried.add(pipeline.id());
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
    }
}
