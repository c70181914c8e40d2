package dev.shipgate.deploy.breakglass.adapter;

import dev.shipgate.contracts.access.Role;
import dev.shipgate.deploy.breakglass.application.BreakGlassPolicies;
import dev.shipgate.deploy.breakglass.domain.BreakGlassPolicy;
import dev.shipgate.deploy.breakglass.domain.BreakGlassRules;
import dev.shipgate.support.config.SeedSections;
import org.springframework.core.io.Resource;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * Creates the seed file's break-glass policies ({@code breakGlass}: {@code pipelineId}, {@code allowedRole},
 * {@code reviewWithin}) on pipelines that have none; one changed through the API stays as it is.
 */
class BreakGlassSeeder {

    private final BreakGlassPolicies policies;
    private final Clock clock;

    BreakGlassSeeder(BreakGlassPolicies policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    void seed(Resource seedFile) throws IOException {
        for (var node : SeedSections.entries(seedFile, "breakGlass")) {
            String pipelineId = node.path("pipelineId").asString();
            Role role = Role.valueOf(node.path("allowedRole").asString());
            Duration within = Duration.parse(node.path("reviewWithin").asString());
            BreakGlassRules.policy(role, within).ifPresent(refusal -> {
                throw new IllegalArgumentException("seed break-glass of " + pipelineId + ": " + refusal.detail());
            });
            if (policies.find(pipelineId).isEmpty()) {
                policies.save(new BreakGlassPolicy(pipelineId, role, within, "seed", clock.instant()));
            }
        }
    }
}
