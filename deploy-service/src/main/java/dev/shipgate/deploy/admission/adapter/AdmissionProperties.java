package dev.shipgate.deploy.admission.adapter;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admission webhook ({@code shipgate.admission.*}), checked at start.
 *
 * @param callers          who may call it: the subjects (canonical user ids) of the bearer tokens the API server
 *                         sends (default {@code kube-apiserver}, a service account with a Shipgate API token)
 * @param exemptNamespaces never checked (default kube-system, kube-public, kube-node-lease)
 * @param exemptImages     image patterns never checked, {@code *} = any characters (e.g. {@code registry.k8s.io/*})
 * @param audit            audit everywhere: allow with warnings what would be refused (default false)
 * @param auditNamespaces  namespaces whose mapping only audits (a namespace label can say so too)
 * @param failOpen         when the data cannot be read within {@code deadline}: allow with a warning (true) or deny
 *                         (false, the default)
 * @param deadline         the longest a decision waits for its data (default 3 s; at most 8 s, under the API
 *                         server's 10 s and the webhook's {@code timeoutSeconds})
 * @param cacheTimeToLive  how long a pipeline's authorized digests and the pipelines' namespaces are remembered
 *                         (default 10 s); a digest not remembered is looked up again before a refusal
 * @param namespaces       namespace to pipeline ids (separated by commas), set here; beside the pipelines' targets
 * @param namespaceLabels  read the namespaces' labels from the Kubernetes API ({@code shipgate.dev/pipeline},
 *                         {@code shipgate.dev/admission-mode=audit}); off by default (no cluster locally)
 * @param labelCacheTimeToLive how long a namespace's labels are remembered (default 30 s)
 * @param tls              the HTTPS port the API server calls ({@link AdmissionTls}); absent: none (only set where
 *                         the webhook runs in a cluster: the manifests set port 8443)
 */
@Validated
@ConfigurationProperties("shipgate.admission")
record AdmissionProperties(@NotNull @DefaultValue("kube-apiserver") List<String> callers,
                           @NotNull @DefaultValue("kube-system,kube-public,kube-node-lease")
                           Set<String> exemptNamespaces,
                           @NotNull @DefaultValue List<String> exemptImages,
                           @DefaultValue("false") boolean audit,
                           @NotNull @DefaultValue Set<String> auditNamespaces,
                           @DefaultValue("false") boolean failOpen,
                           @NotNull @DurationMin(millis = 10) @DurationMax(seconds = 8) @DefaultValue("PT3S")
                           Duration deadline,
                           @NotNull @DurationMin(millis = 1) @DefaultValue("PT10S") Duration cacheTimeToLive,
                           @NotNull @DefaultValue Map<String, String> namespaces,
                           @DefaultValue("false") boolean namespaceLabels,
                           @NotNull @DurationMin(millis = 1) @DefaultValue("PT30S") Duration labelCacheTimeToLive,
                           @Valid Tls tls) {

    /**
     * The webhook's HTTPS port ({@code shipgate.admission.tls.*}).
     *
     * @param port        the port (1-65535)
     * @param certificate the PEM certificate file ({@code tls.crt} of the webhook's Secret)
     * @param privateKey  the PEM private key file ({@code tls.key})
     */
    record Tls(@Min(1) @Max(65535) int port, @NotNull Path certificate, @NotNull Path privateKey) {
    }
}
