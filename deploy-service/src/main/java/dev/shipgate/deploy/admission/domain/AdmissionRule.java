package dev.shipgate.deploy.admission.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The cluster-side half of Shipgate's gate (issue 21): in a namespace mapped to pipelines, every container image (of
 * every container list: containers, initContainers, ephemeralContainers) must be pinned by digest, and the digest
 * must be one the namespace's pipelines authorized (a deployment of the pipeline that was authorized and not
 * refused: break-glass deployments included). An exempt namespace or image is never refused, not even when the
 * decision data cannot be read. Audit mode allows what it would refuse, with one warning per image.
 */
public final class AdmissionRule {

    private AdmissionRule() {
    }

    /**
     * The answer that needs no mapping nor authorizations: the namespace is exempt, or every image is (a pod with no
     * images at all included); empty when the data must be read.
     */
    public static Optional<AdmissionDecision> withoutData(AdmissionPolicy policy, AdmissionSubject subject) {
        if (policy.exempts(subject.namespace())) {
            return Optional.of(AdmissionDecision.allow(AdmissionDecision.Outcome.NOT_GATED,
                    "namespace " + subject.namespace() + " is exempt"));
        }
        if (subject.images().stream().allMatch(policy::exempts)) {
            return Optional.of(AdmissionDecision.allow(AdmissionDecision.Outcome.NOT_GATED,
                    "every image of " + subject.describe() + " is exempt"));
        }
        return Optional.empty();
    }

    /**
     * @param authorized whether a digest ({@code sha256:...}) is authorized for the mapping's pipelines
     */
    public static AdmissionDecision decide(AdmissionPolicy policy, AdmissionSubject subject, NamespaceMapping mapping,
                                           Predicate<String> authorized) {
        Optional<AdmissionDecision> settled = withoutData(policy, subject);
        if (settled.isPresent()) {
            return settled.get();
        }
        if (!mapping.isMapped()) {
            return AdmissionDecision.allow(AdmissionDecision.Outcome.NOT_GATED,
                    "namespace " + subject.namespace() + " is mapped to no pipeline");
        }
        List<String> faults = new ArrayList<>();
        for (ContainerImage image : subject.images()) {
            if (!policy.exempts(image)) {
                fault(image, mapping, authorized).ifPresent(faults::add);
            }
        }
        if (faults.isEmpty()) {
            return AdmissionDecision.allow(AdmissionDecision.Outcome.AUTHORIZED, "every image is authorized for "
                    + String.join(" or ", mapping.pipelineIds()));
        }
        String message = subject.describe() + " refused by Shipgate: " + String.join("; ", faults);
        if (mapping.audit() || policy.auditEverywhere()) {
            return new AdmissionDecision(AdmissionDecision.Outcome.AUDITED, message,
                    faults.stream().map(fault -> "Shipgate (audit): " + fault).toList());
        }
        return new AdmissionDecision(AdmissionDecision.Outcome.DENIED, message, List.of());
    }

    private static Optional<String> fault(ContainerImage image, NamespaceMapping mapping,
                                          Predicate<String> authorized) {
        if (image.image().isEmpty()) {
            return Optional.of(image.describe() + " names no image");
        }
        Optional<String> digest = image.digest();
        if (digest.isEmpty()) {
            return Optional.of(image.describe() + " image " + image.image() + " is not pinned by digest (@sha256:)");
        }
        return authorized.test(digest.get()) ? Optional.empty() : Optional.of(image.describe() + " image "
                + image.image() + " is not authorized by Shipgate for pipeline "
                + String.join(" or ", mapping.pipelineIds()));
    }

    /**
     * When the decision data could not be read: allowed with a warning (fail open) or denied (fail closed), unless
     * {@link #withoutData} settles it.
     */
    public static AdmissionDecision unreadable(AdmissionPolicy policy, AdmissionSubject subject, String why) {
        Optional<AdmissionDecision> settled = withoutData(policy, subject);
        if (settled.isPresent()) {
            return settled.get();
        }
        String words = "Shipgate could not read its decision data for " + subject.describe() + ": " + why;
        return policy.failOpen()
                ? new AdmissionDecision(AdmissionDecision.Outcome.FAILED_OPEN, words,
                List.of("Shipgate (fail-open): allowed unchecked; " + why))
                : new AdmissionDecision(AdmissionDecision.Outcome.FAILED_CLOSED, words + " (fail-closed)", List.of());
    }
}
