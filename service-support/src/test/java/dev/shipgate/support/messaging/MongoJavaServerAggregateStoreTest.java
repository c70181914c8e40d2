package dev.shipgate.support.messaging;

import dev.shipgate.runtime.SharedInfra;

/** Against the embedded default: mongo-java-server with its H2 backend, as a real process. */
class MongoJavaServerAggregateStoreTest extends AggregateStoreContract {

    @Override
    String mongoUri() {
        return SharedInfra.get().mongoUri();
    }
}
