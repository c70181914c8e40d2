package dev.shipgate.deploy.admission.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admission rule over generated pods and pod templates: any container list, any kind, images by digest
 * (authorized for the namespace's pipeline or not), by tag, or missing, exempt or not, in gated, unmapped or exempt
 * namespaces, enforcing or auditing.
 */
class AdmissionRuleProperties {

    private static final Set<String> AUTHORIZED = Set.of("sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64));
    private static final String EXEMPT_PREFIX = "registry.k8s.io/";

    @Provide
    Arbitrary<ContainerImage> images() {
        Arbitrary<String> repository = Arbitraries.of("registry.local/web", "nginx", EXEMPT_PREFIX + "pause");
        Arbitrary<String> reference = Arbitraries.oneOf(
                Arbitraries.of(AUTHORIZED).map(digest -> "@" + digest),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(hex -> "@sha256:" + hex),
                Arbitraries.of(":1.25", ":latest", "", "@sha256:", "@sha512:" + "a".repeat(128)));
        Arbitrary<String> image = Arbitraries.oneOf(Combinators.combine(repository, reference).as(String::concat),
                Arbitraries.just(""));
        return Combinators.combine(Arbitraries.of("containers", "initContainers", "ephemeralContainers"),
                Arbitraries.strings().alpha().ofMaxLength(8), image).as(ContainerImage::new);
    }

    @Provide
    Arbitrary<AdmissionSubject> subjects() {
        return Combinators.combine(Arbitraries.of("gated", "unmapped", "kube-system"),
                Arbitraries.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"),
                images().list().ofMaxSize(6)).as((namespace, kind, images) ->
                new AdmissionSubject(namespace, kind, "x", images));
    }

    private static AdmissionDecision decide(AdmissionSubject subject, boolean audit, boolean auditMapping) {
        AdmissionPolicy policy = new AdmissionPolicy(Set.of("kube-system"), List.of(EXEMPT_PREFIX + "*"), audit,
                false);
        NamespaceMapping mapping = new NamespaceMapping(subject.namespace(),
                subject.namespace().equals("unmapped") ? Set.of() : Set.of("pl"), auditMapping);
        return AdmissionRule.decide(policy, subject, mapping, AUTHORIZED::contains);
    }

    private static boolean bad(ContainerImage image) {
        return !image.image().startsWith(EXEMPT_PREFIX)
                && image.digest().filter(AUTHORIZED::contains).isEmpty();
    }

    @Property
    void anyUnpinnedOrUnauthorizedImageInAnyListOfAGatedNamespaceDenies(@ForAll("subjects") AdmissionSubject subject) {
        boolean gated = subject.namespace().equals("gated");
        boolean anyBad = subject.images().stream().anyMatch(AdmissionRuleProperties::bad);
        AdmissionDecision decision = decide(subject, false, false);
        assertThat(decision.allowed()).isEqualTo(!(gated && anyBad));
        if (!decision.allowed()) {
            subject.images().stream().filter(AdmissionRuleProperties::bad)
                    .forEach(image -> assertThat(decision.message()).contains(image.describe()));
        }
    }

    @Property
    void exemptNeverDenies(@ForAll("subjects") AdmissionSubject subject) {
        AdmissionSubject exemptNamespace = new AdmissionSubject("kube-system", subject.kind(), "x", subject.images());
        assertThat(decide(exemptNamespace, false, false).allowed()).isTrue();
        AdmissionPolicy policy = new AdmissionPolicy(Set.of("kube-system"), List.of(EXEMPT_PREFIX + "*"), false,
                false);
        assertThat(AdmissionRule.unreadable(policy, exemptNamespace, "down").allowed()).isTrue();
        AdmissionSubject exemptImages = new AdmissionSubject(subject.namespace(), subject.kind(), "x",
                subject.images().stream().map(i -> new ContainerImage(i.list(), i.container(), EXEMPT_PREFIX + "i"))
                        .toList());
        assertThat(decide(exemptImages, false, false).allowed()).isTrue();
    }

    @Property
    void auditAllowsWhatEnforcingDeniesWithOneWarningPerBadImage(@ForAll("subjects") AdmissionSubject subject,
                                                                 @ForAll boolean everywhere) {
        AdmissionDecision enforced = decide(subject, false, false);
        AdmissionDecision audited = decide(subject, everywhere, !everywhere);
        assertThat(audited.allowed()).isTrue();
        if (enforced.allowed()) {
            assertThat(audited).isEqualTo(enforced);
        } else {
            assertThat(audited.outcome()).isEqualTo(AdmissionDecision.Outcome.AUDITED);
            assertThat(audited.warnings()).hasSize((int) subject.images().stream()
                    .filter(AdmissionRuleProperties::bad).count());
        }
    }

    @Property
    void failClosedDeniesAndFailOpenAllowsWithAWarningWhateverIsGated(@ForAll("subjects") AdmissionSubject subject,
                                                                      @ForAll boolean failOpen) {
        AdmissionPolicy policy = new AdmissionPolicy(Set.of("kube-system"), List.of(EXEMPT_PREFIX + "*"), false,
                failOpen);
        AdmissionDecision decision = AdmissionRule.unreadable(policy, subject, "down");
        if (AdmissionRule.withoutData(policy, subject).isPresent()) {
            assertThat(decision.allowed()).isTrue();
        } else {
            assertThat(decision.allowed()).isEqualTo(failOpen);
            assertThat(decision.warnings()).hasSize(failOpen ? 1 : 0);
        }
    }
}
