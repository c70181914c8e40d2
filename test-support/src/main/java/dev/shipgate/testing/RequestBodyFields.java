package dev.shipgate.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Request bodies with one field taken out or given a value of the wrong type, and what a published OpenAPI document
 * says a body requires: the checks that the documents say what the server enforces and that every validation
 * problem names its field.
 */
public final class RequestBodyFields {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RequestBodyFields() {
    }

    /**
     * The required properties of {@code schema} in the published OpenAPI document of {@code service}
     * (system-tests/src/test/resources/openapi/{service}.json, read from a service module's directory).
     */
    public static Set<String> publishedRequired(String service, String schema) {
        Path document = Path.of("..", "system-tests", "src", "test", "resources", "openapi", service + ".json");
        try {
            JsonNode required = JSON.readTree(Files.readString(document))
                    .path("components").path("schemas").path(schema).path("required");
            Set<String> names = new TreeSet<>();
            required.forEach(name -> names.add(name.asString()));
            return names;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + document.toAbsolutePath(), e);
        }
    }

    /** {@code body} (a JSON object) without its top-level {@code field}. */
    public static String without(String body, String field) {
        ObjectNode copy = (ObjectNode) JSON.readTree(body);
        copy.remove(field);
        return copy.toString();
    }

    /** Values of a type no request field takes where another is expected. */
    public enum WrongType {
        /** An object where a text, number, boolean or list is expected. */
        OBJECT,
        /** Text where a number, boolean, list or object is expected (a field holding text is left as it is). */
        TEXT
    }

    /**
     * {@code body} with {@code field}'s value replaced by one of the wrong type; empty if that type is no wrong type
     * (text for a field holding text, an object for a field holding an object).
     */
    public static Optional<String> mistyped(String body, String field, WrongType wrongType) {
        ObjectNode copy = (ObjectNode) JSON.readTree(body);
        if (wrongType == WrongType.OBJECT && copy.path(field).isObject()) {
            return Optional.empty();
        } else if (wrongType == WrongType.OBJECT) {
            copy.putObject(field).put("unexpected", 1);
        } else if (copy.path(field).isString()) {
            return Optional.empty();
        } else {
            copy.put(field, "not-a-" + field);
        }
        return Optional.of(copy.toString());
    }

    /** Whether a problem+json body names {@code field}, or a part of it ({@code field[0]}, {@code field.x}). */
    public static boolean namesField(String problem, String field) {
        return namedFields(problem).stream()
                .anyMatch(named -> named.equals(field) || named.startsWith(field + "[")
                        || named.startsWith(field + "."));
    }

    /** The fields a problem+json body names in its {@code errors} list. */
    public static Set<String> namedFields(String problem) {
        Set<String> fields = new TreeSet<>();
        JSON.readTree(problem).path("errors").forEach(error -> fields.add(error.path("field").asString()));
        return fields;
    }
}
