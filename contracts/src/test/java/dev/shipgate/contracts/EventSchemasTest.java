package dev.shipgate.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    @ParameterizedTest
    @EnumSource(EventType.class)
    void every_schema_requires_every_record_field(EventType type) throws IOException {
        var components = type.payloadType().getRecordComponents();
        for (var component : components) {
            String json = new String(KafkaEventCodec.payloadBytes(SampleEvents.BY_TYPE.get(type)),
                    StandardCharsets.UTF_8);
            var tree = (tools.jackson.databind.node.ObjectNode) KafkaEventCodec.json().readTree(json);
            tree.remove(component.getName());

            assertThat(validate(type, tree.toString()))
                    .as("%s without %s", type.typeName(), component.getName())
                    .isNotEmpty();
        }
    }

    private static List<Error> validate(EventType type, String json) throws IOException {
        try (InputStream schemaText = EventType.class.getResourceAsStream(type.schemaResource())) {
            assertThat(schemaText).as("schema %s", type.schemaResource()).isNotNull();
            Schema schema = SCHEMAS.getSchema(schemaText);
            return schema.validate(json, InputFormat.JSON);
        }
    }
}
