package dev.shipgate.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published contract documents stay true: the AsyncAPI document lists every event on its topic, and no schema
 * changes in a way that breaks the consumers of the version published (the baseline under
 * src/test/resources/compatibility-baseline; a breaking change needs a new major version and topic).
 */
class EventContractDocumentsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asyncApi() throws IOException {
        try (InputStream in = EventType.class.getResourceAsStream("/asyncapi.yaml")) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @EnumSource(EventType.class)
    void the_asyncapi_document_lists_every_event_on_its_topic_with_its_schema(EventType type) throws IOException {
        Map<String, Object> doc = asyncApi();
        Map<String, Object> channels = (Map<String, Object>) doc.get("channels");
        Map<String, Object> messages = (Map<String, Object>) ((Map<String, Object>) doc.get("components"))
                .get("messages");

        assertThat(doc.get("asyncapi")).isEqualTo("3.0.0");
        boolean listed = channels.values().stream().map(c -> (Map<String, Object>) c)
                .anyMatch(c -> type.topic().equals(c.get("address"))
                        && ((Map<String, Object>) c.get("messages")).containsKey(type.typeName()));
        assertThat(listed).as("%s on %s", type.typeName(), type.topic()).isTrue();
        String schemaRef = (String) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) messages
                .get(type.typeName())).get("payload")).get("schema")).get("$ref");
        assertThat("/" + schemaRef).isEqualTo(type.schemaResource());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void no_schema_breaks_the_consumers_of_the_published_version(EventType type) throws IOException {
        JsonNode published = read("/compatibility-baseline/" + type.typeName() + ".v" + type.schemaVersion() + ".json");
        JsonNode current = read(type.schemaResource());

        assertThat(SchemaCompatibility.breakingChanges(published, current)).isEmpty();
    }

    @Test
    void the_check_fails_on_a_removed_field_a_changed_type_or_a_lost_enum_value() throws IOException {
        JsonNode published = read("/schemas/DeploymentStatusChanged.v1.json");
        ObjectNode removed = (ObjectNode) published.deepCopy();
        ((ObjectNode) removed.get("properties")).remove("detail");
        ObjectNode retyped = (ObjectNode) published.deepCopy();
        ((ObjectNode) retyped.get("properties").get("at")).put("type", "integer");
        ObjectNode narrowed = (ObjectNode) published.deepCopy();
        ((tools.jackson.databind.node.ArrayNode) narrowed.get("properties").get("status").get("enum")).remove(0);
        ObjectNode renamedNested = (ObjectNode) read("/schemas/ApprovalRequested.v1.json").deepCopy();
        ObjectNode image = (ObjectNode) renamedNested.get("$defs").get("PipelineImage").get("properties");
        image.set("imageTag", image.remove("tag"));

        assertThat(SchemaCompatibility.breakingChanges(published, removed)).containsExactly(
                "field /detail was removed");
        assertThat(SchemaCompatibility.breakingChanges(published, retyped)).singleElement().asString()
                .contains("/at no longer allows type string");
        assertThat(SchemaCompatibility.breakingChanges(published, narrowed)).singleElement().asString()
                .contains("lost the value \"REQUESTED\"");
        assertThat(SchemaCompatibility.breakingChanges(read("/schemas/ApprovalRequested.v1.json"), renamedNested))
                .containsExactly("field /image/tag was removed");
    }

    @Test
    void the_check_passes_an_additive_change() throws IOException {
        JsonNode published = read("/schemas/DeploymentStatusChanged.v1.json");
        ObjectNode added = (ObjectNode) published.deepCopy();
        ((ObjectNode) added.get("properties")).putObject("region").put("type", "string");
        ((tools.jackson.databind.node.ArrayNode) added.get("properties").get("status").get("enum")).add("PAUSED");
        ((ObjectNode) added.get("properties").get("detail")).putArray("type").add("string").add("null").add("object");

        assertThat(SchemaCompatibility.breakingChanges(published, added)).isEmpty();
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = EventType.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return KafkaEventCodec.json().readTree(in);
        }
    }
}
