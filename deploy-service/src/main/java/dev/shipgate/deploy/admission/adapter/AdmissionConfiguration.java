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
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.authentication.preauth.x509.X509AuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

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
    AdmissionTls admissionTls(AdmissionProperties settings, SslBundles bundles) {
        return new AdmissionTls(settings.tls().port(), settings.tls().bundle(), settings.tls().clientAuth(), bundles);
    }

    /**
     * mTLS for the API server ({@code shipgate.admission.tls.client-auth=need}): on the admission endpoint only, a
     * client certificate the handshake verified authenticates its caller ({@link ClientCertificateCallers}); the
     * bearer token stays the other way in. Anywhere else a certificate counts for nothing.
     */
    @Bean
    @ConditionalOnProperty(name = "shipgate.admission.tls.client-auth", havingValue = "need")
    Customizer<HttpSecurity> admissionClientCertificates(AdmissionProperties settings) {
        RequestMatcher admission = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST,
                AdmissionController.PATH);
        return http -> http.x509(x509 -> x509
                .x509PrincipalExtractor(new ClientCertificateCallers(settings.callers()))
                .userDetailsService(caller -> User.withUsername(caller).password("").authorities("ADMISSION")
                        .build())
                .withObjectPostProcessor(new ObjectPostProcessor<X509AuthenticationFilter>() {
                    @Override
                    public <O extends X509AuthenticationFilter> O postProcess(O filter) {
                        filter.setRequiresAuthenticationRequestMatcher(admission);
                        return filter;
                    }
                }));
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
