package dev.shipgate.approval.access.application;

import dev.shipgate.approval.access.domain.Group;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.contracts.EventPayload;

import java.util.List;
import java.util.Optional;

/** Users and groups as stored; saving a user also queues the events of its changed access. */
public interface AccessStore {

    void saveUser(User user, List<EventPayload> events);

    void saveGroup(Group group);

    Optional<User> findUser(String userId);

    Optional<Group> findGroup(String name);

    List<User> users();

    List<Group> groups();
}
