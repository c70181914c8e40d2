package dev.shipgate.deploy.replica.adapter;

import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.support.cache.ShortLivedCache;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/** The MongoDB access replica for tests of other features, as its port (the adapter stays package-private). */
public final class AccessReplicas {

    private AccessReplicas() {
    }

    public static AccessReplica mongo(MongoTemplate mongo, ShortLivedCache<String, Permissions> recent, Clock clock) {
        return new MongoAccessReplica(mongo, recent, clock);
    }
}
