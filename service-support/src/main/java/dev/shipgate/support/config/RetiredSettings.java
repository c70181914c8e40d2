package dev.shipgate.support.config;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

import java.util.Map;
import java.util.TreeMap;

/**
 * Settings an earlier version read and this one does not: a service given one stops at start, naming it and where
 * its meaning went. Left in place it would change nothing, silently (an installation that escalated through the
 * per-pipeline reminder settings would stop escalating without a word).
 */
public final class RetiredSettings {

    /** Each retired prefix, with what replaced it. */
    static final Map<String, String> RETIRED = Map.of("shipgate.reminders.pipelines",
            "a pipeline's reminder plan is a field of the pipeline since 1.2 (deploy-service: PUT /api/pipelines/{id}"
                    + " with \"reminders\"): move each plan there, then remove these settings");

    private RetiredSettings() {
    }

    /**
     * @throws IllegalStateException naming every retired setting given (in any of Spring's sources and spellings,
     *                               environment variables too; by the first name under its prefix, e.g. the
     *                               pipeline) and what replaced it
     */
    public static void refuse(Binder settings) {
        StringBuilder found = new StringBuilder();
        new TreeMap<>(RETIRED).forEach((prefix, replacement) -> settings
                .bind(prefix, Bindable.mapOf(String.class, Object.class))
                .ifBound(given -> found.append("\n  ").append(prefix).append(".* (").append(String.join(", ",
                        new TreeMap<>(given).keySet())).append("): ").append(replacement)));
        if (!found.isEmpty()) {
            throw new IllegalStateException("settings of an earlier version are given and no longer read:" + found);
        }
    }
}
