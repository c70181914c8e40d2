package dev.shipgate.runtime;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options. */
record Args(Map<String, String> values) {

    static Args parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + args[i]);
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
        return new Args(values);
    }

    String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int port(String name, int fallback) {
        return Integer.parseInt(value(name, Integer.toString(fallback)));
    }
}
