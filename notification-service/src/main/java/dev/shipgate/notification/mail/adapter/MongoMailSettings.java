package dev.shipgate.notification.mail.adapter;

import dev.shipgate.notification.mail.application.MailSettings;
import dev.shipgate.notification.mail.domain.SmtpSettings;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Optional;

class MongoMailSettings implements MailSettings {

    static final String COLLECTION = "settings";
    static final String ID = "smtp";

    private final MongoTemplate mongo;

    MongoMailSettings(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    record Stored(String id, SmtpSettings smtp) {
    }

    @Override
    public Optional<SmtpSettings> current() {
        return Optional.ofNullable(mongo.findById(ID, Stored.class, COLLECTION)).map(Stored::smtp);
    }

    @Override
    public void save(SmtpSettings settings) {
        mongo.save(new Stored(ID, settings), COLLECTION);
    }
}
