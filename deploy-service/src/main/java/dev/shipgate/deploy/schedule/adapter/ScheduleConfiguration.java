package dev.shipgate.deploy.schedule.adapter;

import dev.shipgate.deploy.deployment.application.DeploymentService;
import dev.shipgate.deploy.deployment.application.Deployments;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.deploy.schedule.application.ScheduleService;
import dev.shipgate.deploy.window.application.WindowService;
import dev.shipgate.support.lease.LeaseSettings;
import dev.shipgate.support.messaging.AggregateStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import java.time.Clock;

/** Scheduled deployments: stored in {@code deploy_schedules}, started by every instance's tick, once each. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScheduleProperties.class)
class ScheduleConfiguration {

    @Bean
    ScheduleService scheduleService(MongoTemplate mongo, AggregateStore store, PipelineService pipelines,
                                    AccessReplica access, WindowService windows, DeploymentService deploys,
                                    Deployments deployments, Clock clock, LeaseSettings leases) {
        return new ScheduleService(new MongoSchedules(mongo, store), pipelines, access, windows, deploys,
                deployments, clock, leases.duration());
    }

    /** Every instance looks for due schedules every {@link ScheduleProperties#scheduleInterval}. */
    @Bean
    SchedulingConfigurer scheduleTicks(ScheduleService schedules, ScheduleProperties settings) {
        return registrar -> registrar.addFixedDelayTask(schedules::tick, settings.scheduleInterval());
    }

    /** Follows the approval events deploy-service's approvals consumer reads (an {@code EventFollower}). */
    @Bean
    ScheduleApprovals scheduleApprovals(ScheduleService schedules) {
        return new ScheduleApprovals(schedules);
    }
}
