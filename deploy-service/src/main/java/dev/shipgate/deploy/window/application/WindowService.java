package dev.shipgate.deploy.window.application;

import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.deploy.shared.domain.DeployRefusal;
import dev.shipgate.deploy.window.domain.DeploymentWindow;
import dev.shipgate.deploy.window.domain.WindowCalendar;
import dev.shipgate.deploy.window.domain.WindowVerdict;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Deployment windows (issue 18): a pipeline's own are changed by whoever may change its settings (Admin or Manager
 * on its scope, {@link PipelineService#configurable}); a policy by whoever has Admin on the whole of its scope. A
 * deploy is checked against every window that applies to its pipeline at the moment it is asked for.
 */
public class WindowService {

    private final Windows windows;
    private final PipelineService pipelines;
    private final AccessReplica access;

    public WindowService(Windows windows, PipelineService pipelines, AccessReplica access) {
        this.windows = windows;
        this.pipelines = pipelines;
        this.access = access;
    }

    /** The windows that apply to a pipeline the caller may see: its own and the policies whose scope contains it. */
    public List<DeploymentWindow> ofPipeline(String userId, String pipelineId) {
        return applying(pipelines.visible(userId, pipelineId));
    }

    /** {@code draft}'s id and pipeline are replaced: a new id, this pipeline. */
    public DeploymentWindow addToPipeline(String userId, String pipelineId, DeploymentWindow draft) {
        Pipeline pipeline = pipelines.configurable(userId, pipelineId);
        DeploymentWindow window = new DeploymentWindow(newId(), pipeline.id(), null, draft.kind(),
                draft.recurrence(), draft.message(), draft.holdsRollbacks());
        windows.insert(window);
        return window;
    }

    public void removeFromPipeline(String userId, String pipelineId, String windowId) {
        Pipeline pipeline = pipelines.configurable(userId, pipelineId);
        DeploymentWindow window = windows.find(windowId).filter(w -> pipeline.id().equals(w.pipelineId()))
                .orElseThrow(() -> unknown(windowId));
        windows.delete(window.id());
    }

    /** Policies whose scope holds a place the caller may view. */
    public List<DeploymentWindow> policies(String userId) {
        Permissions permissions = access.permissions(userId);
        return windows.all().stream().filter(w -> w.pipelineId() == null)
                .filter(w -> permissions.hasSomewhereIn(Role.VIEW, w.scope())
                        || permissions.hasSomewhereIn(Role.IMAGE_APPROVER, w.scope()))
                .toList();
    }

    /** {@code draft}'s id is replaced; its scope must lie wholly in the caller's Admin grants. */
    public DeploymentWindow addPolicy(String userId, DeploymentWindow draft) {
        requireAdmin(userId, draft.scope());
        DeploymentWindow window = new DeploymentWindow(newId(), null, draft.scope(), draft.kind(),
                draft.recurrence(), draft.message(), draft.holdsRollbacks());
        windows.insert(window);
        return window;
    }

    public void removePolicy(String userId, String windowId) {
        Permissions permissions = access.permissions(userId);
        DeploymentWindow window = windows.find(windowId).filter(w -> w.pipelineId() == null)
                .filter(w -> permissions.hasSomewhereIn(Role.VIEW, w.scope()) || permissions.isSuperAdmin())
                .orElseThrow(() -> unknown(windowId));
        requireAdmin(userId, window.scope());
        windows.delete(window.id());
    }

    /** Whether a deploy (or a rollback) of {@code pipeline} may start at {@code now} under its windows. */
    public WindowVerdict verdict(Pipeline pipeline, boolean rollback, Instant now) {
        return new WindowCalendar(applying(pipeline).stream().filter(w -> w.holds(rollback)).toList()).at(now);
    }

    /**
     * Refuses a deploy (409 {@code DEPLOY_WINDOW_CLOSED}) that a window holds at {@code now}, with the window's
     * message, its id and kind, and {@code nextOpening} (ISO-8601) when it opens again.
     */
    public void requireOpen(Pipeline pipeline, boolean rollback, Instant now) {
        WindowVerdict verdict = verdict(pipeline, rollback, now);
        if (verdict.isOpen()) {
            return;
        }
        DeploymentWindow closer = verdict.closedBy();
        String when = verdict.opening().map(at -> "; it opens again at " + at).orElse("; it does not open again");
        String words = closer.message().isBlank() ? closer.kind() + " window " + closer.id() : closer.message();
        Refusal refusal = DeployRefusal.DEPLOY_WINDOW_CLOSED.because(words + when)
                .with("windowId", closer.id()).with("windowKind", closer.kind().name())
                .with("windowMessage", closer.message());
        throw (verdict.opening().isPresent() ? refusal.with("nextOpening", verdict.nextOpening().toString())
                : refusal).exception();
    }

    private List<DeploymentWindow> applying(Pipeline pipeline) {
        Scope scope = pipeline.scope();
        return windows.all().stream().filter(w -> w.appliesTo(pipeline.id(), scope)).toList();
    }

    private void requireAdmin(String userId, Scope scope) {
        if (!access.permissions(userId).canAdminister(scope)) {
            throw DeployRefusal.NOT_ALLOWED_TO_CONFIGURE.because(userId + " needs Admin or Manager on the whole of "
                    + scope.project() + " / " + scope.application() + " / " + scope.environment()
                    + " to set its deployment windows").exception();
        }
    }

    private static String newId() {
        return "dw-" + UUID.randomUUID();
    }

    private static RuntimeException unknown(String windowId) {
        return DeployRefusal.UNKNOWN_WINDOW.because("no deployment window " + windowId).exception();
    }
}
