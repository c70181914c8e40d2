package dev.shipgate.deploy.replica.adapter;

import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.support.cache.ShortLivedCache;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Clock;

/** The access replica, keyed by the canonical user id: a user published or asked for in any spelling is one entry. */
class MongoAccessReplica implements AccessReplica {

    public static final String COLLECTION = "access";

    private final MongoTemplate mongo;
    private final ShortLivedCache<String, Permissions> recent;
    private final Clock clock;

    /**
     * @param recent permissions are read on every request: see {@link ShortLivedCache} for how fresh they are
     * @param clock  the time a grant's end ({@code until}) is compared with, on every read, cached or not
     */
    public MongoAccessReplica(MongoTemplate mongo, ShortLivedCache<String, Permissions> recent, Clock clock) {
        this.mongo = mongo;
        this.recent = recent;
        this.clock = clock;
    }

    /** The event carries the whole access of the user: the latest replaces what was there. */
    @Override
    public void apply(UserAccessChanged access) {
        String id = UserIds.canonical(access.userId());
        mongo.save(new StoredAccess(id, access), COLLECTION);
        recent.forget(id);
    }

    @Override
    public boolean hasMembers(String group) {
        return mongo.exists(Query.query(Criteria.where("access.groups").is(group).and("access.active").is(true)),
                StoredAccess.class, COLLECTION);
    }

    @Override
    public Permissions permissions(String userId) {
        return recent.get(UserIds.canonical(userId), this::read).at(clock.instant());
    }

    private Permissions read(String userId) {
        StoredAccess stored = mongo.findById(userId, StoredAccess.class, COLLECTION);
        if (stored == null || !stored.access().active()) {
            return Permissions.none(userId);
        }
        return new Permissions(userId, stored.access().roles().stream().map(Grant::of).toList());
    }

    record StoredAccess(String id, UserAccessChanged access) {
    }
}
