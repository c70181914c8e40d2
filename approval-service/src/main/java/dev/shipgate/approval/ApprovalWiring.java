package dev.shipgate.approval;

import dev.shipgate.approval.access.adapter.AccessChangeListener;
import dev.shipgate.approval.access.adapter.AccessSeeder;
import dev.shipgate.approval.access.adapter.MongoAccessStore;
import dev.shipgate.approval.access.adapter.RememberedAccessStore;
import dev.shipgate.approval.access.application.AccessService;
import dev.shipgate.approval.access.application.AccessStore;
import dev.shipgate.approval.approval.adapter.MongoApprovalRequests;
import dev.shipgate.approval.approval.adapter.MongoRefusedAttempts;
import dev.shipgate.support.security.LinkReceipts;
import dev.shipgate.approval.approval.application.RefusedAttempts;
import dev.shipgate.approval.approval.application.ApprovalRequests;
import dev.shipgate.approval.approval.application.ApprovalService;
import dev.shipgate.approval.approval.application.PipelineImages;
import dev.shipgate.approval.approval.application.RequestQueries;
import dev.shipgate.approval.approval.application.CurrentRules;
import dev.shipgate.approval.approval.application.ExpirySweeper;
import dev.shipgate.approval.audit.adapter.MongoAuditLog;
import dev.shipgate.approval.audit.application.AuditService;
import dev.shipgate.approval.decision.adapter.DeploymentListener;
import dev.shipgate.approval.decision.adapter.MongoDeployDecisions;
import dev.shipgate.approval.decision.application.DeployDecisionService;
import dev.shipgate.approval.image.adapter.ImageListener;
import dev.shipgate.approval.image.adapter.MongoImages;
import dev.shipgate.approval.image.application.ImageIntake;
import dev.shipgate.approval.image.application.Images;
import dev.shipgate.approval.pipeline.adapter.MongoActiveImages;
import dev.shipgate.approval.pipeline.adapter.MongoPipelines;
import dev.shipgate.approval.pipeline.adapter.PipelineListener;
import dev.shipgate.approval.pipeline.application.ActiveImages;
import dev.shipgate.approval.pipeline.application.Pipelines;
import dev.shipgate.approval.token.adapter.MongoApiTokenStore;
import dev.shipgate.approval.token.application.ApiTokens;
import dev.shipgate.approval.token.application.TokenSigner;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.support.messaging.AggregateStore;
import dev.shipgate.support.messaging.EventConsumer;
import dev.shipgate.support.messaging.KafkaConnection;
import dev.shipgate.support.messaging.Outbox;
import dev.shipgate.support.security.TokenIssuer;
import dev.shipgate.support.security.TokenSettings;
import dev.shipgate.approval.deadletter.DeadLetters;
import dev.shipgate.approval.deadletter.ReplayLog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.messaging.Message;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/** Puts the domain, its application services and the adapters together; no rule lives here. */
@Configuration(proxyBeanMethods = false)
public class ApprovalWiring {

    @Bean
    MongoAuditLog auditLog(MongoTemplate mongo) {
        return new MongoAuditLog(mongo);
    }

    @Bean
    AuditService auditService(MongoAuditLog auditLog) {
        return new AuditService(auditLog);
    }

    @Bean
    ApiTokens apiTokens(MongoTemplate mongo, AggregateStore store, TokenSettings settings, Clock clock) {
        TokenIssuer issuer = settings.hasSecret() ? new TokenIssuer(settings, clock) : null;
        TokenSigner signer = token -> issuer.issueApiToken(token.id(), token.userId(), token.name(),
                token.expiresAt());
        return new ApiTokens(new MongoApiTokenStore(mongo, store), signer, clock);
    }

