package dev.shipgate.contracts.events;

import dev.shipgate.contracts.EventPayload;

import java.time.Instant;
import java.util.List;

/**
 * A deployment moved on its timeline: REQUESTED, AUTHORIZED, REJECTED, PROGRESSING, HEALTHY, DEGRADED, FAILED,
 * TIMED_OUT or SUPERSEDED.
 *
 * @param approvalRequestId the approval request the deployment uses (optional, added in 1.1): set once it is
 *                          AUTHORIZED with an approval, and from REQUESTED on for a deployment an approval started
 *                          (AUTOMATIC trigger); null when none is known or the pipeline needs none
 * @param approvedBy        who approved that request, canonical user ids (optional, added in 1.1); empty when none
 */
public record DeploymentStatusChanged(String deploymentId, PipelineImage image, String requestedBy, String status,
                                      String detail, Instant at, String approvalRequestId,
                                      List<String> approvedBy) implements EventPayload {

    public DeploymentStatusChanged {
        approvedBy = approvedBy == null ? List.of() : List.copyOf(approvedBy);
    }

    /** An event that names no approval (as version 1.0 producers wrote it). */
    public DeploymentStatusChanged(String deploymentId, PipelineImage image, String requestedBy, String status,
                                   String detail, Instant at) {
        this(deploymentId, image, requestedBy, status, detail, at, null, List.of());
    }

    /**
     * The values of {@code status}, in timeline order, and what each means: the one source of these rules for
     * deploy-service's domain, the mail of notification-service, the web UI (gateway's generated rules.js) and the
     * benchmarks. The JSON Schema's enum lists the same names (EventSchemasTest).
     */
    public enum Status {
        REQUESTED, AUTHORIZED, REJECTED, PROGRESSING, HEALTHY, DEGRADED, FAILED, TIMED_OUT, SUPERSEDED;

        /** Nothing more will happen to it (a HEALTHY one can still be superseded by a newer one). */
        public boolean isFinal() {
            return this == REJECTED || this == FAILED || this == TIMED_OUT || this == SUPERSEDED || this == DEGRADED;
        }

        /** The target is (or is about to be) rolling it out. */
        public boolean isInFlight() {
            return this == AUTHORIZED || this == PROGRESSING;
        }

        /** Still on its way: not yet HEALTHY nor final. */
        public boolean isPending() {
            return this != HEALTHY && !isFinal();
        }

        /** It went wrong: refused, failed, degraded or timed out (what a FAILED notice reports). */
        public boolean isFailure() {
            return isFinal() && this != SUPERSEDED;
        }

        /** It ended without a failure: HEALTHY, or SUPERSEDED by a newer deployment. */
        public boolean endedWell() {
            return this == HEALTHY || this == SUPERSEDED;
        }

        /** The status named {@code name}, or empty for a name this version does not know. */
        public static java.util.Optional<Status> named(String name) {
            return java.util.Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
        }
    }

    @Override
    public String subject() {
        return deploymentId;
    }

    @Override
    public String partitionKey() {
        return image.pipelineId();
    }
}
