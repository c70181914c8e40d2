package dev.shipgate.contracts;

import com.networknt.schema.Error;
import dev.shipgate.contracts.events.PipelineConfigured;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventSchemasTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @Test
    void every_event_type_has_a_sample() {
        assertThat(SampleEvents.BY_TYPE.keySet()).containsExactlyInAnyOrder(EventType.values());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void every_event_record_serialises_to_json_that_its_schema_accepts(EventType type) throws IOException {
        String json = new String(KafkaEventCodec.payloadBytes(SampleEvents.BY_TYPE.get(type)), StandardCharsets.UTF_8);

        assertThat(validate(type, json)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void every_schema_refuses_a_field_the_record_does_not_have(EventType type) throws IOException {
        String json = new String(KafkaEventCodec.payloadBytes(SampleEvents.BY_TYPE.get(type)), StandardCharsets.UTF_8);
        String withExtraField = json.replaceFirst("\\{", "{\"notInTheContract\":1,");

        assertThat(validate(type, withExtraField)).isNotEmpty();
    }

    /** Fields added after a version was published are optional (older producers do not send them). */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void every_schema_requires_every_record_field_it_published(EventType type) throws IOException {
        JsonNode published;
        try (InputStream in = EventType.class.getResourceAsStream("/compatibility-baseline/" + type.typeName()
                + ".v" + type.schemaVersion() + ".json")) {
            published = KafkaEventCodec.json().readTree(in);
        }
        var components = type.payloadType().getRecordComponents();
        for (var component : components) {
            if (!published.path("properties").has(component.getName())) {
                continue;
            }
            String json = new String(KafkaEventCodec.payloadBytes(SampleEvents.BY_TYPE.get(type)),
                    StandardCharsets.UTF_8);
            var tree = (tools.jackson.databind.node.ObjectNode) KafkaEventCodec.json().readTree(json);
            tree.remove(component.getName());

            assertThat(validate(type, tree.toString()))
                    .as("%s without %s", type.typeName(), component.getName())
                    .isNotEmpty();
        }
    }

    @Test
    void a_deploy_request_from_a_producer_before_the_channel_field_is_still_valid() throws IOException {
        String json = new String(KafkaEventCodec.payloadBytes(new dev.shipgate.contracts.events.DeploymentRequested(
                "dp-1", SampleEvents.IMAGE, "alice", null)), StandardCharsets.UTF_8);
        var tree = (tools.jackson.databind.node.ObjectNode) KafkaEventCodec.json().readTree(json);
        tree.remove("channel");

        assertThat(validate(EventType.DEPLOYMENT_REQUESTED, json)).isEmpty();
        assertThat(validate(EventType.DEPLOYMENT_REQUESTED, tree.toString())).isEmpty();
        assertThat(validate(EventType.DEPLOYMENT_REQUESTED, json.replace("\"channel\":null",
                "\"channel\":{\"kind\":\"CARRIER_PIGEON\"}"))).isNotEmpty();
    }

    /**
     * A pipeline that sets neither of the optional fields added since (the voter counting, the reminder plan) is
     * written without them, so that a consumer validating against the first published schema (closed) accepts it.
     */
    @Test
    void a_pipeline_without_the_optional_fields_added_since_is_an_event_the_first_published_schema_accepts()
            throws IOException {
        PipelineConfigured withPlan = (PipelineConfigured) SampleEvents.BY_TYPE.get(EventType.PIPELINE_CONFIGURED);
        PipelineConfigured without = new PipelineConfigured(withPlan.pipelineId(), withPlan.project(),
                withPlan.application(), withPlan.environment(), withPlan.target(), withPlan.requiredApprovals(),
                withPlan.approverRules(), withPlan.approvalLifetimeSeconds(), withPlan.requestLifetimeSeconds(),
                withPlan.approverMayDeploy(), withPlan.trigger(), withPlan.deleted(), null, null);
        String json = new String(KafkaEventCodec.payloadBytes(without), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("reminders").doesNotContain("countVoterInEveryRule");
        Schema published;
        try (InputStream in = EventType.class.getResourceAsStream(
                "/compatibility-baseline/PipelineConfigured.v1.json")) {
            published = SCHEMAS.getSchema(in);
        }
        assertThat(published.validate(json, InputFormat.JSON)).isEmpty();
        assertThat(validate(EventType.PIPELINE_CONFIGURED, json)).isEmpty();
        assertThat(KafkaEventCodec.json().readValue(json, PipelineConfigured.class)).isEqualTo(without);
    }

    private static List<Error> validate(EventType type, String json) throws IOException {
        try (InputStream schemaText = EventType.class.getResourceAsStream(type.schemaResource())) {
            assertThat(schemaText).as("schema %s", type.schemaResource()).isNotNull();
            Schema schema = SCHEMAS.getSchema(schemaText);
            return schema.validate(json, InputFormat.JSON);
        }
    }
}
