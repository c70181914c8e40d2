package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.contracts.access.Scope;

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
 *       and the store check.</li>
 * </ul>
 * The server decides again when the action is taken; this only says what it would decide now.
 */
public final class ImageActions {

    public static final String DEPLOY = "deploy";
    public static final String REQUEST = "request";

    private ImageActions() {
    }

    /**
     * @param needsApproval whether the pipeline needs approvals now
     * @param deployable    {@link DeployablePolicy#deployable} for this image now
     * @param newest        the image's newest request on the pipeline, judged now (its policy the pipeline's now)
     */
    public static List<String> allowed(Actor caller, Scope scope, boolean needsApproval, boolean deployable,
                                       Optional<ApprovalRequest> newest) {
        if (!caller.permissions().canBuildAndDeploy(scope)) {
            return List.of();
        }
        List<String> actions = new ArrayList<>(2);
        boolean approverBlocked = needsApproval && newest.filter(request -> !request.policy().approverMayDeploy()
                && request.hasVoted(caller.userId())).isPresent();
        if (deployable && !approverBlocked) {
            actions.add(DEPLOY);
        }
        if (needsApproval && newest.map(request -> !request.status().isOpen()).orElse(true)) {
            actions.add(REQUEST);
        }
        return List.copyOf(actions);
    }
}
