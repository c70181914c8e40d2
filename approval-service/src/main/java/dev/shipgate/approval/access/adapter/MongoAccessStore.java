package dev.shipgate.approval.access.adapter;

import dev.shipgate.approval.access.application.AccessStore;
import dev.shipgate.approval.access.domain.Group;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.support.messaging.Outbox;
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
    private final Outbox outbox;

    public MongoAccessStore(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    @Override
    public void saveUser(User user, List<EventPayload> events) {
        Document document = new Document();
        mongo.getConverter().write(user, document);
        Update update = new Update();
        document.forEach((field, value) -> {
            if (!field.equals("_id")) {
                update.set(field, value);
            }
        });
        update.push("outbox").each(outbox.entries(events).toArray());
        mongo.upsert(Query.query(Criteria.where("_id").is(user.id())), update, USERS);
        outbox.flushSoon(USERS, user.id());
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
