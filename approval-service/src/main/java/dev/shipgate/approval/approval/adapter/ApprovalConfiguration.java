package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.access.application.AccessService;
import dev.shipgate.approval.approval.application.VoteChannels;
import dev.shipgate.approval.approval.application.ApprovalRequests;
import dev.shipgate.approval.approval.application.ApprovalService;
import dev.shipgate.approval.approval.application.EscalationPlans;
import dev.shipgate.approval.approval.application.CurrentRules;
import dev.shipgate.approval.approval.application.ExpirySweeper;
import dev.shipgate.approval.approval.application.PipelineImages;
import dev.shipgate.approval.approval.application.RequestQueries;
import dev.shipgate.approval.approval.application.RefusedAttempts;
import dev.shipgate.approval.deputy.application.Deputies;
import dev.shipgate.approval.image.application.Images;
import dev.shipgate.approval.pipeline.application.ActiveImages;
import dev.shipgate.approval.pipeline.application.PipelineChangeFollower;
import dev.shipgate.approval.pipeline.application.PipelineReplica;
import dev.shipgate.support.messaging.AggregateStore;
import dev.shipgate.support.messaging.EventConsumer;
import dev.shipgate.support.security.LinkReceipts;
import dev.shipgate.support.security.TokenSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Clock;
import java.util.function.Consumer;

/** The approval feature: requests and votes, judged under their pipeline's current policy. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RequestLifetimeSettings.class, EscalationSettings.class})
class ApprovalConfiguration {

    @Bean
    MongoApprovalRequests approvalRequests(MongoTemplate mongo, AggregateStore store) {
        return new MongoApprovalRequests(mongo, store);
    }

    @Bean
    MongoRefusedAttempts refusedAttempts(MongoTemplate mongo) {
        return new MongoRefusedAttempts(mongo);
    }

    /** Checks the receipts notification-service gives for spent approve-from-email links. */
    @Bean
    VoteChannels voteChannels(TokenSettings settings) {
        return new VoteChannels(new LinkReceipts(settings.secret()));
    }

    @Bean
    CurrentRules currentRules(PipelineReplica pipelines, Images images, AccessService access,
                              RequestLifetimeSettings settings) {
        return new CurrentRules(pipelines, images, access, settings.requestLifetime());
    }

    @Bean
    ApprovalService approvalService(ApprovalRequests requests, RefusedAttempts refusals, PipelineReplica pipelines,
                                    Images images, AccessService access, Clock clock,
                                    RequestLifetimeSettings settings, Deputies deputies) {
        return new ApprovalService(requests, refusals, pipelines, images, access, clock,
                settings.requestLifetime(), deputies);
    }

    @Bean
    RequestQueries requestQueries(ApprovalRequests requests, Images images, EscalationSettings escalations,
                                  PipelineReplica pipelines, Clock clock) {
        return new RequestQueries(requests, images, EscalationPlans.of(escalations.defaultPlan(), pipelines), clock);
    }

    @Bean
    PipelineImages pipelineImages(PipelineReplica pipelines, Images images, ApprovalRequests requests,
                                  RequestQueries queries, ActiveImages activeImages, ApprovalService approvals,
                                  AccessService access, Clock clock) {
        return new PipelineImages(pipelines, images, requests, queries, activeImages, approvals, access,
                clock);
    }

    /** A pipeline's open requests are judged again under its new policy (design rule 10). */
    @Bean
    PipelineChangeFollower reevaluateOnPipelineChange(ApprovalService approvals) {
        return approvals::reevaluatePipeline;
    }

    @Bean
    ExpirySweeper expirySweeper(ApprovalRequests requests, Clock clock) {
        return new ExpirySweeper(requests, clock);
    }

    @Bean
    AccessChangeListener accessChangeListener(EventConsumer consumer, ApprovalService approvals) {
        return new AccessChangeListener(consumer, approvals);
    }

    // a Spring Cloud Stream function: spring.cloud.function.definition and its binding are in application.yml
    @Bean
    Consumer<Message<byte[]>> accessEvents(AccessChangeListener listener) {
        return listener::on;
    }

    @Bean
    ExpirySchedule expirySchedule(ExpirySweeper sweeper, RequestLifetimeSettings settings) {
        return new ExpirySchedule(sweeper, settings);
    }

    /** Expires the requests past their lifetime, every {@code shipgate.approval.expiry-sweep}. */
    record ExpirySchedule(ExpirySweeper sweeper, RequestLifetimeSettings settings) implements SchedulingConfigurer {
        @Override
        public void configureTasks(ScheduledTaskRegistrar registrar) {
            registrar.addFixedDelayTask(sweeper::sweep, settings.expirySweep());
        }
    }
}
