package dev.shipgate.deploy.shared.domain;

import dev.shipgate.contracts.refusal.RefusalCode;
import dev.shipgate.contracts.refusal.Refusal.Kind;

/**
 * The stable codes of deploy-service's refusals, each with its kind (which HTTP status web-support's
 * {@code RefusalMapping} gives it): the {@code reason} of the problem+json answer. The deployment rules' own codes
 * (the last five) come back from {@code Deployment}'s moves and are logged; they would answer as conflicts if they
 * ever reached the web.
 */
public enum DeployRefusal implements RefusalCode {
    /** Changing a pipeline needs Admin or Manager on its application and environment. */
    NOT_ALLOWED_TO_CONFIGURE(Kind.FORBIDDEN),
    /** Deploying needs Build and Deploy on the pipeline's application and environment. */
    NOT_ALLOWED_TO_DEPLOY(Kind.FORBIDDEN),
    /** Someone else changed the pipeline since it was read. */
    PIPELINE_CHANGED(Kind.CONFLICT),
    UNKNOWN_PIPELINE(Kind.NOT_FOUND),
    UNKNOWN_IMAGE(Kind.NOT_FOUND),
    UNKNOWN_DEPLOYMENT(Kind.NOT_FOUND),
    /**
     * A deployment window keeps the pipeline closed (a blackout, or outside every maintenance window): the problem
     * carries the window's message, {@code windowId} and {@code nextOpening} (ISO-8601 instant, absent if never).
     */
    DEPLOY_WINDOW_CLOSED(Kind.CONFLICT),
    UNKNOWN_WINDOW(Kind.NOT_FOUND),
    /** A deploy call's {@code wait} is not a positive ISO-8601 duration within the limit. */
    INVALID_WAIT(Kind.INVALID),
    /** The admission webhook answers only its configured callers (the API server's service account). */
    NOT_AN_ADMISSION_CALLER(Kind.FORBIDDEN),
    /** The admission webhook's body is no {@code admission.k8s.io/v1} AdmissionReview with a request uid. */
    INVALID_ADMISSION_REVIEW(Kind.INVALID),
    /**
     * An {@code Idempotency-Key} the caller used before for another call (another pipeline or image): the key names
     * one call, and its answer stays that call's.
     */
    IDEMPOTENCY_KEY_REUSED(Kind.UNPROCESSABLE),
    /** A status report for a deployment whose pipeline's target is not {@code external}: its target reports itself. */
    NOT_AN_EXTERNAL_TARGET(Kind.CONFLICT),
    /** A status report after the deployment ended (HEALTHY, DEGRADED, FAILED, TIMED_OUT, REJECTED, SUPERSEDED). */
    DEPLOYMENT_FINISHED(Kind.CONFLICT),
    /** A tool reports PROGRESSING, HEALTHY, DEGRADED or FAILED; the other statuses are Shipgate's own. */
    STATUS_NOT_REPORTABLE(Kind.INVALID),
    /** A scheduled deployment's {@code runAt} is not in the future (or past the furthest time allowed). */
    INVALID_SCHEDULE_TIME(Kind.INVALID),
    /** A deploy scheduled "at the next opening" while no window holds the pipeline, or none ever opens again. */
    NO_OPENING_TO_WAIT_FOR(Kind.CONFLICT),
    UNKNOWN_SCHEDULE(Kind.NOT_FOUND),
    /** Cancelling a schedule needs to be its requester, or Admin or Manager on the pipeline. */
    NOT_ALLOWED_TO_CANCEL(Kind.FORBIDDEN),
    /** The schedule started or was voided already: nothing to cancel. */
    SCHEDULE_NOT_PENDING(Kind.CONFLICT),
    /** Only a due schedule (or one whose claim ran out) is claimed. */
    SCHEDULE_NOT_DUE(Kind.CONFLICT),
    /**
     * Break-glass is off on this pipeline (no policy): the deploy or rollback needs an approval; the problem names
     * the image ({@code imageDigest}, {@code tag}) to request one for.
     */
    BREAK_GLASS_NOT_ENABLED(Kind.CONFLICT),
    /** Breaking the glass needs the policy's role on the pipeline's scope (and Build and Deploy there). */
    NOT_ALLOWED_TO_BREAK_GLASS(Kind.FORBIDDEN),
    /** A justification is required (1 to 2000 characters), an incident reference at most 200 characters. */
    INVALID_JUSTIFICATION(Kind.INVALID),
    /** A break-glass policy names a role that may deploy, and a review time from PT1H to P7D. */
    INVALID_BREAK_GLASS_POLICY(Kind.INVALID),
    /** A rollback with no earlier HEALTHY release of another image to go back to. */
    NO_RELEASE_TO_ROLL_BACK_TO(Kind.CONFLICT),
    /** Reviewing a break-glass needs Approve images on the pipeline's scope. */
    NOT_ALLOWED_TO_REVIEW(Kind.FORBIDDEN),
    /** Whoever broke the glass cannot review their own break-glass. */
    OWN_BREAK_GLASS_REVIEW(Kind.FORBIDDEN),
    /** A review's outcome is ACKNOWLEDGED or FLAGGED, with a comment of 1 to 2000 characters. */
    INVALID_REVIEW(Kind.INVALID),
    /** The deployment was authorized by approval, not break-glass: it has no review. */
    NOT_A_BREAK_GLASS(Kind.CONFLICT),
    /** The break-glass review was closed already. */
    REVIEW_CLOSED(Kind.CONFLICT),
    /** Only an open review past its due time, not yet told of, becomes OVERDUE (a sweep by another instance won). */
    REVIEW_NOT_OVERDUE(Kind.CONFLICT),
    /** A decision came for a deployment approval-service already decided on (a redelivery). */
    DEPLOYMENT_ALREADY_DECIDED(Kind.CONFLICT),
    /** A decision names another pipeline, image or requester than the deployment recorded here. */
    DECISION_FOR_ANOTHER_DEPLOYMENT(Kind.CONFLICT),
    /** Only an AUTHORIZED deployment starts rolling out. */
    DEPLOYMENT_NOT_AUTHORIZED(Kind.CONFLICT),
    /** Only a PROGRESSING deployment reaches an end. */
    DEPLOYMENT_NOT_PROGRESSING(Kind.CONFLICT),
    /** Only a live deployment (in flight or running) is superseded. */
    DEPLOYMENT_NOT_LIVE(Kind.CONFLICT);

    private final Kind kind;

    DeployRefusal(Kind kind) {
        this.kind = kind;
    }

    @Override
    public Kind kind() {
        return kind;
    }
}
