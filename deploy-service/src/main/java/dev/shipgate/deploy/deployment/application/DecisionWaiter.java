package dev.shipgate.deploy.deployment.application;

import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Lets a deploy call wait for approval-service's decision without holding a thread: each caller gets a future that
 * completes with the deployment once it is no longer REQUESTED, or with its latest state when the wait runs out.
 * <p>
 * Decisions are applied by whichever instance of deploy-service consumes them, so this instance both wakes its waiters
 * when it applies one ({@link #decided}) and re-reads the waited deployments by id, all in one query, every
 * {@code pollInterval} ({@link #poll}); a waiter therefore learns a decision applied elsewhere at most one interval
 * late.
 */
public class DecisionWaiter implements AutoCloseable {

    private final Deployments deployments;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Set<CompletableFuture<Deployment>>> waiting = new ConcurrentHashMap<>();

    public DecisionWaiter(Deployments deployments, ScheduledExecutorService scheduler, Duration pollInterval) {
        this.deployments = deployments;
        this.scheduler = scheduler;
        scheduler.scheduleWithFixedDelay(this::pollQuietly, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * The deployment once decided (AUTHORIZED, REJECTED or beyond), else as it stands after {@code wait}; completes
     * on a scheduler thread, never the caller's.
     */
    public CompletableFuture<Deployment> awaitDecision(Deployment requested, Duration wait) {
        CompletableFuture<Deployment> answer = new CompletableFuture<>();
        waiting.computeIfAbsent(requested.id(), id -> ConcurrentHashMap.newKeySet()).add(answer);
        answer.whenComplete((deployment, error) -> forget(requested.id(), answer));
        scheduler.schedule(() -> answer.complete(latest(requested)), wait.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.execute(() -> deployments.find(requested.id()).ifPresent(this::decided)); // decided already?
        return answer;
    }

    /** Wakes the callers waiting for this deployment if it is decided; the local path, with no read. */
    public void decided(Deployment deployment) {
        if (deployment.status() == DeploymentStatus.REQUESTED) {
            return;
        }
        Set<CompletableFuture<Deployment>> waiters = waiting.get(deployment.id());
        if (waiters != null) {
            waiters.forEach(waiter -> waiter.complete(deployment));
        }
    }

    /** Re-reads every waited deployment in one query, for decisions another instance applied. */
    public void poll() {
        if (waiting.isEmpty()) {
            return;
        }
        List<Deployment> current = deployments.findAll(List.copyOf(waiting.keySet()));
        current.forEach(this::decided);
    }

    /** How many calls wait now (for metrics and tests). */
    public int waitingCalls() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    /** Stops the timers; calls still waiting get no answer from here (the server is going down). */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private Deployment latest(Deployment requested) {
        try {
            return deployments.find(requested.id()).orElse(requested);
        } catch (RuntimeException e) {
            return requested; // the wait ran out either way: answer with what we know
        }
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // the database is away for a moment: the next round reads again, and the wait still runs out on time
        }
    }

    private void forget(String deploymentId, CompletableFuture<Deployment> answer) {
        waiting.computeIfPresent(deploymentId, (id, waiters) -> {
            waiters.remove(answer);
            return waiters.isEmpty() ? null : waiters;
        });
    }
}
