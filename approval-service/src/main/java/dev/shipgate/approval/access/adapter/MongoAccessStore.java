package dev.shipgate.approval.access.adapter;

import dev.shipgate.approval.access.application.AccessStore;
import dev.shipgate.approval.access.domain.Group;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.support.messaging.AggregateStore;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.Optional;

public class MongoAccessStore implements AccessStore {

    public static final String USERS = "users";
    public static final String GROUPS = "groups";

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
}
