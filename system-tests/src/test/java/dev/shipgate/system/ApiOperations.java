package dev.shipgate.system;

import dev.shipgate.testing.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Every operation the services publish in their OpenAPI documents (read from the running system through the
 * gateway), with a request body that passes validation, made from the operation's schema. Tests built on this list
 * cover a new endpoint without anyone listing it.
 */
record ApiOperations(List<Operation> all) {

    static final List<String> SERVICES = List.of("approval-service", "deploy-service", "notification-service");

    record Operation(String service, String method, String path, List<String> pathParameters, JsonNode bodySchema,
                     JsonNode document) {

        boolean writes() {
            return !method.equals("GET");
        }

        boolean hasBody() {
            return bodySchema != null;
        }

        /** The path with each parameter replaced by {@code valueOf(name)}, which must be URL-safe. */
        String path(java.util.function.Function<String, String> valueOf) {
            String filled = path;
            for (String name : pathParameters) {
                filled = filled.replace("{" + name + "}", valueOf.apply(name));
            }
            return filled;
        }

        /** A body that passes the schema: every property present, with the simplest value its type allows. */
        JsonNode exampleBody() {
            return example(bodySchema, 0);
        }

        JsonNode resolve(JsonNode schema) {
            String ref = schema.path("$ref").asString("");
            if (ref.startsWith("#/components/schemas/")) {
                return document.path("components").path("schemas").path(ref.substring("#/components/schemas/"
                        .length()));
            }
            return schema;
        }

        private JsonNode example(JsonNode schema, int depth) {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            JsonNode resolved = resolve(schema);
            if (resolved.has("enum")) {
                return resolved.path("enum").get(0);
            }
            String type = resolved.path("type").asString(resolved.has("properties") ? "object" : "string");
            switch (type) {
                case "object" -> {
                    ObjectNode object = nodes.objectNode();
                    if (depth < 4) {
                        for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
                            object.set(property.getKey(), example(property.getValue(), depth + 1));
                        }
                    }
                    return object;
                }
                case "array" -> {
                    var array = nodes.arrayNode();
                    if (resolved.path("minItems").asInt(0) > 0) {
                        array.add(example(resolved.path("items"), depth + 1));
                    }
                    return array;
                }
                case "integer", "number" -> {
                    return nodes.numberNode(Math.max(1, resolved.path("minimum").asLong(1)));
                }
                case "boolean" -> {
                    return nodes.booleanNode(false);
                }
                default -> {
                    String format = resolved.path("format").asString("");
                    if (format.equals("email")) {
                        return nodes.stringNode("someone@example.com");
                    }
                    if (format.equals("date-time")) {
                        return nodes.stringNode("2030-01-01T00:00:00Z");
                    }
                    int length = Math.max(1, resolved.path("minLength").asInt(1));
                    return nodes.stringNode("x".repeat(length));
                }
            }
        }

        /** The names of the body's string-valued properties (top level), to put hostile text in. */
        List<String> stringProperties() {
            List<String> names = new ArrayList<>();
            if (bodySchema != null) {
                for (Map.Entry<String, JsonNode> property : resolve(bodySchema).path("properties").properties()) {
                    JsonNode resolved = resolve(property.getValue());
                    if (resolved.path("type").asString("").equals("string") && !resolved.has("enum")) {
                        names.add(property.getKey());
                    }
                }
            }
            return names;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static ApiOperations read(Http gateway, String authorization) {
        List<Operation> operations = new ArrayList<>();
        for (String service : SERVICES) {
            JsonNode document = gateway.getWithAuthorization(authorization, "/api/docs/" + service).json();
            for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
                for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                    JsonNode operation = method.getValue();
                    List<String> parameters = new ArrayList<>();
                    for (Iterator<JsonNode> it = operation.path("parameters").values().iterator(); it.hasNext(); ) {
                        JsonNode parameter = it.next();
                        if (parameter.path("in").asString().equals("path")) {
                            parameters.add(parameter.path("name").asString());
                        }
                    }
                    JsonNode body = operation.path("requestBody").path("content").path("application/json")
                            .path("schema");
                    operations.add(new Operation(service, method.getKey().toUpperCase(), path.getKey(), parameters,
                            body.isMissingNode() ? null : body, document));
                }
            }
        }
        return new ApiOperations(List.copyOf(operations));
    }
}
