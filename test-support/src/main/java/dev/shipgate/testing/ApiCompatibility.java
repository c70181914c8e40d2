package dev.shipgate.testing;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a service's OpenAPI document still serves the clients of a published one: every operation (method and
 * path) is still there, takes no new required parameter, and no response field it returned has gone.
 */
public final class ApiCompatibility {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private ApiCompatibility() {
    }

    public static List<String> breakingChanges(JsonNode published, JsonNode current) {
        List<String> problems = new ArrayList<>();
        published.path("paths").properties().forEach(path -> {
            for (String method : METHODS) {
                JsonNode before = path.getValue().path(method);
                if (before.isMissingNode()) {
                    continue;
                }
                String operation = method.toUpperCase() + " " + path.getKey();
                JsonNode after = current.path("paths").path(path.getKey()).path(method);
                if (after.isMissingNode()) {
                    problems.add(operation + " was removed");
                    continue;
                }
                Set<String> requiredBefore = required(before);
                for (String parameter : required(after)) {
                    if (!requiredBefore.contains(parameter)) {
                        problems.add(operation + " now requires " + parameter);
                    }
                }
                for (String field : responseFields(published, before)) {
                    if (!responseFields(current, after).contains(field)) {
                        problems.add(operation + " no longer returns " + field);
                    }
                }
            }
        });
        return problems;
    }

    private static Set<String> required(JsonNode operation) {
        Set<String> names = new HashSet<>();
        operation.path("parameters").forEach(p -> {
            if (p.path("required").asBoolean(false)) {
                names.add(p.path("in").asString() + ":" + p.path("name").asString());
            }
        });
        return names;
    }

    /** Top-level fields of the 2xx JSON response (through one $ref, and array items). */
    private static Set<String> responseFields(JsonNode document, JsonNode operation) {
        Set<String> fields = new HashSet<>();
        operation.path("responses").properties().forEach(response -> {
            if (response.getKey().startsWith("2")) {
                response.getValue().path("content").properties().forEach(media -> {
                    JsonNode schema = resolve(document, media.getValue().path("schema"));
                    if (schema.has("items")) {
                        schema = resolve(document, schema.get("items"));
                    }
                    schema.path("properties").properties().forEach(p -> fields.add(p.getKey()));
                });
            }
        });
        return fields;
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            return document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }
}
