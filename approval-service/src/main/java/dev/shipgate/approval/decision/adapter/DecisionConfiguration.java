package dev.shipgate.approval.decision.adapter;

import dev.shipgate.approval.access.application.AccessService;
import dev.shipgate.approval.approval.application.ApprovalRequests;
import dev.shipgate.approval.approval.application.CurrentRules;
import dev.shipgate.approval.approval.application.RefusedAttempts;
import dev.shipgate.approval.audit.application.BreakGlassAudit;
import dev.shipgate.approval.decision.application.DeployDecisionService;
import dev.shipgate.approval.image.application.Images;
import dev.shipgate.approval.pipeline.application.ActiveImages;
import dev.shipgate.approval.pipeline.application.PipelineReplica;
import dev.shipgate.support.messaging.EventConsumer;
import dev.shipgate.support.messaging.Outbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

import java.time.Clock;
import java.util.function.Consumer;

/** The decision feature: deploy-service's questions answered, approved requests used. */
@Configuration(proxyBeanMethods = false)
class DecisionConfiguration {

    @Bean
    DeployDecisionService deployDecisionService(PipelineReplica pipelines, ApprovalRequests requests,
                                                RefusedAttempts refusals, AccessService access, Images images,
                                                MongoTemplate mongo, Outbox outbox, CurrentRules current,
                                                Clock clock) {
        return new DeployDecisionService(pipelines, requests, refusals, access, images,
                new MongoDeployDecisions(mongo, outbox, clock), current, clock);
    }

    @Bean
    DeploymentListener deploymentListener(EventConsumer consumer, DeployDecisionService decisions,
                                          ActiveImages activeImages, BreakGlassAudit breakGlass) {
        return new DeploymentListener(consumer, decisions, activeImages, breakGlass);
    }

    // a Spring Cloud Stream function: spring.cloud.function.definition and its binding are in application.yml
    @Bean
    Consumer<Message<byte[]>> deploymentEvents(DeploymentListener listener) {
        return listener::on;
    }
}
