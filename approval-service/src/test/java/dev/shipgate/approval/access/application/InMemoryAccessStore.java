package dev.shipgate.approval.access.application;

import dev.shipgate.approval.access.domain.Group;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.events.UserAccessChanged;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Users and groups in memory; keeps every published access event. */
public final class InMemoryAccessStore implements AccessStore {
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();

    /** What {@link #saveUser} was given to publish, in order. */
    public final List<UserAccessChanged> published = new ArrayList<>();

    @Override
    public void saveUser(User user, List<EventPayload> events) {
        users.put(user.id(), user);
        events.forEach(event -> published.add((UserAccessChanged) event));
    }

    @Override
    public void saveGroup(Group group) {
        groups.put(group.name(), group);
    }

    @Override
    public Optional<User> findUser(String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    @Override
    public Optional<Group> findGroup(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    @Override
    public List<User> users() {
        return List.copyOf(users.values());
    }

    @Override
    public List<Group> groups() {
        return List.copyOf(groups.values());
    }

    @Override
    public List<String> canonicaliseUserIds() {
        return List.of();
    }
}
