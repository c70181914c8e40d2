package dev.shipgate.deploy.admission.application;

import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.deploy.admission.domain.AdmissionDecision;
import dev.shipgate.deploy.admission.domain.AdmissionPolicy;
import dev.shipgate.deploy.admission.domain.AdmissionRule;
import dev.shipgate.deploy.admission.domain.AdmissionSubject;
import dev.shipgate.deploy.admission.domain.NamespaceMapping;
import dev.shipgate.deploy.shared.domain.DeployRefusal;
import dev.shipgate.support.cache.ShortLivedCache;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decides admission reviews. The data (the namespace's mapping, the digests its pipelines authorized) is read on a
 * pool of its own and waited for at most {@code deadline}, so the API server always hears back well within its own
 * timeout (10 s by default); past it, or on a failed read, the policy's fail-open or fail-closed answer applies.
 * Authorized digests are remembered per pipeline for a short while; a digest missing from what is remembered is
 * looked up again before refusing, so a deployment authorized a moment ago is admitted at once.
 */
public final class AdmissionService {

    private final Set<String> callers;
    private final AdmissionPolicy policy;
    private final List<NamespaceMappings> mappings;
    private final AuthorizedImages authorized;
    private final AdmissionRecorder recorder;
    private final ExecutorService readers;
    private final Duration deadline;
    private final ShortLivedCache<String, Set<String>> digests;

    public AdmissionService(Set<String> callers, AdmissionPolicy policy, List<NamespaceMappings> mappings,
                            AuthorizedImages authorized, AdmissionRecorder recorder, ExecutorService readers,
                            Duration deadline, Duration cacheTimeToLive, Clock clock) {
        this.callers = Set.copyOf(callers);
        this.policy = policy;
        this.mappings = List.copyOf(mappings);
        this.authorized = authorized;
        this.recorder = recorder;
        this.readers = readers;
        this.deadline = deadline;
        this.digests = new ShortLivedCache<>(cacheTimeToLive, clock);
    }

    /** Refuses ({@code NOT_AN_ADMISSION_CALLER}) anyone but the configured callers (canonical user ids). */
    public void checkCaller(String userId) {
        if (callers.stream().noneMatch(caller -> UserIds.same(caller, userId))) {
            throw DeployRefusal.NOT_AN_ADMISSION_CALLER.because(userId + " may not call the admission webhook: "
                    + "only the Kubernetes API server's account may").exception();
        }
    }

    public AdmissionDecision decide(AdmissionSubject subject) {
        long start = System.nanoTime();
        AdmissionDecision decision = AdmissionRule.withoutData(policy, subject).orElseGet(() -> readAndDecide(subject));
        recorder.record(subject, decision, System.nanoTime() - start);
        return decision;
    }

    private AdmissionDecision readAndDecide(AdmissionSubject subject) {
        CompletableFuture<AdmissionDecision> reading;
        try {
            reading = CompletableFuture.supplyAsync(() -> {
                NamespaceMapping mapping = mapping(subject.namespace());
                return AdmissionRule.decide(policy, subject, mapping, digest -> isAuthorized(mapping, digest));
            }, readers);
        } catch (RejectedExecutionException busy) {
            return AdmissionRule.unreadable(policy, subject, "too many reads waiting");
        }
        try {
            return reading.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            reading.cancel(true);
            return AdmissionRule.unreadable(policy, subject, "no answer within " + deadline.toMillis() + " ms");
        } catch (ExecutionException failed) {
            return AdmissionRule.unreadable(policy, subject, "the read failed: " + failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return AdmissionRule.unreadable(policy, subject, "interrupted");
        }
    }

    private NamespaceMapping mapping(String namespace) {
        NamespaceMapping merged = NamespaceMapping.none(namespace);
        for (NamespaceMappings source : mappings) {
            merged = merged.merge(source.of(namespace));
        }
        return merged;
    }

    private boolean isAuthorized(NamespaceMapping mapping, String digest) {
        for (String pipelineId : mapping.pipelineIds()) {
            if (digests.get(pipelineId, authorized::digests).contains(digest)) {
                return true;
            }
        }
        for (String pipelineId : mapping.pipelineIds()) { // authorized since it was remembered?
            digests.forget(pipelineId);
            if (digests.get(pipelineId, authorized::digests).contains(digest)) {
                return true;
            }
        }
        return false;
    }
}
