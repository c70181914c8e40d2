package dev.shipgate.approval.approval.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether an image may be deployed on a pipeline now, as Build &amp; Deploy shows it (DESIGN rules 8 and 10): on a
 * pipeline that needs no approval every image may, except the one already active there; otherwise only an image
 * whose newest request, judged now (policy, access and clock of this moment), is usable: approved, unused, unexpired.
 * It answers what deploying would meet; the decision itself is taken again when the deployment asks.
 */
public final class DeployablePolicy {

    private DeployablePolicy() {
    }

    /**
     * @param needsApproval whether the pipeline needs approvals now
     * @param active        whether the image is the one active on the pipeline's environment
     * @param newest        the image's newest request on the pipeline as it stands now ({@code live}), if any
     */
    public static boolean deployable(boolean needsApproval, boolean active, Optional<ApprovalRequest> newest,
                                     Instant now) {
        if (!needsApproval) {
            return !active;
        }
        return newest.map(request -> usable(request, now)).orElse(false);
    }

    /** Whether this request, as it stands now, lets its image be deployed. */
    public static boolean usable(ApprovalRequest live, Instant now) {
        return live.checkUsable(now) == null;
    }
}
