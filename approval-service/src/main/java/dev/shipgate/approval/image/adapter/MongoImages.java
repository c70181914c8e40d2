package dev.shipgate.approval.image.adapter;

import dev.shipgate.approval.image.application.Images;
import dev.shipgate.approval.image.domain.Image;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

public class MongoImages implements Images {

    public static final String COLLECTION = "images";

    private final MongoTemplate mongo;

    public MongoImages(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void record(Image image) {
        // one atomic upsert: the first arrival sets who built it; later ones only add their tag
        Update update = new Update()
                .setOnInsert("digest", image.digest())
                .setOnInsert("repository", image.repository())
                .setOnInsert("commit", image.commit())
                .setOnInsert("application", image.application())
                .setOnInsert("builtBy", image.builtBy())
                .setOnInsert("builtAt", image.builtAt())
                .addToSet("tags").each(image.tags().toArray());
        mongo.findAndModify(Query.query(Criteria.where("_id").is(image.digest())), update,
                FindAndModifyOptions.options().upsert(true), Image.class, COLLECTION);
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
