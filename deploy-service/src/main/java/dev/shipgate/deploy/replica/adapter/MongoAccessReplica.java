package dev.shipgate.deploy.replica.adapter;

import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.deploy.replica.application.AccessReplica;
import org.springframework.data.mongodb.core.MongoTemplate;

public class MongoAccessReplica implements AccessReplica {

    public static final String COLLECTION = "access";

    private final MongoTemplate mongo;

    public MongoAccessReplica(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The event carries the whole access of the user: the latest replaces what was there. */
    @Override
    public void apply(UserAccessChanged access) {
        mongo.save(new StoredAccess(access.userId(), access), COLLECTION);
    }

    @Override
    public Permissions permissions(String userId) {
        StoredAccess stored = mongo.findById(userId, StoredAccess.class, COLLECTION);
        if (stored == null || !stored.access().active()) {
            return Permissions.none(userId);
        }
        return new Permissions(userId, stored.access().roles().stream().map(Grant::of).toList());
    }

    record StoredAccess(String id, UserAccessChanged access) {
    }
}
