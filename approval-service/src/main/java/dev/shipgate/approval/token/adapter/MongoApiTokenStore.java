package dev.shipgate.approval.token.adapter;

import dev.shipgate.approval.token.application.ApiTokenStore;
import dev.shipgate.approval.token.domain.ApiToken;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.support.messaging.AggregateStore;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.List;
import java.util.Optional;

/** One document per token; the revocation event leaves through the document's outbox in the same write. */
class MongoApiTokenStore implements ApiTokenStore {

    public static final String COLLECTION = "api_tokens";

    private final MongoTemplate mongo;
    private final AggregateStore store;

    public MongoApiTokenStore(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    @Override
    public void save(ApiToken token, List<EventPayload> events) {
        store.upsert(COLLECTION, token.id(), token, events);
    }

    @Override
    public Optional<ApiToken> find(String id) {
        return Optional.ofNullable(mongo.findById(id, ApiToken.class, COLLECTION));
    }

    @Override
    public List<ApiToken> list(String userId) {
        Query query = userId == null ? new Query() : Query.query(Criteria.where("userId").is(userId));
        return mongo.find(query.with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(500), ApiToken.class,
                COLLECTION);
    }
}
