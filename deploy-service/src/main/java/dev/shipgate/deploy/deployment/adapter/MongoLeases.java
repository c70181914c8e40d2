package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.deploy.deployment.application.Lease;
import dev.shipgate.deploy.deployment.application.Leases;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Leases as documents {@code {_id: key, holder, until}}, one per key, never deleted (a released lease has run out).
 * Taking and renewing is one multi-document update whose filter is {@link Lease}'s rule ({@code holder} is the owner
 * or {@code until <= now}); MongoDB applies it to each document atomically, so of two instances asking at once only
 * the first matches. When it matched every key (the usual case: an instance renewing what it holds) that is the only
 * command; else one read tells whose the others are, and a key without a document yet is inserted (the unique
 * {@code _id} lets one of two inserts through).
 */
class MongoLeases implements Leases {

    private final MongoTemplate mongo;
    private final String collection;

    public MongoLeases(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    @Override
    public Map<String, Lease> hold(Collection<String> keys, String owner, Instant now, Instant until) {
        Set<String> wanted = Set.copyOf(keys);
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Date end = Date.from(until);
        Query takeable = Query.query(Criteria.where("_id").in(wanted).orOperator(
                Criteria.where("holder").is(owner), Criteria.where("until").lte(Date.from(now))));
        long matched = mongo.updateMulti(takeable, new Update().set("holder", owner).set("until", end), collection)
                .getMatchedCount();
        Map<String, Lease> leases = new HashMap<>();
        if (matched == wanted.size()) {
            wanted.forEach(key -> leases.put(key, new Lease(owner, end.toInstant())));
            return leases;
        }
        for (Document lease : mongo.find(Query.query(Criteria.where("_id").in(wanted)), Document.class, collection)) {
            leases.put(lease.getString("_id"),
                    new Lease(lease.getString("holder"), lease.getDate("until").toInstant()));
        }
        for (String key : wanted) {
            if (!leases.containsKey(key)) {
                leases.put(key, insertOrRead(key, owner, end));
            }
        }
        return leases;
    }

    private Lease insertOrRead(String key, String owner, Date until) {
        try {
            mongo.insert(new Document("_id", key).append("holder", owner).append("until", until), collection);
            return new Lease(owner, until.toInstant());
        } catch (DuplicateKeyException takenMeanwhile) {
            Document lease = mongo.findById(key, Document.class, collection);
            return new Lease(lease.getString("holder"), lease.getDate("until").toInstant());
        }
    }

    @Override
    public void release(Collection<String> keys, String owner) {
        if (keys.isEmpty()) {
            return;
        }
        mongo.updateMulti(Query.query(Criteria.where("_id").in(Set.copyOf(keys)).and("holder").is(owner)),
                new Update().set("until", new Date(0)), collection);
    }
}
