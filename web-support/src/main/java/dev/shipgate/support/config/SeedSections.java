package dev.shipgate.support.config;

import dev.shipgate.contracts.KafkaEventCodec;
import org.springframework.core.io.Resource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed file ({@link SeedFileSettings}, {@code config/seed.json} locally) a section at a time: each service seeds
 * the sections it owns (deploy-service {@code pipelines}, {@code windows}, {@code breakGlass}).
 */
public final class SeedSections {

    private SeedSections() {
    }

    /**
     * @param seedFile the seed file; null or missing: nothing to seed
     * @param section  the name of a top-level array of the file
     * @return the section's entries in file order; empty when the file or the section is missing
     * @throws IOException when the file exists but cannot be read
     * @throws tools.jackson.core.JacksonException when it is not JSON
     */
    public static List<JsonNode> entries(Resource seedFile, String section) throws IOException {
        if (seedFile == null || !seedFile.exists()) {
            return List.of();
        }
        try (InputStream in = seedFile.getInputStream()) {
            List<JsonNode> entries = new ArrayList<>();
            KafkaEventCodec.json().readTree(in).path(section).forEach(entries::add);
            return entries;
        }
    }
}
