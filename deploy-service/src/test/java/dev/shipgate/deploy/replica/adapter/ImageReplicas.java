package dev.shipgate.deploy.replica.adapter;

import dev.shipgate.deploy.replica.application.ImageReplica;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The MongoDB image replica for tests of other features, as its port (the adapter stays package-private). */
public final class ImageReplicas {

    private ImageReplicas() {
    }

    public static ImageReplica mongo(MongoTemplate mongo) {
        return new MongoImageReplica(mongo);
    }
}
