package dev.shipgate.approval.access.application;

import dev.shipgate.approval.access.domain.EffectiveAccess;
import dev.shipgate.approval.access.domain.Group;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.approval.access.domain.UserChangePolicy;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.identity.UserIds;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads and changes access. Every change republishes the effective access of the users it touches on the compacted
 * access topic, which is how deploy-service and notification-service learn it. What it answers is the access at the
 * clock's time: a time-boxed grant (issue 18) stops counting at its end without anyone acting, for every decision
 * that asks here; the published events carry every grant with its end, so each consumer compares with its own clock.
 */
public class AccessService implements AccessDirectory {

    private final AccessStore store;
    private final Clock clock;

    public AccessService(AccessStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @param userId any spelling of the id: users are stored under the canonical one */
    @Override
    public Optional<EffectiveAccess> find(String userId) {
        String id = UserIds.canonical(userId);
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        return store.findUser(id).map(user -> EffectiveAccess.of(user, store.groups(), clock.instant()));
    }

    @Override
    public List<EffectiveAccess> all() {
        List<Group> groups = store.groups();
        Instant now = clock.instant();
        return store.users().stream().map(user -> EffectiveAccess.of(user, groups, now)).toList();
    }

    @Override
    public List<User> users() {
        return store.users();
    }

    public List<Group> groups() {
        return store.groups();
    }

    /**
     * Puts a user as {@code changer} asks, under {@link UserChangePolicy}: the user's id, in any spelling, names the
     * stored user (canonical form); {@code proposal} gets the stored user (or null for a new one) and gives the user
     * to store.
     *
     * @throws dev.shipgate.contracts.refusal.RefusedException when the policy refuses (403, its reason)
     */
    public User changeUser(Permissions changer, String userId, UnaryOperator<User> proposal) {
        User before = store.findUser(UserIds.canonical(userId)).orElse(null);
        User after = proposal.apply(before);
        UserChangePolicy.refusalOf(changer, before, after).ifPresent(refusal -> {
            throw refusal.exception();
        });
        saveUser(after);
        return after;
    }

    public void saveUser(User user) {
        store.saveUser(user, List.of(EffectiveAccess.of(user, store.groups()).toEvent()));
    }

    /** Saves the group and republishes the access of its members. */
    public void saveGroup(Group group) {
        store.saveGroup(group);
        List<Group> groups = store.groups();
        store.users().stream()
                .filter(user -> user.groups().contains(group.name()))
                .forEach(user -> store.saveUser(user, List.of(EffectiveAccess.of(user, groups).toEvent())));
    }

    /** Publishes everyone's access again, e.g. at start-up, so a fresh consumer has it all. */
    public void republishAll() {
        List<Group> groups = store.groups();
        store.users().forEach(user -> store.saveUser(user, List.of(EffectiveAccess.of(user, groups).toEvent())));
    }
}
