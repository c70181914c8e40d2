package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.deploy.deployment.application.DecisionWaiter;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.deploy.shared.domain.DeployRefusal;
import dev.shipgate.support.web.ProblemHandling;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP answer of a deploy call that waits for the decision ({@code ?wait=PT10S}):
 * <ul>
 *   <li>201 Created with the deployment and its {@code Location} once AUTHORIZED (or already further on);</li>
 *   <li>403 (the caller may not deploy: {@code NOT_ALLOWED_TO_DEPLOY}, {@code APPROVER_CANNOT_DEPLOY}) or 409 (any
 *       other reason: no approval, partially approved, expired, already used...) as {@code application/problem+json}
 *       with approval-service's {@code reason} code and message, the {@code deploymentId} and {@code deploymentStatus}
 *       REJECTED;</li>
 *   <li>202 Accepted with the deployment, still REQUESTED, when the wait ran out first.</li>
 * </ul>
 * A wait longer than {@code maxWait} is cut to it; a wait that is not an ISO-8601 duration, or not positive, is a 400
 * problem with reason {@code INVALID_WAIT}.
 */
class DecisionAnswers {

    /** Refusals about who asks rather than about the approval's state. */
    private static final Set<String> FORBIDDEN_REASONS = Set.of("NOT_ALLOWED_TO_DEPLOY", "APPROVER_CANNOT_DEPLOY");

    private final DecisionWaiter waiter;
    private final Duration maxWait;

    DecisionAnswers(DecisionWaiter waiter, Duration maxWait) {
        this.waiter = waiter;
        this.maxWait = maxWait;
    }

    /** The wait asked for, at most {@code maxWait}; 400 INVALID_WAIT when it is not a positive ISO-8601 duration. */
    public Duration waitFor(String wait) {
        Duration asked;
        try {
            asked = Duration.parse(wait);
        } catch (DateTimeParseException e) {
            throw invalid(wait);
        }
        if (asked.isNegative() || asked.isZero()) {
            throw invalid(wait);
        }
        return asked.compareTo(maxWait) > 0 ? maxWait : asked;
    }

    public CompletableFuture<ResponseEntity<Object>> answer(Deployment requested, Duration wait) {
        return waiter.awaitDecision(requested, wait).thenApply(DecisionAnswers::answerFor);
    }

    static ResponseEntity<Object> answerFor(Deployment deployment) {
        if (deployment.status() == DeploymentStatus.REQUESTED) {
            return ResponseEntity.accepted().body(deployment);
        }
        if (deployment.status() == DeploymentStatus.REJECTED) {
            String reason = deployment.rejection() == null ? "REJECTED" : deployment.rejection().reason();
            String message = deployment.rejection() == null ? "approval-service rejected the deployment"
                    : deployment.rejection().message();
            HttpStatus status = FORBIDDEN_REASONS.contains(reason) ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT;
            ProblemDetail problem = ProblemHandling.problem(status, reason, message);
            problem.setProperty("deploymentId", deployment.id());
            problem.setProperty("deploymentStatus", deployment.status().name());
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.created(URI.create("/api/deployments/" + deployment.id())).body(deployment);
    }

    private RefusedException invalid(String wait) {
        return DeployRefusal.INVALID_WAIT.because("wait must be a "
                + "positive ISO-8601 duration such as PT10S (at most " + maxWait + "), not '" + wait + "'")
                .exception();
    }
}
