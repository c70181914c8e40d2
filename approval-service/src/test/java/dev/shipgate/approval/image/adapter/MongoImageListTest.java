package dev.shipgate.approval.image.adapter;

import com.mongodb.client.MongoClients;
import dev.shipgate.approval.image.application.Images.ImageFilter;
import dev.shipgate.approval.image.domain.Image;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.runtime.SharedInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The images page's query on the MongoDB-compatible server run as a real process: filter first, then page. */
class MongoImageListTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final MongoTemplate mongo = new MongoTemplate(MongoClients.create(SharedInfra.get().mongoUri()),
            "image-list-" + UUID.randomUUID());
    private final MongoImages images = new MongoImages(mongo, null);

    @AfterEach
    void drop() {
        mongo.getDb().drop();
    }

    @Test
    void sixty_five_images_are_all_reached_twenty_at_a_time_newest_first_with_their_total() {
        for (int i = 0; i < 65; i++) {
            record("payments", i);
            record("orders", i);
        }
        ImageFilter payments = new ImageFilter("payments", null, null, null);

        List<String> reached = new ArrayList<>();
        ListPage<Image> page = images.list(payments, PageAt.first(20));
        int pages = 1;
        reached.addAll(digests(page));
        while (page.next() != null) {
            page = images.list(payments, new PageAt(page.next(), 0, 20));
            reached.addAll(digests(page));
            pages++;
            assertThat(page.total()).isEqualTo(65);
        }

        assertThat(pages).isEqualTo(4);
        assertThat(reached).hasSize(65).doesNotHaveDuplicates().startsWith(digest("payments", 64))
                .endsWith(digest("payments", 0));
        assertThat(digests(images.list(payments, PageAt.of(null, 3, 20)))).hasSize(5)
                .endsWith(digest("payments", 0));
    }

    @Test
    void the_search_finds_an_image_by_tag_digest_or_commit_and_the_active_one_can_be_left_out() {
        for (int i = 0; i < 30; i++) {
            record("payments", i);
        }

        assertThat(digests(images.list(search("V1.0.17"), PageAt.first(20)))).containsExactly(digest("payments", 17));
        assertThat(digests(images.list(search(digest("payments", 5).substring(7, 20)), PageAt.first(20))))
                .containsExactly(digest("payments", 5));
        ListPage<Image> byCommit = images.list(search("C0FFEE21"), PageAt.first(20));
        assertThat(digests(byCommit)).containsExactly(digest("payments", 21));
        assertThat(byCommit.total()).isEqualTo(1);
        assertThat(images.digestsOfCommit("c0ffee2", 100)).hasSize(10);
        assertThat(images.list(new ImageFilter("payments", null, null, digest("payments", 29)), PageAt.first(20))
                .total()).isEqualTo(29);
    }

    private static ImageFilter search(String text) {
        return new ImageFilter("payments", null, text, null);
    }

    private void record(String application, int i) {
        images.record(new Image(digest(application, i), "registry.local/" + application, List.of("v1.0." + i),
                String.format("c0ffee%02d%s", i, "0".repeat(32)), application, "ci-bot", T0.plusSeconds(i)));
    }

    private static String digest(String application, int i) {
        return "sha256:" + UUID.nameUUIDFromBytes((application + i).getBytes()).toString().replace("-", "");
    }

    private static List<String> digests(ListPage<Image> page) {
        return page.items().stream().map(Image::digest).toList();
    }
}
