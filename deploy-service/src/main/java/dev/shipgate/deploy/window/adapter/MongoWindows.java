package dev.shipgate.deploy.window.adapter;

import dev.shipgate.deploy.window.application.Windows;
import dev.shipgate.deploy.window.domain.DeploymentWindow;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.List;
import java.util.Optional;

/** Deployment windows, one document each ({@link WindowDocument}). Few, so every deploy reads them all. */
class MongoWindows implements Windows {

    public static final String COLLECTION = "deployment_windows";

    private final MongoTemplate mongo;

    MongoWindows(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void insert(DeploymentWindow window) {
        mongo.insert(WindowDocument.of(window), COLLECTION);
    }

    @Override
    public Optional<DeploymentWindow> find(String id) {
        return Optional.ofNullable(mongo.findById(id, WindowDocument.class, COLLECTION)).map(WindowDocument::toWindow);
    }

    @Override
    public boolean delete(String id) {
        return mongo.remove(Query.query(Criteria.where("_id").is(id)), COLLECTION).getDeletedCount() > 0;
    }

    @Override
    public List<DeploymentWindow> all() {
        return mongo.findAll(WindowDocument.class, COLLECTION).stream().map(WindowDocument::toWindow).toList();
    }
}
