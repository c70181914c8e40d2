package dev.shipgate.support.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The file a service seeds its data from at start: access in approval-service, pipelines in deploy-service, the
 * built-in sign-in's credentials in the gateway. The one binding of {@code shipgate.seed-file} (web-support, so that
 * the gateway, which has no service-support, reads it as the services do).
 *
 * @param seedFile {@code shipgate.seed-file}, a Spring resource location ({@code file:...}, {@code classpath:...});
 *                 unset (null) or missing: nothing is seeded
 */
@ConfigurationProperties("shipgate")
public record SeedFileSettings(Resource seedFile) {
}
