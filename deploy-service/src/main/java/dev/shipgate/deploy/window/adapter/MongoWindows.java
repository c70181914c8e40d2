package dev.shipgate.deploy.window.adapter;

import dev.shipgate.deploy.window.application.Windows;
import dev.shipgate.deploy.window.domain.DeploymentWindow;
import dev.shipgate.support.cache.ShortLivedCache;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.List;
import java.util.Optional;

/**
 * Deployment windows, one document each ({@link WindowDocument}). Few, so every deploy reads them all, from a copy kept
 * for the cache lifetime: a change through this instance is seen at once, one through another instance within that
 * lifetime.
 */
class MongoWindows implements Windows {

    public static final String COLLECTION = "deployment_windows";

    private static final String ALL = "all";

    private final MongoTemplate mongo;
    private final ShortLivedCache<String, List<DeploymentWindow>> cached;

    MongoWindows(MongoTemplate mongo, ShortLivedCache<String, List<DeploymentWindow>> cached) {
        this.mongo = mongo;
        this.cached = cached;
    }

    @Override
    public void insert(DeploymentWindow window) {
        mongo.insert(WindowDocument.of(window), COLLECTION);
        cached.forget(ALL);
    }

    @Override
    public Optional<DeploymentWindow> find(String id) {
        return Optional.ofNullable(mongo.findById(id, WindowDocument.class, COLLECTION)).map(WindowDocument::toWindow);
    }

    @Override
    public boolean delete(String id) {
        boolean deleted = mongo.remove(Query.query(Criteria.where("_id").is(id)), COLLECTION).getDeletedCount() > 0;
        cached.forget(ALL);
        return deleted;
    }

    @Override
    public List<DeploymentWindow> all() {
        return cached.get(ALL, all -> mongo.findAll(WindowDocument.class, COLLECTION).stream()
                .map(WindowDocument::toWindow).toList());
    }
}
