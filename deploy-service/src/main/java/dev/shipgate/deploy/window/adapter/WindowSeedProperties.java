package dev.shipgate.deploy.window.adapter;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deployment windows of the seed file ({@code shipgate.seed-file}, its {@code windows} list).
 *
 * @param seed whether to create the seed file's windows at start (default true); the system tests turn it off, so
 *             that the demo's weekend blackout on payments-prod does not refuse their deploys on a Saturday
 */
@ConfigurationProperties("shipgate.windows")
record WindowSeedProperties(@DefaultValue("true") boolean seed) {
}
