package dev.shipgate.approval.it;

import dev.shipgate.approval.shared.CollectionNames;
import dev.shipgate.approval.access.application.AccessService;
import dev.shipgate.approval.access.application.AccessStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15, item 2, for stored data: users stored under an id that is not canonical move once, at start-up. */
class UserIdMigrationIT extends ApprovalServiceTestBase {

    @Autowired
    AccessStore store;

    @Autowired
    AccessService access;

    @Autowired
    MongoTemplate mongo;

    @Test
    void a_user_stored_under_a_spelled_id_moves_to_the_canonical_id_and_a_clash_is_set_aside_once() {
        String spelled = "Frank-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        mongo.getCollection(CollectionNames.USERS).insertOne(user(spelled, "frank@example.com"));
        mongo.getCollection(CollectionNames.USERS).insertOne(user("BOB", "impostor@example.com"));

        List<String> moved = store.canonicaliseUserIds();

        assertThat(moved).contains(spelled, "BOB");
        assertThat(store.canonicaliseUserIds()).as("a second run finds nothing to move").isEmpty();
        assertThat(access.find(spelled.toLowerCase())).hasValueSatisfying(found ->
                assertThat(found.user().email()).isEqualTo("frank@example.com"));
        assertThat(mongo.getCollection(CollectionNames.USERS).find(new Document("_id", spelled)).first()).isNull();
        assertThat(access.find("bob")).as("the real bob is kept as he was").hasValueSatisfying(found ->
                assertThat(found.user().email()).isEqualTo("bob@example.com"));
        assertThat(mongo.getCollection(CollectionNames.USERS_WITH_CLASHING_IDS).find(new Document("_id", "BOB"))
                .first()).as("the clashing record is set aside, not merged").isNotNull();
    }

    private static Document user(String id, String email) {
        return new Document("_id", id).append("email", email).append("displayName", id).append("active", true)
                .append("groups", List.of()).append("grants", List.of());
    }
}
