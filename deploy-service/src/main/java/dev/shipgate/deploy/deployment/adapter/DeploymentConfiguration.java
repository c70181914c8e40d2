package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.deploy.deployment.application.DecisionWaiter;
import dev.shipgate.deploy.deployment.application.DeploymentQueries;
import dev.shipgate.deploy.deployment.application.DeploymentService;
import dev.shipgate.deploy.deployment.application.DeploymentTarget;
import dev.shipgate.deploy.deployment.application.Deployments;
import dev.shipgate.deploy.deployment.application.RolloutMonitor;
import dev.shipgate.deploy.deployment.application.StatusReports;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.deploy.replica.application.ImageReplica;
import dev.shipgate.deploy.window.application.WindowService;
import dev.shipgate.support.lease.InstanceId;
import dev.shipgate.support.lease.LeaseSettings;
import dev.shipgate.support.messaging.AggregateStore;
import dev.shipgate.support.messaging.EventConsumer;
import dev.shipgate.support.messaging.EventFollower;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Deployments: the deploy API and its waits, the saga with approval-service, the targets and the rollout monitor. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DeploymentProperties.class, SimulatedTargetProperties.class})
class DeploymentConfiguration {

    @Bean
    MongoDeployments deployments(MongoTemplate mongo, AggregateStore store) {
        return new MongoDeployments(mongo, store);
    }

    @Bean
    DeploymentService deploymentService(Deployments deployments, PipelineService pipelines, AccessReplica access,
                                        ImageReplica images, RolloutMonitor rollouts, DecisionWaiter waiter,
                                        WindowService windows, Clock clock) {
        return new DeploymentService(deployments, pipelines, access, images, rollouts, waiter, windows, clock);
    }

    /**
     * One small thread of its own serves every waiting deploy call: the waits are timers and one query per poll, not
     * threads. Not a bean of its own, so Spring's scheduled tasks keep their scheduler.
     */
    @Bean
    DeploymentQueries deploymentQueries(Deployments deployments, PipelineService pipelines, ImageReplica images) {
        return new DeploymentQueries(deployments, pipelines, images);
    }

    @Bean
    DecisionWaiter decisionWaiter(Deployments deployments, DeploymentProperties deploy) {
        return new DecisionWaiter(deployments, Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "decision-wait");
            thread.setDaemon(true);
            return thread;
        }), deploy.waitPollInterval());
    }

    @Bean
    DecisionAnswers decisionAnswers(DecisionWaiter waiter, DeploymentProperties deploy) {
        return new DecisionAnswers(waiter, deploy.maxWait());
    }

    @Bean
    SimulatedTarget simulatedTarget(Clock clock, SimulatedTargetProperties simulated) {
        return new SimulatedTarget(clock, simulated.progressTime());
    }

    @Bean
    ExternalTarget externalTarget() {
        return new ExternalTarget();
    }

    @Bean
    StatusReports statusReports(Deployments deployments, PipelineService pipelines, AccessReplica access,
                                RolloutMonitor rollouts, Clock clock) {
        return new StatusReports(deployments, pipelines, access, rollouts, clock);
    }

    /** Uses the kubeconfig or in-cluster service account, as kubectl would; connects only when used. */
    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient() {
        return new KubernetesClientBuilder().build();
    }

    @Bean
    KubernetesTarget kubernetesTarget(KubernetesClient client, ImageReplica images) {
        return new KubernetesTarget(client, images);
    }

    /** The rollout monitor's work split between the instances: one lease per pipeline, in {@code rollout_leases}. */
    @Bean
    RolloutMonitor rolloutMonitor(Deployments deployments, PipelineService pipelines, List<DeploymentTarget> targets,
                                  Clock clock, MongoTemplate mongo, InstanceId instance, LeaseSettings leases,
                                  DeploymentProperties deploy) {
        return new RolloutMonitor(deployments, pipelines, targets, clock, deploy.rolloutTimeout(),
                deploy.fullReadInterval(), new MongoLeases(mongo, "rollout_leases"), instance.value(),
                leases.duration());
    }

    @Bean
    SchedulingConfigurer rolloutSchedule(RolloutMonitor monitor, DeploymentProperties deploy) {
        return registrar -> registrar.addFixedDelayTask(monitor::tick, deploy.monitorInterval());
    }

    @Bean
    SagaListeners sagaListeners(EventConsumer consumer, DeploymentService deployments,
                                List<EventFollower> followers) {
        return new SagaListeners(consumer, deployments, followers);
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
}
