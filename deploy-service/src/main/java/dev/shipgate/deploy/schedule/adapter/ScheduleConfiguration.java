package dev.shipgate.deploy.schedule.adapter;

import dev.shipgate.deploy.deployment.application.DeploymentService;
import dev.shipgate.deploy.deployment.application.Deployments;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.deploy.schedule.application.ScheduleService;
import dev.shipgate.deploy.window.application.WindowService;
import dev.shipgate.support.lease.LeaseSettings;
import dev.shipgate.support.messaging.AggregateStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import java.time.Clock;
import java.time.Duration;

/** Scheduled deployments: stored in {@code deploy_schedules}, started by every instance's tick, once each. */
@Configuration(proxyBeanMethods = false)
class ScheduleConfiguration {

    @Bean
    ScheduleService scheduleService(MongoTemplate mongo, AggregateStore store, PipelineService pipelines,
                                    AccessReplica access, WindowService windows, DeploymentService deploys,
                                    Deployments deployments, Clock clock, LeaseSettings leases) {
        return new ScheduleService(new MongoSchedules(mongo, store), pipelines, access, windows, deploys,
                deployments, clock, leases.duration());
    }

    /** {@code shipgate.deploy.schedule-interval}: how often each instance looks for due schedules (default 2 s). */
    @Bean
    SchedulingConfigurer scheduleTicks(ScheduleService schedules,
                                       @Value("${shipgate.deploy.schedule-interval:PT2S}") Duration interval) {
        return registrar -> registrar.addFixedDelayTask(schedules::tick, interval);
    }

    /** Follows the approval events deploy-service's approvals consumer reads (an {@code ApprovalFollower}). */
    @Bean
    ScheduleApprovals scheduleApprovals(ScheduleService schedules) {
        return new ScheduleApprovals(schedules);
    }
}
