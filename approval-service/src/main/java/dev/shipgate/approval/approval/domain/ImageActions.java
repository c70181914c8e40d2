package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.contracts.access.Scope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the caller may do with an image on a pipeline now, as the image lists answer it ({@code allowedActions}), so
 * that a screen offers only what the server accepts instead of copying its rules (issue 17):
 * <ul>
 *   <li>{@value #DEPLOY}: the caller has Build and Deploy on the pipeline's scope, the image is
 *       {@link DeployablePolicy#deployable deployable}, and using its approval would not be refused
 *       ({@link ApprovalRequest#consume}: not someone who approved it, unless the pipeline lets approvers deploy);</li>
 *   <li>{@value #REQUEST}: the caller has Build and Deploy there, the pipeline needs approvals, and the image has no
 *       open request on it (pending or approved: {@code OPEN_REQUEST_EXISTS}), as {@link ApprovalRequest#open}
 *       and the store check;</li>
 *   <li>{@value #SCHEDULE}: {@value #DEPLOY} is offered, and the approval (when the pipeline needs one) is still
 *       usable after now. deploy-service's schedule rule ({@code ScheduledDeploy.schedule}, {@code ScheduleService}):
 *       a schedule runs at a {@code runAt} after now, and the deployment it then requests uses the approval like any
 *       deploy (a schedule whose approval expires first is voided, APPROVAL_EXPIRED). Whether a deployment window
 *       is open at the chosen time is deploy-service's to say when the time is given (409 DEPLOY_WINDOW_CLOSED).</li>
 * </ul>
 * The server decides again when the action is taken; this only says what it would decide now.
 */
public final class ImageActions {

    public static final String DEPLOY = "deploy";
    public static final String REQUEST = "request";
    public static final String SCHEDULE = "schedule";

    private ImageActions() {
    }

    /**
     * @param needsApproval whether the pipeline needs approvals now
     * @param deployable    {@link DeployablePolicy#deployable} for this image now
     * @param newest        the image's newest request on the pipeline, judged now (its policy the pipeline's now)
     * @param now           the moment judged
     */
    public static List<String> allowed(Actor caller, Scope scope, boolean needsApproval, boolean deployable,
                                       Optional<ApprovalRequest> newest, Instant now) {
        if (!caller.permissions().canBuildAndDeploy(scope)) {
            return List.of();
        }
        List<String> actions = new ArrayList<>(3);
        boolean approverBlocked = needsApproval && newest.filter(request -> !request.policy().approverMayDeploy()
                && request.hasVoted(caller.userId())).isPresent();
        if (deployable && !approverBlocked) {
            actions.add(DEPLOY);
            Instant later = now.plusMillis(1); // the earliest runAt a schedule may have
            if (!needsApproval || newest.filter(request -> DeployablePolicy.usable(request, later)).isPresent()) {
                actions.add(SCHEDULE);
            }
        }
        if (needsApproval && newest.map(request -> !request.status().isOpen()).orElse(true)) {
            actions.add(REQUEST);
        }
        return List.copyOf(actions);
    }
}
