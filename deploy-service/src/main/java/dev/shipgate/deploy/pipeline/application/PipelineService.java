package dev.shipgate.deploy.pipeline.application;

import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.events.PipelineReminders;
import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.deploy.pipeline.domain.Pipeline;
import dev.shipgate.deploy.pipeline.domain.ReminderPlanRules;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.deploy.shared.domain.DeployRefusal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Pipeline configuration, for ADMIN or MANAGER of the application (and SUPER_ADMIN). */
public class PipelineService {

    private final Pipelines pipelines;
    private final AccessReplica access;

    public PipelineService(Pipelines pipelines, AccessReplica access) {
        this.pipelines = pipelines;
        this.access = access;
    }

    public Pipeline create(String userId, Pipeline draft) {
        requireAdmin(userId, draft);
        Pipeline pipeline = new Pipeline(draft.id() == null ? "pl-" + UUID.randomUUID() : draft.id(),
                draft.project(), draft.application(), draft.environment(), draft.target(), draft.targetRef(),
                draft.strategy(), draft.approval(), draft.trigger(), checkedReminders(draft.reminders(), null), false,
                0);
        pipelines.create(pipeline);
        return pipeline;
    }

    /**
     * Replaces the pipeline's settings, for an admin of its scope (and of the scope it moves to).
     *
     * @param readVersion the version the caller's change was decided on; null: the one read here. The write is
     *                    conditional on it (the store's versioned update), so a stale one is refused as a race is
     * @throws dev.shipgate.contracts.refusal.RefusedException PIPELINE_CHANGED (409) when it changed since
     *                                                         {@code readVersion}, or meanwhile; UNKNOWN_PIPELINE,
     *                                                         NOT_ALLOWED_TO_CONFIGURE as for every change
     */
    public Pipeline update(String userId, String id, Pipeline changes, Long readVersion) {
        Pipeline current = visible(userId, id);
        requireAdmin(userId, current);
        requireAdmin(userId, changes); // moving it to another application needs admin there too
        Pipeline next = new Pipeline(id, changes.project(), changes.application(), changes.environment(),
                changes.target(), changes.targetRef(), changes.strategy(), changes.approval(), changes.trigger(),
                checkedReminders(changes.reminders(), current.reminders()), false,
                readVersion != null ? readVersion : current.version());
        if (!pipelines.update(next)) {
            throw DeployRefusal.PIPELINE_CHANGED.because(
                    "the pipeline was changed by someone else since it was read: reload it and try again")
                    .exception();
        }
        return next;
    }

    public void delete(String userId, String id) {
        Pipeline current = visible(userId, id);
        requireAdmin(userId, current);
        pipelines.update(current.deleted(true));
    }

    /** The pipeline, for a caller who may see it; refused as {@code UNKNOWN_PIPELINE} (404) otherwise. */
    public Pipeline visible(String userId, String id) {
        return findVisible(userId, id)
                .orElseThrow(() -> DeployRefusal.UNKNOWN_PIPELINE.because("no pipeline " + id).exception());
    }

    /** The pipeline, if it exists and the caller may see it (View, or Approve images, on its scope). */
    public Optional<Pipeline> findVisible(String userId, String id) {
        Permissions permissions = access.permissions(userId);
        return find(id).filter(p -> mayRead(permissions, p));
    }

    public List<Pipeline> visibleTo(String userId, String application) {
        Permissions permissions = access.permissions(userId);
        return pipelines.all().stream()
                .filter(p -> !p.deleted())
                .filter(p -> application == null || p.application().equals(application))
                .filter(p -> mayRead(permissions, p))
                .toList();
    }

    private static boolean mayRead(Permissions permissions, Pipeline pipeline) {
        return permissions.canView(pipeline.scope()) || permissions.canApproveImages(pipeline.scope());
    }

    /** The pipeline, for a caller who may change its settings (Admin or Manager on its scope); refused otherwise. */
    public Pipeline configurable(String userId, String id) {
        Pipeline pipeline = visible(userId, id);
        requireAdmin(userId, pipeline);
        return pipeline;
    }

    public Optional<Pipeline> find(String id) {
        return pipelines.find(id).filter(p -> !p.deleted());
    }

    /**
     * The plan within its limits ({@link ReminderPlanRules}) and with a fallback group that has members (at least one
     * active user in the access replica) or none ({@code ""}); refused {@code INVALID_REQUEST} naming the field. The
     * members are looked for only when the group is new to the pipeline ({@code before}: its plan until now, or
     * null): a group that has emptied since it was named must not block every other change of the pipeline.
     */
    private PipelineReminders checkedReminders(PipelineReminders reminders, PipelineReminders before) {
        ReminderPlanRules.check(reminders);
        boolean groupKept = before != null && reminders != null
                && Objects.equals(before.fallbackGroup(), reminders.fallbackGroup());
        if (reminders != null && reminders.escalates() && !groupKept
                && !access.hasMembers(reminders.fallbackGroup())) {
            throw Refusal.invalidField(ReminderPlanRules.FIELD + ".fallbackGroup",
                    "must name an existing group with active members").exception();
        }
        return reminders;
    }

    private void requireAdmin(String userId, Pipeline pipeline) {
        if (!access.permissions(userId).canAdminister(pipeline.scope())) {
            throw DeployRefusal.NOT_ALLOWED_TO_CONFIGURE.because(userId + " needs Admin or Manager on "
                    + pipeline.application() + " / " + pipeline.environment() + " to configure its pipelines")
                    .exception();
        }
    }
}
