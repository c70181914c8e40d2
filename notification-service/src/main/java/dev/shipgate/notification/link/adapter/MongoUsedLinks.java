package dev.shipgate.notification.link.adapter;

import dev.shipgate.notification.link.application.UsedLinks;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

class MongoUsedLinks implements UsedLinks {

    static final String COLLECTION = "used_links";

    private final MongoTemplate mongo;
    private final Clock clock;

    MongoUsedLinks(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public boolean markUsed(String nonce, String requestId, String userId) {
        try {
            mongo.insert(new Document("_id", nonce).append("requestId", requestId).append("userId", userId)
                    .append("usedAt", clock.instant()), COLLECTION);
            return true;
        } catch (DuplicateKeyException usedBefore) {
            return false;
        }
    }
}
