package dev.shipgate.approval.image.adapter;

import dev.shipgate.approval.image.application.Images;
import dev.shipgate.approval.image.domain.Image;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.contracts.paging.Cursor;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.support.paging.NewestFirst;
import dev.shipgate.support.messaging.Outbox;
import dev.shipgate.support.messaging.OutboxRelay;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

class MongoImages implements Images {

    public static final String COLLECTION = "images";

    private static final NewestFirst NEWEST_FIRST = new NewestFirst("builtAt");

    private final MongoTemplate mongo;
    private final Outbox outbox;

    public MongoImages(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
        // the images page: an application's images newest first; the search by commit
        mongo.indexOps(COLLECTION).createIndex(NEWEST_FIRST.index("application"));
        mongo.indexOps(COLLECTION).createIndex(new Index("commit", Sort.Direction.ASC));
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
    public List<Image> findAll(Collection<String> digests) {
        return digests.isEmpty() ? List.of()
                : mongo.find(Query.query(Criteria.where("_id").in(digests)), Image.class, COLLECTION);
    }

    @Override
    public ListPage<Image> list(ImageFilter filter, PageAt at) {
        return NEWEST_FIRST.read(mongo, criteria(filter), at, Image.class, COLLECTION,
                image -> new Cursor(image.builtAt(), image.digest()));
    }

    static Criteria criteria(ImageFilter filter) {
        List<Criteria> all = new ArrayList<>();
        all.add(Criteria.where("application").is(filter.application()));
        if (filter.tag() != null && !filter.tag().isBlank()) {
            all.add(Criteria.where("tags").regex(Pattern.quote(filter.tag()), "i"));
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            String quoted = Pattern.quote(filter.text());
            all.add(new Criteria().orOperator(Criteria.where("tags").regex(quoted, "i"),
                    Criteria.where("_id").regex(quoted, "i"), Criteria.where("commit").regex("^" + quoted, "i")));
        }
        if (filter.except() != null) {
            all.add(Criteria.where("_id").ne(filter.except()));
        }
        return all.size() == 1 ? all.get(0) : new Criteria().andOperator(all);
    }

    @Override
    public List<String> digestsOfCommit(String prefix, int limit) {
        Query query = Query.query(Criteria.where("commit").regex("^" + Pattern.quote(prefix), "i")).limit(limit);
        query.fields().include("_id");
        return mongo.find(query, Document.class, COLLECTION).stream().map(document -> document.getString("_id"))
                .toList();
    }
}
