package dev.shipgate.approval.access.application;

import dev.shipgate.approval.access.domain.EffectiveAccess;
import dev.shipgate.approval.access.domain.Group;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.contracts.identity.UserIds;

import java.util.List;
import java.util.Optional;

/**
 * Reads and changes access. Every change republishes the effective access of the users it touches on the compacted
 * access topic, which is how deploy-service and notification-service learn it.
 */
public class AccessService implements AccessDirectory {

    private final AccessStore store;

    public AccessService(AccessStore store) {
        this.store = store;
    }

    /** @param userId any spelling of the id: users are stored under the canonical one */
    @Override
    public Optional<EffectiveAccess> find(String userId) {
        String id = UserIds.canonical(userId);
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        return store.findUser(id).map(user -> EffectiveAccess.of(user, store.groups()));
    }

    @Override
    public List<EffectiveAccess> all() {
        List<Group> groups = store.groups();
        return store.users().stream().map(user -> EffectiveAccess.of(user, groups)).toList();
    }

    @Override
    public List<User> users() {
        return store.users();
    }

    public List<Group> groups() {
        return store.groups();
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
