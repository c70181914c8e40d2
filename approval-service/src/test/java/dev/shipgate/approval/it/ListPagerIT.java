package dev.shipgate.approval.it;

import dev.shipgate.testing.Http;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lists of issue 17 through HTTP: every item reachable through the pager ({@code Link: <...>; rel="next"}),
 * the total in {@code X-Total-Count}, search by tag, digest and commit, and a requester's own open requests. The
 * reported case: carol saw 15 of the 32 requests waiting for her.
 */
class ListPagerIT extends ApprovalServiceTestBase {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Test
    void thirty_two_requests_waiting_for_carol_and_sixty_five_images_are_all_reached_through_the_pager() {
        String pipeline = pipeline("prod", 2, List.of(), false);
        // the test classes share one database, and a pipeline lists its application's images: count from here
        int before = total("/api/pipelines/" + pipeline + "/images?size=1");
        int beforeOfCommit = total("/api/pipelines/" + pipeline + "/images?q=ABC123&size=1");
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            digests.add(image("7.0." + i, "ci-bot"));
        }
        awaitImage(pipeline, digests.get(64));
        awaitImage(pipeline, digests.get(0));
        Set<String> requested = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String id = http().post("alice", "/api/approval-requests", Map.of("pipelineId", pipeline,
                    "imageDigest", digests.get(i))).json().path("id").asString();
            requested.add(id);
            if (i >= 32) { // carol votes on 8 of them: 32 still wait for her
                http().post("carol", "/api/approval-requests/" + id + "/approve", null);
                requested.remove(id);
            }
        }

        Http.Response first = http().get("carol", "/api/approval-requests/pending-my-approval?pipelineId="
                + pipeline + "&size=20");
        assertThat(first.header("X-Total-Count")).isEqualTo("32");
        assertThat(first.json().size()).isEqualTo(20);
        List<String> reached = all("carol", first);
        assertThat(reached).hasSize(32).doesNotHaveDuplicates();
        assertThat(new HashSet<>(reached)).isEqualTo(requested);
        assertThat(http().get("carol", "/api/approval-requests/pending-my-approval?pipelineId=" + pipeline
                + "&size=20&page=1").json().size()).isEqualTo(12);

        Http.Response images = http().get("erin", "/api/pipelines/" + pipeline + "/images?size=20");
        assertThat(images.header("X-Total-Count")).isEqualTo(Integer.toString(before + 65));
        List<String> allImages = all("erin", images);
        assertThat(allImages).hasSize(before + 65).doesNotHaveDuplicates().containsAll(digests);

        assertThat(ids(http().get("erin", "/api/pipelines/" + pipeline + "/images?q=7.0.17"))).hasSize(1);
        assertThat(http().get("erin", "/api/pipelines/" + pipeline + "/images?q=" + digests.get(3).substring(7, 30))
                .json().get(0).path("digest").asString()).isEqualTo(digests.get(3));
        assertThat(http().get("erin", "/api/pipelines/" + pipeline + "/images?q=ABC123&size=5")
                .header("X-Total-Count")).isEqualTo(Integer.toString(beforeOfCommit + 65)); // this test's commit
        assertThat(http().get("erin", "/api/approval-requests?pipelineId=" + pipeline + "&q=7.0.39")
                .json().size()).isEqualTo(1);

        Http.Response mine = http().get("alice", "/api/approval-requests?pipelineId=" + pipeline
                + "&requester=me&status=PENDING&status=APPROVED&size=100");
        assertThat(mine.header("X-Total-Count")).isEqualTo("40");
        assertThat(http().get("bob", "/api/approval-requests?pipelineId=" + pipeline + "&requester=me")
                .header("X-Total-Count")).isEqualTo("0");
        assertThat(http().get("erin", "/api/pipelines/" + pipeline + "/images?cursor=not-ours").status())
                .isEqualTo(400);
    }

    /** Every id of the list, following its Link headers from {@code first}. */
    private int total(String path) {
        return Integer.parseInt(http().get("erin", path).header("X-Total-Count"));
    }

    private List<String> all(String user, Http.Response first) {
        List<String> ids = new ArrayList<>();
        Http.Response page = first;
        for (int pages = 0; pages < 20; pages++) {
            page.json().forEach(item -> ids.add(item.has("id") ? item.path("id").asString()
                    : item.path("digest").asString()));
            String link = page.header("Link");
            if (link == null) {
                return ids;
            }
            Matcher next = NEXT.matcher(link);
            assertThat(next.find()).as(link).isTrue();
            page = http().get(user, next.group(1));
        }
        throw new AssertionError("more than 20 pages");
    }

    private static List<String> ids(Http.Response response) {
        List<String> ids = new ArrayList<>();
        response.json().forEach(node -> ids.add(node.path("digest").asString()));
        return ids;
    }
}
