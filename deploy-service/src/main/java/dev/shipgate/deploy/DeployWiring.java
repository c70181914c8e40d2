package dev.shipgate.deploy;

import dev.shipgate.deploy.deployment.adapter.DecisionAnswers;
import dev.shipgate.deploy.deployment.adapter.KubernetesTarget;
import dev.shipgate.deploy.deployment.adapter.MongoDeployments;
import dev.shipgate.deploy.deployment.adapter.MongoLeases;
import dev.shipgate.deploy.deployment.adapter.SagaListeners;
import dev.shipgate.deploy.deployment.adapter.SimulatedTarget;
import dev.shipgate.deploy.deployment.application.DecisionWaiter;
import dev.shipgate.deploy.deployment.application.DeploymentService;
import dev.shipgate.deploy.deployment.application.DeploymentTarget;
import dev.shipgate.deploy.deployment.application.RolloutMonitor;
import dev.shipgate.deploy.pipeline.adapter.MongoPipelines;
import dev.shipgate.deploy.pipeline.adapter.PipelineSeeder;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.replica.adapter.MongoAccessReplica;
import dev.shipgate.deploy.replica.adapter.MongoImageReplica;
import dev.shipgate.deploy.replica.adapter.ReplicaListeners;
import dev.shipgate.support.cache.ShortLivedCache;
import dev.shipgate.support.lease.InstanceId;
import dev.shipgate.support.lease.LeaseSettings;
import dev.shipgate.support.messaging.AggregateStore;
import dev.shipgate.support.messaging.EventConsumer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.messaging.Message;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Puts the domain, its application services and the adapters together; no rule lives here. */
@Configuration(proxyBeanMethods = false)
public class DeployWiring {

    @Bean
    MongoPipelines pipelines(MongoTemplate mongo, AggregateStore store, Clock clock,
                             @Value("${shipgate.cache.time-to-live:PT2S}") Duration timeToLive) {
        return new MongoPipelines(mongo, store, new ShortLivedCache<>(timeToLive, clock));
    }

    @Bean
    MongoDeployments deployments(MongoTemplate mongo, AggregateStore store) {
        return new MongoDeployments(mongo, store);
    }

    @Bean
    MongoAccessReplica accessReplica(MongoTemplate mongo, Clock clock,
                                     @Value("${shipgate.cache.time-to-live:PT2S}") Duration timeToLive) {
        return new MongoAccessReplica(mongo, new ShortLivedCache<>(timeToLive, clock));
    }

    @Bean
    MongoImageReplica imageReplica(MongoTemplate mongo) {
        return new MongoImageReplica(mongo);
    }

    @Bean
    PipelineService pipelineService(MongoPipelines pipelines, MongoAccessReplica access) {
        return new PipelineService(pipelines, access);
    }

    @Bean
    DeploymentService deploymentService(MongoDeployments deployments, PipelineService pipelines,
                                        MongoAccessReplica access, MongoImageReplica images,
                                        RolloutMonitor rollouts, DecisionWaiter waiter, Clock clock) {
        return new DeploymentService(deployments, pipelines, access, images, rollouts, waiter, clock);
    }

    /**
     * One small thread of its own serves every waiting deploy call: the waits are timers and one query per poll, not
     * threads. Not a bean of its own, so Spring's {@code @Scheduled} tasks keep their scheduler.
     */
    @Bean
    DecisionWaiter decisionWaiter(MongoDeployments deployments,
                                  @Value("${shipgate.deploy.wait-poll-interval:PT0.2S}") Duration pollInterval) {
        return new DecisionWaiter(deployments, Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "decision-wait");
            thread.setDaemon(true);
            return thread;
        }), pollInterval);
    }

    /** {@code shipgate.deploy.max-wait}: the longest a deploy call may wait for its decision (default 60 s). */
    @Bean
    DecisionAnswers decisionAnswers(DecisionWaiter waiter,
                                    @Value("${shipgate.deploy.max-wait:PT60S}") Duration maxWait) {
        return new DecisionAnswers(waiter, maxWait);
    }

    @Bean
    SimulatedTarget simulatedTarget(Clock clock,
                                    @Value("${shipgate.targets.simulated.progress-time:PT20S}") Duration progress) {
        return new SimulatedTarget(clock, progress);
    }

    /** Uses the kubeconfig or in-cluster service account, as kubectl would; connects only when used. */
    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient() {
        return new KubernetesClientBuilder().build();
    }

    @Bean
    KubernetesTarget kubernetesTarget(KubernetesClient client, MongoImageReplica images) {
        return new KubernetesTarget(client, images);
    }

    /** The rollout monitor's work split between the instances: one lease per pipeline, in {@code rollout_leases}. */
    @Bean
    RolloutMonitor rolloutMonitor(MongoDeployments deployments, PipelineService pipelines,
                                  List<DeploymentTarget> targets, Clock clock, MongoTemplate mongo,
                                  InstanceId instance, LeaseSettings leases,
                                  @Value("${shipgate.deploy.rollout-timeout:PT10M}") Duration rolloutTimeout,
                                  @Value("${shipgate.deploy.full-read-interval:PT10S}") Duration fullReadInterval) {
        return new RolloutMonitor(deployments, pipelines, targets, clock, rolloutTimeout, fullReadInterval,
                new MongoLeases(mongo, "rollout_leases"), instance.value(), leases.duration());
    }

    @Bean
    SagaListeners sagaListeners(EventConsumer consumer, DeploymentService deployments) {
        return new SagaListeners(consumer, deployments);
    }

    @Bean
    ReplicaListeners replicaListeners(EventConsumer consumer, MongoAccessReplica access, MongoImageReplica images) {
        return new ReplicaListeners(consumer, access, images);
    }

    // Spring Cloud Stream functions: spring.cloud.function.definition and the bindings are in application.yml

    @Bean
    Consumer<Message<byte[]>> decisionEvents(SagaListeners listeners) {
        return listeners::onDecision;
    }

    @Bean
    Consumer<Message<byte[]>> approvalEvents(SagaListeners listeners) {
        return listeners::onApproval;
    }

    @Bean
    Consumer<Message<byte[]>> accessEvents(ReplicaListeners listeners) {
        return listeners::onAccess;
    }

    @Bean
    Consumer<Message<byte[]>> imageEvents(ReplicaListeners listeners) {
        return listeners::onImage;
    }



    @Bean
    Seeding seeding(MongoPipelines pipelines, @Value("${shipgate.seed-file:}") Resource seedFile) {
        return new Seeding(new PipelineSeeder(pipelines), seedFile);
    }

    @Bean
    RolloutSchedule rolloutSchedule(RolloutMonitor monitor) {
        return new RolloutSchedule(monitor);
    }

    record Seeding(PipelineSeeder seeder, Resource seedFile) {
        @EventListener(ApplicationReadyEvent.class)
        public void seed() throws IOException {
            seeder.seed(seedFile);
        }
    }

    record RolloutSchedule(RolloutMonitor monitor) {
        @Scheduled(fixedDelayString = "${shipgate.deploy.monitor-interval:PT0.5S}")
        public void tick() {
            monitor.tick();
        }
    }
}
