package dev.shipgate.approval.it;

import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.testing.Http;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, time-boxed grants through the access API: {@code until} is stored, shown and published; the grant stops
 * counting at its end with nobody acting, and the audit shows that it ended.
 */
class TimeBoxedGrantIT extends ApprovalServiceTestBase {

    @Test
    void a_grant_with_an_end_is_shown_published_stops_counting_and_is_audited_as_ended() {
        // long enough for the write, the event and the first read on a loaded machine (10 s were not at load 20)
        Instant until = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> onCall = Map.of("role", "IMAGE_APPROVER", "project", "shop", "application", "payments",
                "environment", "*", "until", until.toString());
        Map<String, Object> view = Map.of("role", "VIEW", "project", "shop", "application", "payments",
                "environment", "*");
        Http.Response put = http().put("dave", "/api/access/users/gina", Map.of("email", "gina@example.com",
                "displayName", "Gina", "active", true, "groups", List.of(), "roles", List.of(onCall, view)));
        assertThat(put.status()).as(put.body()).isEqualTo(200);

        assertThat(http().get("dave", "/api/access/users").body()).contains("\"until\":\"" + until + "\"");
        UserAccessChanged published = topics.await(UserAccessChanged.class, e -> e.userId().equals("gina"));
        assertThat(published.roles()).anySatisfy(binding -> assertThat(binding.until()).isEqualTo(until));
        assertThat(http().get("gina", "/api/access/me").body()).contains("IMAGE_APPROVER");

        Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> Instant.now().isAfter(until));
        assertThat(http().get("gina", "/api/access/me").body()).doesNotContain("IMAGE_APPROVER");
        Http.Response audit = http().get("dave", "/api/audit?user=gina");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().get(0).path("action").asString()).isEqualTo("GRANT_ENDED");
        assertThat(audit.json().get(0).path("at").asString()).isEqualTo(until.toString());
    }
}
