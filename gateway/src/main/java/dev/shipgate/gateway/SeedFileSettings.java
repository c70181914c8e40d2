package dev.shipgate.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The seed file the gateway reads the built-in sign-in's credentials from ({@link Credentials}).
 *
 * @param seedFile {@code shipgate.seed-file}, a Spring resource location; unset (null): no built-in credentials
 */
@ConfigurationProperties("shipgate")
record SeedFileSettings(Resource seedFile) {
}
