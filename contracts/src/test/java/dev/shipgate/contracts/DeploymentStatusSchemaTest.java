package dev.shipgate.contracts;

import dev.shipgate.contracts.events.DeploymentStatusChanged;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The published schema's status values are the contract enum's, in the same order. */
class DeploymentStatusSchemaTest {

    @Test
    void the_schema_lists_exactly_the_statuses_of_the_enum() throws IOException {
        JsonNode schema;
        try (InputStream in = getClass().getResourceAsStream("/schemas/DeploymentStatusChanged.v1.json")) {
            schema = JsonMapper.builder().build().readTree(in);
        }
        List<String> published = new ArrayList<>();
        schema.path("properties").path("status").path("enum").forEach(value -> published.add(value.asString()));
        assertThat(published)
                .isEqualTo(Arrays.stream(DeploymentStatusChanged.Status.values()).map(Enum::name).toList());
    }

    @Test
    void each_status_is_of_one_kind_pending_ended_well_or_failed() {
        for (DeploymentStatusChanged.Status status : DeploymentStatusChanged.Status.values()) {
            int kinds = (status.isPending() ? 1 : 0) + (status.endedWell() ? 1 : 0) + (status.isFailure() ? 1 : 0);
            assertThat(kinds).as(status.name()).isEqualTo(1);
        }
    }
}