    @Bean(destroyMethod = "close")
    Admin kafkaAdminClient(KafkaConnection kafka) {
        Map<String, Object> config = kafka.clientProperties();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "approval-service-dead-letters");
        return Admin.create(config);
    }

    @Bean
    DeadLetters deadLetters(Admin kafkaAdminClient, KafkaConnection kafka) {
        Map<String, Object> producerConfig = kafka.clientProperties();
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "approval-service-dead-letters");
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new DeadLetters(kafkaAdminClient,
                new DefaultKafkaConsumerFactory<>(kafka.clientProperties(), new StringDeserializer(),
                        new ByteArrayDeserializer()),
                new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producerConfig, new StringSerializer(),
                        new ByteArraySerializer())));
    }

    @Bean
    ReplayLog replayLog(MongoTemplate mongo) {
        return new ReplayLog(mongo);
    }

    @Bean
    MongoApprovalRequests approvalRequests(MongoTemplate mongo, AggregateStore store) {
        return new MongoApprovalRequests(mongo, store);
    }

    @Bean
    MongoImages images(MongoTemplate mongo, Outbox outbox) {
        return new MongoImages(mongo, outbox);
    }

    @Bean
    MongoPipelines pipelines(MongoTemplate mongo, Clock clock,
                             @Value("${shipgate.cache.time-to-live:PT2S}") Duration timeToLive) {
        return new MongoPipelines(mongo, new ShortLivedCache<>(timeToLive, clock));
    }

    @Bean
    MongoActiveImages activeImages(MongoTemplate mongo) {
        return new MongoActiveImages(mongo);
    }

    @Bean
    AccessStore accessStore(MongoTemplate mongo, AggregateStore store, Clock clock,
                            @Value("${shipgate.cache.time-to-live:PT2S}") Duration timeToLive) {
        return new RememberedAccessStore(new MongoAccessStore(mongo, store), timeToLive, clock);
    }

    @Bean
    AccessService accessService(AccessStore store) {
        return new AccessService(store);
    }

    /** Checks the receipts notification-service gives for spent approve-from-email links. */
    @Bean
    LinkReceipts linkReceipts(TokenSettings settings) {
        return new LinkReceipts(settings.secret());
    }

    @Bean
    MongoRefusedAttempts refusedAttempts(MongoTemplate mongo) {
        return new MongoRefusedAttempts(mongo);
    }

    @Bean
    CurrentRules currentRules(Pipelines pipelines, Images images, AccessService access,
                              @Value("${shipgate.approval.request-lifetime:P7D}") Duration requestLifetime) {
        return new CurrentRules(pipelines, images, access, requestLifetime);
    }

    @Bean
    ApprovalService approvalService(ApprovalRequests requests, RefusedAttempts refusals, Pipelines pipelines,
                                    Images images, AccessService access, Clock clock,
                                    @Value("${shipgate.approval.request-lifetime:P7D}") Duration requestLifetime) {
        return new ApprovalService(requests, refusals, pipelines, images, access, clock, requestLifetime);
    }

    @Bean
    RequestQueries requestQueries(ApprovalRequests requests) {
        return new RequestQueries(requests);
    }

    @Bean
    PipelineImages pipelineImages(Pipelines pipelines, Images images, ApprovalRequests requests,
                                  ActiveImages activeImages, ApprovalService approvals, AccessService access,
                                  Clock clock) {
        return new PipelineImages(pipelines, images, requests, activeImages, approvals, access, clock);
    }

    @Bean
    DeployDecisionService deployDecisionService(Pipelines pipelines, ApprovalRequests requests,
                                                RefusedAttempts refusals, AccessService access, Images images,
                                                MongoTemplate mongo, Outbox outbox, CurrentRules current,
                                                Clock clock) {
        return new DeployDecisionService(pipelines, requests, refusals, access, images,
                new MongoDeployDecisions(mongo, outbox), current, clock);
    }

    @Bean
    ExpirySweeper expirySweeper(ApprovalRequests requests, Clock clock) {
        return new ExpirySweeper(requests, clock);
    }

    @Bean
    ImageIntake imageIntake(Images images, AccessService access) {
        return new ImageIntake(images, access);
    }

    @Bean
    ImageListener imageListener(EventConsumer consumer, ImageIntake intake) {
        return new ImageListener(consumer, intake);
    }

    @Bean
    PipelineListener pipelineListener(EventConsumer consumer, Pipelines pipelines, ApprovalService approvals) {
        return new PipelineListener(consumer, pipelines, approvals);
    }

    @Bean
    AccessChangeListener accessChangeListener(EventConsumer consumer, ApprovalService approvals) {
        return new AccessChangeListener(consumer, approvals);
    }

    @Bean
    DeploymentListener deploymentListener(EventConsumer consumer, DeployDecisionService decisions,
                                          ActiveImages activeImages) {
        return new DeploymentListener(consumer, decisions, activeImages);
    }

    // Spring Cloud Stream functions: spring.cloud.function.definition and the bindings are in application.yml

    @Bean
    Consumer<Message<byte[]>> imageEvents(ImageListener listener) {
        return listener::on;
    }

    @Bean
    Consumer<Message<byte[]>> pipelineEvents(PipelineListener listener) {
        return listener::on;
    }

    @Bean
    Consumer<Message<byte[]>> accessEvents(AccessChangeListener listener) {
        return listener::on;
    }

    @Bean
    Consumer<Message<byte[]>> deploymentEvents(DeploymentListener listener) {
        return listener::on;
    }





    @Bean
    Seeding seeding(AccessStore store, AccessService access,
                    @Value("${shipgate.seed-file:}") Resource seedFile) {
        return new Seeding(new AccessSeeder(store, access), seedFile);
    }

    @Bean
    ExpirySchedule expirySchedule(ExpirySweeper sweeper) {
        return new ExpirySchedule(sweeper);
    }

    /** Seeds access once the service is up. */
    record Seeding(AccessSeeder seeder, Resource seedFile) {
        @EventListener(ApplicationReadyEvent.class)
        public void seed() throws IOException {
            seeder.seed(seedFile);
        }
    }

    record ExpirySchedule(ExpirySweeper sweeper) {
        @Scheduled(fixedDelayString = "${shipgate.approval.expiry-sweep:PT5S}")
        public void sweep() {
            sweeper.sweep();
        }
    }
}
