package dev.shipgate.approval.audit.adapter;

import dev.shipgate.approval.shared.CollectionNames;
import com.mongodb.client.model.ReplaceOptions;
import dev.shipgate.approval.audit.application.AuditLog;
import dev.shipgate.approval.audit.application.BreakGlassTrail;
import dev.shipgate.approval.audit.application.AuditQuery;
import dev.shipgate.approval.audit.domain.AuditRecord;
import dev.shipgate.approval.audit.domain.AuditRecord.Outcome;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.Channel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit read where the facts already are, so nothing is written twice and nothing can disagree:
 * <ul>
 *   <li>what was done on a request: its history, kept in the request document by the same atomic update that made
 *       the change (DESIGN: no multi-document transactions, so a separate audit collection could only be filled
 *       after the fact, by a relay, and could miss or repeat a line);</li>
 *   <li>refused commands on requests: {@link MongoRefusedAttempts}, one insert each;</li>
 *   <li>deploy decisions that no request carries (rejections, pipelines without approval):
 *       {@link MongoDeployDecisions}, one insert each. A rejection caused by a refused use of a request is shown
 *       once, as that request's refused DEPLOY attempt.</li>
 *   <li>break-glass deployments and their reviews: deploy-service keeps them and tells of them in events only, so
 *       their lines ({@link dev.shipgate.approval.audit.domain.BreakGlassLines}) are kept here, one document per
 *       line under its key (a redelivered event replaces its own line).</li>
 * </ul>
 * Each source is read newest first up to the limit and the four are merged; a count is the four counts' sum.
 */
class MongoAuditLog implements AuditLog, BreakGlassTrail {

    static final String BREAK_GLASS = "audit_break_glass";

    private final MongoTemplate mongo;

    public MongoAuditLog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public List<AuditRecord> newest(AuditQuery query, int limit) {
        List<AuditRecord> all = new ArrayList<>();
        all.addAll(done(query, limit));
        all.addAll(refused(query, limit));
        all.addAll(decisions(query, limit));
        all.addAll(breakGlass(query, limit));
        all.sort(AuditRecord.NEWEST_FIRST);
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
    }

    @Override
    public long count(AuditQuery query) {
        List<Bson> lines = new ArrayList<>(doneLines(query));
        lines.add(new Document("$group", new Document("_id", null).append("n", new Document("$sum", 1))));
        Document counted = mongo.getCollection(CollectionNames.APPROVAL_REQUESTS).aggregate(lines).first();
        long done = counted == null ? 0 : ((Number) counted.get("n")).longValue();
        long decisions = query.requestId() != null ? 0
                : mongo.getCollection(CollectionNames.DEPLOY_DECISIONS).countDocuments(decisionFilter(query));
        long breakGlass = query.requestId() != null ? 0
                : mongo.getCollection(BREAK_GLASS).countDocuments(breakGlassFilter(query));
        return done + mongo.getCollection(CollectionNames.APPROVAL_REFUSALS).countDocuments(refusalFilter(query))
                + decisions + breakGlass;
    }

    @Override
    public Map<String, Scope> pipelineScopes() {
        Map<String, Scope> scopes = new HashMap<>();
        for (Document pipeline : mongo.getCollection(CollectionNames.PIPELINES).find()
                .projection(new Document("project", 1).append("application", 1).append("environment", 1))) {
            scopes.put(pipeline.getString("_id"), new Scope(pipeline.getString("project"),
                    pipeline.getString("application"), pipeline.getString("environment")));
        }
        return scopes;
    }

    /** The requests' history lines that match, one document each ({@code history}: the line, {@code line}: index). */
    private static List<Bson> doneLines(AuditQuery query) {
        List<Bson> pipeline = new ArrayList<>();
        Document byRequest = new Document();
        pipelineFilter(query, "image.pipelineId", byRequest);
        if (query.requestId() != null) {
            byRequest.append("_id", query.requestId());
        }
        pipeline.add(new Document("$match", byRequest));
        pipeline.add(new Document("$unwind", new Document("path", "$history").append("includeArrayIndex", "line")));
        Document byLine = new Document();
        timeAndActor(query, "history.at", "history.actor", byLine);
        pipeline.add(new Document("$match", byLine));
        return pipeline;
    }

    private List<AuditRecord> done(AuditQuery query, int limit) {
        List<Bson> pipeline = new ArrayList<>(doneLines(query));
        pipeline.add(new Document("$sort", new Document("history.at", -1)));
        pipeline.add(new Document("$limit", limit));
        List<AuditRecord> records = new ArrayList<>();
        for (Document found : mongo.getCollection(CollectionNames.APPROVAL_REQUESTS).aggregate(pipeline)) {
            Document line = found.get("history", Document.class);
            Document image = found.get("image", Document.class);
            records.add(new AuditRecord(at(line), line.getString("actor"), line.getString("action"), Outcome.DONE,
                    null, detail(line), channel(line), image.getString("pipelineId"),
                    found.getString("_id"), null, image.getString("digest"), image.getString("tag"),
                    "r:" + found.getString("_id") + ":" + String.format("%06d", ((Number) found.get("line"))
                            .longValue())));
        }
        return records;
    }

    /** A history line's comment, said to come from a deputy when it did ("deputy of alice: ..."). */
    private static String detail(Document line) {
        String comment = line.getString("comment");
        String deputyOf = line.getString("deputyOf");
        if (deputyOf == null) {
            return comment;
        }
        return "deputy of " + deputyOf + (comment == null ? "" : ": " + comment);
    }

