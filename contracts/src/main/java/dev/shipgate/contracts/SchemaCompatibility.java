package dev.shipgate.contracts;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Whether a new version of an event's JSON Schema still serves the consumers of the old one. Breaking: a property
 * removed or renamed, a type changed or narrowed, an enum value removed, a nullable field made to carry no null.
 * Adding optional properties, widening types and adding enum values are not. A breaking change needs a new major
 * version (a new topic), never an edit of a published schema.
 */
public final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    /** The breaking differences, in words; empty when {@code current} can replace {@code published}. */
    public static List<String> breakingChanges(JsonNode published, JsonNode current) {
        List<String> problems = new ArrayList<>();
        compare("", published, current, published, current, problems);
        return problems;
    }

    private static void compare(String path, JsonNode before, JsonNode after, JsonNode beforeRoot,
                                JsonNode afterRoot, List<String> problems) {
        before = resolve(before, beforeRoot);
        after = resolve(after, afterRoot);
        List<String> typesBefore = types(before);
        List<String> typesAfter = types(after);
        for (String type : typesBefore) {
            if (!typesAfter.isEmpty() && !typesAfter.contains(type)
                    && !(type.equals("integer") && typesAfter.contains("number"))) {
                problems.add(where(path) + " no longer allows type " + type + " (now " + typesAfter + ")");
            }
        }
        if (before.has("enum")) {
            List<String> valuesAfter = new ArrayList<>();
            after.path("enum").forEach(v -> valuesAfter.add(v.toString()));
            boolean stillClosed = after.has("enum"); // dropping the enum altogether widens it
            before.path("enum").forEach(v -> {
                if (stillClosed && !valuesAfter.contains(v.toString())) {
                    problems.add(where(path) + " lost the value " + v);
                }
            });
        }
        JsonNode propertiesBefore = before.path("properties");
        JsonNode propertiesAfter = after.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> fields = propertiesBefore.properties().iterator();
             fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path + "/" + field.getKey();
            if (!propertiesAfter.has(field.getKey())) {
                problems.add(where(fieldPath) + " was removed");
            } else {
                compare(fieldPath, field.getValue(), propertiesAfter.get(field.getKey()), beforeRoot, afterRoot,
                        problems);
            }
        }
        if (before.has("items")) {
            compare(path + "[]", before.get("items"), after.path("items"), beforeRoot, afterRoot, problems);
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode root) {
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/$defs/")) {
            return root.path("$defs").path(ref.substring("#/$defs/".length()));
        }
        return schema;
    }

    private static List<String> types(JsonNode schema) {
        List<String> types = new ArrayList<>();
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asString()));
        } else if (type.isString()) {
            types.add(type.asString());
        }
        return types;
    }

    private static String where(String path) {
        return path.isEmpty() ? "the event" : "field " + path;
    }
}
