package dev.shipgate.approval.access.adapter;

import dev.shipgate.approval.shared.CollectionNames;
import dev.shipgate.approval.access.application.AccessStore;
import dev.shipgate.approval.access.domain.Group;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.support.messaging.AggregateStore;
import dev.shipgate.support.messaging.OutboxRelay;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

class MongoAccessStore implements AccessStore {

    static final String USERS = CollectionNames.USERS;
    static final String GROUPS = "groups";
    /** Users whose id, once canonical, was already taken: kept for a super admin to look at, never read. */
    static final String USERS_WITH_CLASHING_IDS = CollectionNames.USERS_WITH_CLASHING_IDS;

    private static final Logger log = LoggerFactory.getLogger(MongoAccessStore.class);

    private final MongoTemplate mongo;
    private final AggregateStore store;

    public MongoAccessStore(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    @Override
    public void saveUser(User user, List<EventPayload> events) {
        store.upsert(USERS, user.id(), user, events);
    }

    @Override
    public void saveGroup(Group group) {
        Document document = new Document();
        mongo.getConverter().write(group, document);
        document.remove("_class");
        mongo.upsert(Query.query(Criteria.where("_id").is(group.name())), Update.fromDocument(
                new Document("$set", document)), GROUPS);
    }

    @Override
    public Optional<User> findUser(String userId) {
        return Optional.ofNullable(mongo.findById(userId, User.class, USERS));
    }

    @Override
    public Optional<Group> findGroup(String name) {
        return Optional.ofNullable(mongo.findById(name, Group.class, GROUPS)); // _id is the name
    }

    @Override
    public List<User> users() {
        return mongo.findAll(User.class, USERS);
    }

    @Override
    public List<Group> groups() {
        return mongo.findAll(Group.class, GROUPS);
    }

    @Override
    public List<String> canonicaliseUserIds() {
        List<String> changed = new ArrayList<>();
        for (Document stored : mongo.getCollection(USERS).find()) {
            Object storedId = stored.get("_id");
            String canonical = UserIds.canonical(String.valueOf(storedId));
            if (canonical.equals(storedId)) {
                continue;
            }
            Document moved = new Document(stored);
            moved.remove(OutboxRelay.OUTBOX_FIELD); // access is republished at start-up anyway
            boolean taken = mongo.exists(Query.query(Criteria.where("_id").is(canonical)), USERS);
            if (taken) {
                mongo.getCollection(USERS_WITH_CLASHING_IDS).replaceOne(new Document("_id", storedId), moved,
                        new com.mongodb.client.model.ReplaceOptions().upsert(true));
                log.warn("user '{}' set aside in {}: its canonical id '{}' belongs to another user", storedId,
                        USERS_WITH_CLASHING_IDS, canonical);
            } else {
                moved.put("_id", canonical);
                mongo.getCollection(USERS).insertOne(moved);
                log.info("user '{}' moved to its canonical id '{}'", storedId, canonical);
            }
            mongo.getCollection(USERS).deleteOne(new Document("_id", storedId));
            changed.add(String.valueOf(storedId));
        }
        return changed;
    }
}
