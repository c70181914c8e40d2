package dev.shipgate.deploy.pipeline.adapter;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Pipelines created at start if missing ({@code shipgate.seed-file}).
 *
 * @param seedFile where the seed file is, as a Spring resource location ({@code file:...}, {@code classpath:...} or
 *                 a path; {@code SHIPGATE_SEED_FILE}); blank for none
 */
@ConfigurationProperties("shipgate")
record SeedProperties(@DefaultValue("") String seedFile) {
}
