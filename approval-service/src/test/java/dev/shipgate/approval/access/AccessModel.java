package dev.shipgate.approval.access;

import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.approval.access.domain.EffectiveAccess;
import dev.shipgate.approval.access.domain.Group;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.GrantingPolicy;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The access of a few users and groups, changed only through {@link GrantingPolicy}: the model that generated
 * sequences of grant and revoke attempts run against (in memory, and through approval-service's HTTP API).
 */
public final class AccessModel {

    /** One attempt, as generated: indices are resolved against the model's users when it runs. */
    public record Draft(Kind kind, int actorIndex, int targetIndex, boolean onSelf, Grant grant, int pick) {
    }

    /** One attempt by {@code actor} on user (or group) {@code target}. */
    public record Attempt(Kind kind, String actor, String target, Grant grant, int pick) {
    }

    public enum Kind { GRANT, REVOKE, CHANGE_GROUP }

    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();

    public AccessModel(Collection<User> users, Collection<Group> groups) {
        users.forEach(user -> this.users.put(user.id(), user));
        groups.forEach(group -> this.groups.put(group.name(), group));
    }

    public AccessModel copy() {
        return new AccessModel(users.values(), groups.values());
    }

    public Collection<User> users() {
        return List.copyOf(users.values());
    }

    public Collection<Group> groups() {
        return List.copyOf(groups.values());
    }

    public User user(String id) {
        return users.get(id);
    }

    public Permissions permissionsOf(String userId) {
        return EffectiveAccess.of(users.get(userId), groups.values()).permissions();
    }

    public List<String> nonSuperAdmins() {
        return users.keySet().stream().filter(id -> !permissionsOf(id).isSuperAdmin()).toList();
    }

    /** The draft with its actor (always a non-super-admin) and target named; null when nobody could act. */
    public Attempt resolve(Draft draft) {
        List<String> actors = nonSuperAdmins();
        if (actors.isEmpty()) {
            return null;
        }
        String actor = actors.get(draft.actorIndex() % actors.size());
        List<String> targets = draft.kind() == Kind.CHANGE_GROUP ? List.copyOf(groups.keySet())
                : List.copyOf(users.keySet());
        if (targets.isEmpty()) {
            return null;
        }
        String target = draft.onSelf() && draft.kind() != Kind.CHANGE_GROUP ? actor
                : targets.get(draft.targetIndex() % targets.size());
        return new Attempt(draft.kind(), actor, target, draft.grant(), draft.pick());
    }

    /** The direct grants the attempt asks the target user to have (a revoke takes one of theirs, if any). */
    public List<Grant> requested(Attempt attempt) {
        List<Grant> before = users.get(attempt.target()).grants();
        List<Grant> after = new ArrayList<>(before);
        if (attempt.kind() == Kind.GRANT) {
            after.add(attempt.grant());
        } else {
            after.remove(before.isEmpty() ? attempt.grant() : before.get(attempt.pick() % before.size()));
        }
        return after.stream().distinct().toList();
    }

    /** The grants the attempt asks the target group to have. */
    public List<Grant> requestedForGroup(Attempt attempt) {
        List<Grant> after = new ArrayList<>(groups.get(attempt.target()).grants());
        after.add(attempt.grant());
        return after.stream().distinct().toList();
    }

    /** Applies the attempt if the policy allows it; the refusal otherwise. */
    public Optional<Refusal> apply(Attempt attempt) {
        Permissions actor = permissionsOf(attempt.actor());
        if (attempt.kind() == Kind.CHANGE_GROUP) {
            Optional<Refusal> refusal = GrantingPolicy.refusalOfGroupChange(actor);
            if (refusal.isEmpty()) {
                Group group = groups.get(attempt.target());
                groups.put(group.name(), new Group(group.name(), group.description(), requestedForGroup(attempt)));
            }
            return refusal;
        }
        User user = users.get(attempt.target());
        List<Grant> after = requested(attempt);
        Optional<Refusal> refusal = GrantingPolicy.refusalOfUserChange(actor, user.id(),
                user.grants(), after);
        if (refusal.isEmpty()) {
            users.put(user.id(), new User(user.id(), user.email(), user.displayName(), user.active(), user.groups(),
                    after));
        }
        return refusal;
    }

    /**
     * Every grant someone holds now and did not hold in {@code start} (directly or through a group) that is an
     * escalation: SUPER_ADMIN; or a grant that no MANAGER grant held in {@code start} by a non-super-admin contains;
     * or an IMAGE_APPROVER grant that no IMAGE_APPROVER grant held in {@code start} by a non-super-admin contains
     * (a granter gives only roles they hold, and MANAGER does not imply IMAGE_APPROVER). Empty when only
     * non-super-admins acted and the rules hold.
     */
    public List<String> escalationsSince(AccessModel start) {
        List<Grant> managedAtStart = heldAtStartByNonSuperAdmins(start, Role.MANAGER);
        List<Grant> approvedAtStart = heldAtStartByNonSuperAdmins(start, Role.IMAGE_APPROVER);
        List<String> escalations = new ArrayList<>();
        for (String id : users.keySet()) {
            List<Grant> before = start.permissionsOf(id).grants();
            for (Grant grant : permissionsOf(id).grants()) {
                boolean reachedByAGranter = grant.role() != Role.SUPER_ADMIN
                        && containedByOne(managedAtStart, grant)
                        && (grant.role() != Role.IMAGE_APPROVER || containedByOne(approvedAtStart, grant));
                if (!before.contains(grant) && !reachedByAGranter) {
                    escalations.add(id + " gained " + grant);
                }
            }
        }
        return escalations;
    }

    private static List<Grant> heldAtStartByNonSuperAdmins(AccessModel start, Role role) {
        return start.nonSuperAdmins().stream().flatMap(id -> start.permissionsOf(id).grants().stream())
                .filter(grant -> grant.role() == role).toList();
    }

    private static boolean containedByOne(List<Grant> held, Grant grant) {
        return held.stream().anyMatch(h -> h.scope().contains(grant.scope()));
    }

    @Override
    public String toString() {
        return "users " + users.values() + ", groups " + groups.values();
    }
}
