package dev.shipgate.testing;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class ApiCompatibilityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PUBLISHED = """
            {"openapi":"3.1.0","paths":{
              "/api/things/{id}":{"get":{"parameters":[{"name":"id","in":"path","required":true}],
                "responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}}}}},
              "/api/things":{"get":{"parameters":[{"name":"tag","in":"query","required":false}],
                "responses":{"200":{"content":{"application/json":{"schema":{"type":"array",
                  "items":{"$ref":"#/components/schemas/Thing"}}}}}}}}},
             "components":{"schemas":{"Thing":{"properties":{"id":{"type":"string"},"name":{"type":"string"}}}}}}
            """;

    private static ObjectNode published() {
        return (ObjectNode) JSON.readTree(PUBLISHED);
    }

    @Test
    void an_unchanged_or_extended_api_is_compatible() {
        ObjectNode extended = published();
        ((ObjectNode) extended.at("/components/schemas/Thing/properties")).putObject("color");
        ((ObjectNode) extended.get("paths")).putObject("/api/other").putObject("post");

        assertThat(ApiCompatibility.breakingChanges(published(), published())).isEmpty();
        assertThat(ApiCompatibility.breakingChanges(published(), extended)).isEmpty();
    }

    @Test
    void a_removed_operation_a_new_required_parameter_or_a_removed_response_field_breaks_clients() {
        ObjectNode removed = published();
        ((ObjectNode) removed.get("paths")).remove("/api/things");
        ObjectNode required = published();
        ((ObjectNode) required.at("/paths/~1api~1things/get/parameters/0")).put("required", true);
        ObjectNode narrowed = published();
        ((ObjectNode) narrowed.at("/components/schemas/Thing/properties")).remove("name");

        assertThat(ApiCompatibility.breakingChanges(published(), removed)).containsExactly(
                "GET /api/things was removed");
        assertThat(ApiCompatibility.breakingChanges(published(), required)).containsExactly(
                "GET /api/things now requires query:tag");
        assertThat(ApiCompatibility.breakingChanges(published(), narrowed)).containsExactlyInAnyOrder(
                "GET /api/things/{id} no longer returns name", "GET /api/things no longer returns name");
    }
}
