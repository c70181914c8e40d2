package dev.shipgate.deploy.breakglass.adapter;

import dev.shipgate.deploy.breakglass.application.BreakGlassPolicies;
import dev.shipgate.deploy.breakglass.application.BreakGlassService;
import dev.shipgate.deploy.deployment.application.DeploymentService;
import dev.shipgate.deploy.deployment.application.Deployments;
import dev.shipgate.deploy.deployment.application.RolloutMonitor;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.support.config.SeedFileSettings;
import dev.shipgate.support.config.SeedWhenReady;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import java.time.Clock;

/** Break-glass: policies in {@code break_glass_policies}, the overdue-review sweep, the seed file's policies. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BreakGlassProperties.class)
class BreakGlassConfiguration {

    @Bean
    MongoBreakGlassPolicies breakGlassPolicies(MongoTemplate mongo) {
        return new MongoBreakGlassPolicies(mongo);
    }

    @Bean
    BreakGlassService breakGlassService(BreakGlassPolicies policies, PipelineService pipelines, AccessReplica access,
                                        DeploymentService deploys, Deployments deployments, RolloutMonitor rollouts,
                                        Clock clock) {
        return new BreakGlassService(policies, pipelines, access, deploys::deployable, deployments, rollouts::watch,
                clock);
    }

    /** Every instance looks for overdue reviews every {@link BreakGlassProperties#reviewSweepInterval}. */
    @Bean
    SchedulingConfigurer overdueReviewSweep(BreakGlassService breakGlass, BreakGlassProperties settings) {
        return registrar -> registrar.addFixedDelayTask(breakGlass::sweepOverdue, settings.reviewSweepInterval());
    }

    @Bean
    SeedWhenReady breakGlassSeeding(BreakGlassPolicies policies, Clock clock, SeedFileSettings seed) {
        return new SeedWhenReady(new BreakGlassSeeder(policies, clock)::seed, seed.seedFile());
    }
}
