package dev.shipgate.deploy.admission.adapter;

import dev.shipgate.deploy.admission.application.AdmissionService;
import dev.shipgate.deploy.admission.application.NamespaceMappings;
import dev.shipgate.deploy.admission.application.PipelineNamespaces;
import dev.shipgate.deploy.admission.domain.AdmissionPolicy;
import dev.shipgate.deploy.deployment.application.Deployments;
import dev.shipgate.deploy.pipeline.application.Pipelines;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The admission webhook: its policy, the sources of the namespace mapping, and the pool that reads its data. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdmissionProperties.class)
class AdmissionConfiguration {

    /** Reads wait at most the deadline; past 8 threads and 200 waiting reads, a review is answered at once. */
    private static final int READERS = 8;
    private static final int WAITING = 200;

    /** The HTTPS port for the API server, when {@code shipgate.admission.tls.port} is set (the manifests: 8443). */
    @Bean
    @ConditionalOnProperty("shipgate.admission.tls.port")
    AdmissionTls admissionTls(AdmissionProperties settings) {
        AdmissionProperties.Tls tls = settings.tls();
        return new AdmissionTls(tls.port(), tls.certificate(), tls.privateKey());
    }

    @Bean
    AdmissionService admissionService(AdmissionProperties settings, Pipelines pipelines, Deployments deployments,
                                      KubernetesClient kubernetes, MeterRegistry registry, Clock clock) {
        List<NamespaceMappings> mappings = new ArrayList<>();
        mappings.add(new ConfiguredNamespaces(settings.namespaces(), settings.auditNamespaces()));
        mappings.add(new PipelineNamespaces(pipelines, settings.cacheTimeToLive(), clock));
        if (settings.namespaceLabels()) {
            mappings.add(new LabelledNamespaces(kubernetes, settings.labelCacheTimeToLive(), clock));
        }
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor readers = new ThreadPoolExecutor(READERS, READERS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(WAITING), task -> {
                    Thread thread = new Thread(task, "admission-read-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        readers.allowCoreThreadTimeOut(true);
        return new AdmissionService(Set.copyOf(settings.callers()),
                new AdmissionPolicy(settings.exemptNamespaces(), settings.exemptImages(), settings.audit(),
                        settings.failOpen()),
                mappings, new DeploymentAuthorizedImages(deployments), new LoggedAdmissions(registry), readers,
                settings.deadline(), settings.cacheTimeToLive(), clock);
    }
}
