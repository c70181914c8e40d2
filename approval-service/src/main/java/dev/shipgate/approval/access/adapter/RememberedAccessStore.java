package dev.shipgate.approval.access.adapter;

import dev.shipgate.approval.access.application.AccessStore;
import dev.shipgate.approval.access.domain.Group;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.support.cache.ShortLivedCache;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Users and groups are read on every request (who is calling, who may approve) and change rarely: this remembers
 * them for a short while in front of the stored ones. A change made here is seen at once; one made through another
 * instance within the time to live (see {@link ShortLivedCache}).
 */
class RememberedAccessStore implements AccessStore {

    private static final String ALL = "all";

    private final AccessStore stored;
    private final ShortLivedCache<String, User> usersById;
    private final ShortLivedCache<String, List<User>> allUsers;
    private final ShortLivedCache<String, List<Group>> allGroups;

    public RememberedAccessStore(AccessStore stored, Duration timeToLive, Clock clock) {
        this.stored = stored;
        this.usersById = new ShortLivedCache<>(timeToLive, clock);
        this.allUsers = new ShortLivedCache<>(timeToLive, clock);
        this.allGroups = new ShortLivedCache<>(timeToLive, clock);
    }

    @Override
    public void saveUser(User user, List<EventPayload> events) {
        stored.saveUser(user, events);
        usersById.forget(user.id());
        allUsers.forget(ALL);
    }

    @Override
    public void saveGroup(Group group) {
        stored.saveGroup(group);
        allGroups.forget(ALL);
    }

    @Override
    public Optional<User> findUser(String userId) {
        return Optional.ofNullable(usersById.get(userId, id -> stored.findUser(id).orElse(null)));
    }

    @Override
    public Optional<Group> findGroup(String name) {
        return stored.findGroup(name); // read when groups are edited only
    }

    @Override
    public List<User> users() {
        return allUsers.get(ALL, key -> stored.users());
    }

    @Override
    public List<String> canonicaliseUserIds() {
        List<String> changed = stored.canonicaliseUserIds();
        changed.forEach(usersById::forget);
        allUsers.forget(ALL);
        return changed;
    }

    @Override
    public List<Group> groups() {
        return allGroups.get(ALL, key -> stored.groups());
    }
}
