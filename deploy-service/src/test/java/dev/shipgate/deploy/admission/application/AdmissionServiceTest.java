package dev.shipgate.deploy.admission.application;

import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.deploy.admission.domain.AdmissionDecision;
import dev.shipgate.deploy.admission.domain.AdmissionPolicy;
import dev.shipgate.deploy.admission.domain.AdmissionSubject;
import dev.shipgate.deploy.admission.domain.ContainerImage;
import dev.shipgate.deploy.admission.domain.NamespaceMapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deadline and fail mode, the re-read before a refusal, and who may call. */
class AdmissionServiceTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final AdmissionSubject POD = new AdmissionSubject("shop-prod", "Pod", "web",
            List.of(new ContainerImage("containers", "app", "registry.local/web@" + DIGEST)));
    private static final NamespaceMappings SHOP = namespace -> new NamespaceMapping(namespace,
            namespace.equals("shop-prod") ? Set.of("web-prod") : Set.of(), false);

    private final ExecutorService readers = Executors.newCachedThreadPool();
    private final List<AdmissionDecision> recorded = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        readers.shutdownNow();
    }

    private AdmissionService service(boolean failOpen, Set<String> exemptNamespaces, AuthorizedImages images) {
        return new AdmissionService(Set.of("kube-apiserver"), new AdmissionPolicy(exemptNamespaces, List.of(), false,
                failOpen), List.of(SHOP), images, (subject, decision, nanos) -> recorded.add(decision), readers,
                Duration.ofMillis(200), Duration.ofMinutes(5), Clock.systemUTC());
    }

    private static AuthorizedImages hanging() {
        return pipeline -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Set.of(DIGEST);
        };
    }

    @Test
    void dataNotReadInTimeIsDeniedWhenFailingClosedAndAnsweredWithinTheDeadline() {
        long start = System.nanoTime();
        AdmissionDecision decision = service(false, Set.of(), hanging()).decide(POD);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(decision.outcome()).isEqualTo(AdmissionDecision.Outcome.FAILED_CLOSED);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.message()).contains("no answer within 200 ms").contains("fail-closed");
        assertThat(recorded).containsExactly(decision);
    }

    @Test
    void dataNotReadInTimeIsAllowedWithAWarningWhenFailingOpen() {
        AdmissionDecision decision = service(true, Set.of(), hanging()).decide(POD);
        assertThat(decision.outcome()).isEqualTo(AdmissionDecision.Outcome.FAILED_OPEN);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.warnings()).singleElement().asString().contains("fail-open");
    }

    @Test
    void aFailedReadFollowsTheFailModeToo() {
        AdmissionDecision decision = service(false, Set.of(), pipeline -> {
            throw new IllegalStateException("database down");
        }).decide(POD);
        assertThat(decision.outcome()).isEqualTo(AdmissionDecision.Outcome.FAILED_CLOSED);
        assertThat(decision.message()).contains("database down");
    }

    @Test
    void anExemptNamespaceIsAllowedWithoutReadingEvenWhenReadsWouldFail() {
        AdmissionDecision decision = service(false, Set.of("shop-prod"), pipeline -> {
            throw new AssertionError("read");
        }).decide(POD);
        assertThat(decision.outcome()).isEqualTo(AdmissionDecision.Outcome.NOT_GATED);
    }

    @Test
    void aDigestAuthorizedAfterTheCacheWasFilledIsAdmittedAtOnce() {
        Set<String> authorized = ConcurrentHashMap.newKeySet();
        AtomicInteger reads = new AtomicInteger();
        AdmissionService service = service(false, Set.of(), pipeline -> {
            reads.incrementAndGet();
            return Set.copyOf(authorized);
        });
        assertThat(service.decide(POD).outcome()).isEqualTo(AdmissionDecision.Outcome.DENIED);
        authorized.add(DIGEST); // the deployment is authorized now; the cache (5 min) still says otherwise
        assertThat(service.decide(POD).outcome()).isEqualTo(AdmissionDecision.Outcome.AUTHORIZED);
        int readsSoFar = reads.get();
        assertThat(service.decide(POD).outcome()).isEqualTo(AdmissionDecision.Outcome.AUTHORIZED);
        assertThat(reads.get()).as("an authorized digest is answered from the cache").isEqualTo(readsSoFar);
    }

    @Test
    void onlyTheConfiguredCallersMayCallInAnyCase() {
        AdmissionService service = service(false, Set.of(), pipeline -> Set.of());
        service.checkCaller("KUBE-APISERVER");
        assertThatThrownBy(() -> service.checkCaller("alice")).isInstanceOfSatisfying(RefusedException.class,
                e -> assertThat(e.refusal().reason()).isEqualTo("NOT_AN_ADMISSION_CALLER"));
    }
}
