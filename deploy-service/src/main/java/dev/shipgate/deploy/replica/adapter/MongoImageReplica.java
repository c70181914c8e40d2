package dev.shipgate.deploy.replica.adapter;

import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.deploy.replica.application.ImageReplica;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Optional;

class MongoImageReplica implements ImageReplica {

    public static final String COLLECTION = "images";

    private final MongoTemplate mongo;

    MongoImageReplica(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void apply(ImageBuilt image) {
        mongo.save(new StoredImage(image.digest(), image), COLLECTION);
    }

    @Override
    public Optional<ImageBuilt> find(String digest) {
        return Optional.ofNullable(mongo.findById(digest, StoredImage.class, COLLECTION)).map(StoredImage::image);
    }

    record StoredImage(String id, ImageBuilt image) {
    }
}