    private static Document refusalFilter(AuditQuery query) {
        Document filter = new Document();
        pipelineFilter(query, "pipelineId", filter);
        if (query.requestId() != null) {
            filter.append("requestId", query.requestId());
        }
        timeAndActor(query, "at", "actor", filter);
        return filter;
    }

    private List<AuditRecord> refused(AuditQuery query, int limit) {
        List<AuditRecord> records = new ArrayList<>();
        for (Document found : mongo.getCollection(CollectionNames.APPROVAL_REFUSALS).find(refusalFilter(query))
                .sort(new Document("at", -1)).limit(limit)) {
            records.add(new AuditRecord(at(found), found.getString("actor"), found.getString("action"),
                    Outcome.REFUSED, found.getString("reason"), found.getString("message"), channel(found),
                    found.getString("pipelineId"), found.getString("requestId"), null, found.getString("digest"),
                    found.getString("tag"), "a:" + found.get("_id")));
        }
        return records;
    }

    private List<AuditRecord> decisions(AuditQuery query, int limit) {
        if (query.requestId() != null) {
            return List.of(); // decisions with a request are audited as that request's lines
        }
        List<AuditRecord> records = new ArrayList<>();
        for (Document found : mongo.getCollection(CollectionNames.DEPLOY_DECISIONS).find(decisionFilter(query))
                .sort(new Document("at", -1)).limit(limit)) {
            boolean rejected = found.getString("reason") != null;
            records.add(new AuditRecord(at(found), found.getString("requestedBy"), "DEPLOY",
                    rejected ? Outcome.REFUSED : Outcome.DONE, found.getString("reason"),
                    rejected ? found.getString("message") : "no approval needed on this pipeline", channel(found),
                    found.getString("pipelineId"), null, found.getString("_id"), found.getString("digest"),
                    found.getString("tag"), "d:" + found.getString("_id")));
        }
        return records;
    }

    private static Document decisionFilter(AuditQuery query) {
        Document filter = new Document("requestId", null).append("pipelineId", new Document("$ne", null));
        pipelineFilter(query, "pipelineId", filter);
        timeAndActor(query, "at", "requestedBy", filter);
        return filter;
    }

    @Override
    public void keep(AuditRecord line) {
        Document via = line.via() == null ? null : new Document("kind", line.via().kind().name())
                .append("id", line.via().id()).append("name", line.via().name());
        Document document = new Document("_id", line.key()).append("at", Date.from(line.at()))
                .append("actor", line.actor()).append("action", line.action()).append("detail", line.detail())
                .append("via", via).append("pipelineId", line.pipelineId())
                .append("deploymentId", line.deploymentId()).append("digest", line.imageDigest())
                .append("tag", line.imageTag());
        mongo.getCollection(BREAK_GLASS).replaceOne(new Document("_id", line.key()), document,
                new ReplaceOptions().upsert(true));
    }

    private List<AuditRecord> breakGlass(AuditQuery query, int limit) {
        if (query.requestId() != null) {
            return List.of(); // break-glass uses no request
        }
        List<AuditRecord> records = new ArrayList<>();
        for (Document found : mongo.getCollection(BREAK_GLASS).find(breakGlassFilter(query))
                .sort(new Document("at", -1)).limit(limit)) {
            records.add(new AuditRecord(at(found), found.getString("actor"), found.getString("action"), Outcome.DONE,
                    null, found.getString("detail"), channel(found), found.getString("pipelineId"), null,
                    found.getString("deploymentId"), found.getString("digest"), found.getString("tag"),
                    found.getString("_id")));
        }
        return records;
    }

    private static Document breakGlassFilter(AuditQuery query) {
        Document filter = new Document();
        pipelineFilter(query, "pipelineId", filter);
        timeAndActor(query, "at", "actor", filter);
        return filter;
    }

    private static void pipelineFilter(AuditQuery query, String field, Document filter) {
        List<Document> conditions = new ArrayList<>();
        if (query.pipelineIds() != null) {
            conditions.add(new Document(field, new Document("$in", List.copyOf(query.pipelineIds()))));
        }
        if (query.pipelineId() != null) {
            conditions.add(new Document(field, query.pipelineId()));
        }
        if (!conditions.isEmpty()) {
            filter.append("$and", conditions);
        }
    }

    private static void timeAndActor(AuditQuery query, String timeField, String actorField, Document filter) {
        Document time = new Document();
        if (query.from() != null) {
            time.append("$gte", Date.from(query.from()));
        }
        if (query.to() != null) {
            time.append("$lt", Date.from(query.to()));
        }
        if (!time.isEmpty()) {
            filter.append(timeField, time);
        }
        if (query.user() != null) {
            filter.append(actorField, query.user());
        }
    }

    private static java.time.Instant at(Document document) {
        return document.getDate("at").toInstant();
    }

    private static Channel channel(Document document) {
        Document via = document.get("via", Document.class);
        if (via == null || via.getString("kind") == null) {
            return null;
        }
        // Spring Data stores a nested property named id as _id; the decisions are written raw, with id
        String id = via.containsKey("_id") ? via.getString("_id") : via.getString("id");
        return new Channel(Channel.Kind.valueOf(via.getString("kind")), id, via.getString("name"));
    }
}
