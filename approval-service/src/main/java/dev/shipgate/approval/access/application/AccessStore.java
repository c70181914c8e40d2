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

    /**
     * Start-up migration to one form of user id (design rule 12): a user stored under an id that is not canonical
     * (made before ids were canonical, e.g. {@code PUT /api/access/users/Bob}) is moved to the canonical id. When a
     * user already holds the canonical id, the other record is set aside rather than merged (merging grants would
     * widen someone's access) and a super admin decides. Idempotent: a second run finds nothing to move.
     *
     * @return the stored ids that were moved or set aside
     */
    List<String> canonicaliseUserIds();
}
