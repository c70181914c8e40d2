package dev.shipgate.notification.recipient.adapter;

import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.notification.recipient.application.Recipients;
import dev.shipgate.notification.recipient.application.RequestMemory;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.events.RoleBinding;
import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.support.cache.ShortLivedCache;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/** The contact replica (keyed by canonical user id) and the approvers of each request, in MongoDB. */
class MongoRecipients implements Recipients, RequestMemory {

    static final String USERS = "recipients";
    static final String REQUESTS = "request_approvers";

    private final MongoTemplate mongo;
    private final ShortLivedCache<String, Document> recent;
    private final Clock clock;

    /**
     * @param recent a user's contact is read for every mail and permission check: see {@link ShortLivedCache} for
     *               how fresh it is
     */
    MongoRecipients(MongoTemplate mongo, ShortLivedCache<String, Document> recent, Clock clock) {
        this.mongo = mongo;
        this.recent = recent;
        this.clock = clock;
    }

    /** The event carries the user's whole contact and grants: the latest replaces what was kept. */
    @Override
    public void apply(UserAccessChanged access) {
        String id = UserIds.canonical(access.userId());
        mongo.save(new Document("_id", id).append("email", access.email())
                .append("name", access.displayName()).append("active", access.active())
                .append("groups", access.groups() == null ? List.of() : access.groups())
                .append("roles", access.roles().stream().map(r -> new Document("role", r.role())
                        .append("project", r.project()).append("application", r.application())
                        .append("environment", r.environment())
                        .append("until", r.until() == null ? null : Date.from(r.until()))).toList()), USERS);
        recent.forget(id);
    }

    @Override
    public Optional<String> emailOf(String userId) {
        return user(userId).map(d -> d.getString("email"));
    }

    /** Only the grants that count now: a time-boxed grant (issue 18) stops at its end, with nobody acting. */
    @Override
    public Permissions permissionsOf(String userId) {
        return user(userId).map(d -> new Permissions(userId, d.getList("roles", Document.class, List.of()).stream()
                .map(r -> Grant.of(new RoleBinding(r.getString("role"), r.getString("project"),
                        r.getString("application"), r.getString("environment"),
                        r.getDate("until") == null ? null : r.getDate("until").toInstant())))
                .toList()).at(clock.instant())).orElseGet(() -> Permissions.none(userId));
    }

    @Override
    public List<String> active() {
        Query query = Query.query(Criteria.where("active").is(true));
        query.fields().include("_id");
        return mongo.find(query, Document.class, USERS).stream().map(d -> d.getString("_id")).sorted().toList();
    }

    @Override
    public List<String> membersOf(String group) {
        return mongo.find(Query.query(Criteria.where("groups").is(group).and("active").is(true)), Document.class,
                USERS).stream().map(d -> d.getString("_id")).sorted().toList();
    }

    private Optional<Document> user(String userId) {
        return Optional.ofNullable(recent.get(UserIds.canonical(userId),
                        id -> mongo.findById(id, Document.class, USERS)))
                .filter(d -> Boolean.TRUE.equals(d.getBoolean("active")));
    }

    @Override
    public void remember(String requestId, List<String> approvers) {
        mongo.save(new Document("_id", requestId).append("approvers", approvers), REQUESTS);
    }

    @Override
    public List<String> approversOf(String requestId) {
        Document found = mongo.findById(requestId, Document.class, REQUESTS);
        return found == null ? List.of() : found.getList("approvers", String.class);
    }
}
