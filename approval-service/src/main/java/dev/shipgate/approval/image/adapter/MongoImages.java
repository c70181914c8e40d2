package dev.shipgate.approval.image.adapter;

import dev.shipgate.approval.image.application.Images;
import dev.shipgate.approval.image.domain.Image;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.support.messaging.Outbox;
import dev.shipgate.support.messaging.OutboxRelay;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

class MongoImages implements Images {

    public static final String COLLECTION = "images";

    private final MongoTemplate mongo;
    private final Outbox outbox;

    public MongoImages(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    @Override
    public Image record(Image image) {
        return mongo.getConverter().read(Image.class, upsert(image, firstArrival(image)));
    }

    @Override
    public Image recordAndPublish(Image image, ImageBuilt event) {
        // the event goes into the outbox only when this upsert inserts the image: one event per digest
        Document stored = upsert(image, firstArrival(image).setOnInsert(OutboxRelay.OUTBOX_FIELD,
                outbox.entries(List.of(event))));
        List<Document> outboxAfterWrite = stored.getList(OutboxRelay.OUTBOX_FIELD, Document.class, List.of());
        if (!outboxAfterWrite.isEmpty()) {
            outbox.flushSoon(COLLECTION, image.digest(), outboxAfterWrite);
        }
        return mongo.getConverter().read(Image.class, stored);
    }

    /** The image as this upsert left it, outbox included: neither the caller nor the relay read it again. */
    private Document upsert(Image image, Update update) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(image.digest())), update,
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
    }

    /** One atomic upsert: the first arrival sets who built it; later ones only add their tag. */
    private static Update firstArrival(Image image) {
        return new Update()
                .setOnInsert("digest", image.digest())
                .setOnInsert("repository", image.repository())
                .setOnInsert("commit", image.commit())
                .setOnInsert("application", image.application())
                .setOnInsert("builtBy", image.builtBy())
                .setOnInsert("builtAt", image.builtAt())
                .addToSet("tags").each(image.tags().toArray());
    }

    @Override
    public Optional<Image> find(String digest) {
        return Optional.ofNullable(mongo.findById(digest, Image.class, COLLECTION));
    }

    @Override
    public List<Image> forApplication(String application, String tagFilter, int page, int size) {
        Criteria criteria = Criteria.where("application").is(application);
        if (tagFilter != null && !tagFilter.isBlank()) {
            criteria.and("tags").regex(Pattern.quote(tagFilter), "i");
        }
        Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "builtAt"))
                .skip((long) page * size).limit(size);
        return mongo.find(query, Image.class, COLLECTION);
    }
}
