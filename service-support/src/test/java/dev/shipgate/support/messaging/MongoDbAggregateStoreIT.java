package dev.shipgate.support.messaging;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/** Against real MongoDB (a replica set, as in production), where a Docker engine runs; skipped where none does. */
@Testcontainers(disabledWithoutDocker = true)
class MongoDbAggregateStoreIT extends AggregateStoreContract {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

    @Override
    String mongoUri() {
        return MONGO.getReplicaSetUrl();
    }
}
