package dev.shipgate.deploy.replica.adapter;

import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.deploy.replica.application.ImageReplica;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The images CI reported, as the images topic carries them, by digest. */
class MongoImageReplica implements ImageReplica {

    public static final String COLLECTION = "images";

    private final MongoTemplate mongo;

    MongoImageReplica(MongoTemplate mongo) {
        this.mongo = mongo;
        // the deployment history's search by commit
        mongo.indexOps(COLLECTION).createIndex(new Index("image.commit", Sort.Direction.ASC));
    }

    @Override
    public void apply(ImageBuilt image) {
        mongo.save(new StoredImage(image.digest(), image), COLLECTION);
    }

    @Override
    public Optional<ImageBuilt> find(String digest) {
        return Optional.ofNullable(mongo.findById(digest, StoredImage.class, COLLECTION)).map(StoredImage::image);
    }

    @Override
    public List<String> digestsOfCommit(String prefix, int limit) {
        Query query = Query.query(Criteria.where("image.commit").regex("^" + Pattern.quote(prefix), "i")).limit(limit);
        query.fields().include("_id");
        return mongo.find(query, Document.class, COLLECTION).stream().map(found -> found.getString("_id")).toList();
    }

    record StoredImage(String id, ImageBuilt image) {
    }
}
