package dev.shipgate.system;

import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import dev.shipgate.testing.TopicWatcher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 through the gateway, as real processes: a blackout policy on payments' staging refuses alice's deploy
 * (also a waiting one) with the window's message and when it next opens; once the policy is deleted the same deploy
 * goes on to approval-service.
 */
@ExtendWith(SharedSystem.class)
class DeploymentWindowsIT {

    private static TopicWatcher topics;
    private static Http gateway;

    @BeforeAll
    static void start(RunningSystem system) {
        topics = new TopicWatcher(system.infra, List.of(Topics.IMAGES));
        gateway = new Http(system.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        topics.close();
    }

    @Test
    void a_deploy_inside_a_blackout_is_refused_with_its_message_and_next_opening() {
        String alice = signIn("alice");
        String dave = signIn("dave");
        String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        topics.publish(new ImageBuilt(digest, "registry.local/payments", "3.0.0", "f00d", "payments", "ci-bot",
                Instant.now()));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Http.Response policy = gateway.postWithAuthorization("Bearer " + dave, "/api/deployment-windows", Map.of(
                "kind", "BLACKOUT", "recurrence", "FREQ=DAILY", "duration", "P1D", "timeZone", "UTC",
                "startDate", today.toString(), "endDate", today.toString(), "message", "staging is frozen today",
                "project", "shop", "application", "payments", "environment", "staging"));
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        String windowId = policy.json().path("id").asString();
        try {
            String opens = today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString();

            Http.Response[] refused = new Http.Response[1];
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> { // the image reaches deploy-service
                refused[0] = deploy(alice, digest, "?wait=PT5S");
                return !"UNKNOWN_IMAGE".equals(refused[0].reason());
            });
            assertThat(refused[0].status()).as(refused[0].body()).isEqualTo(409);
            assertThat(refused[0].contentType()).contains("application/problem+json");
            assertThat(refused[0].reason()).isEqualTo("DEPLOY_WINDOW_CLOSED");
            assertThat(refused[0].json().path("detail").asString()).startsWith("staging is frozen today");
            assertThat(refused[0].json().path("nextOpening").asString()).isEqualTo(opens);
            assertThat(deploy(alice, digest, "").reason()).isEqualTo("DEPLOY_WINDOW_CLOSED");

            Http.Response listed = gateway.getWithAuthorization("Bearer " + alice,
                    "/api/pipelines/payments-staging/windows");
            assertThat(listed.body()).contains(windowId);
            Http.Response removed = gateway.deleteWithAuthorization("Bearer " + dave,
                    "/api/deployment-windows/" + windowId);
            assertThat(removed.status()).isEqualTo(204);
        } finally { // staging stays frozen for every class after this one otherwise
            gateway.deleteWithAuthorization("Bearer " + dave, "/api/deployment-windows/" + windowId);
        }
        Http.Response decided = deploy(alice, digest, "?wait=PT10S");
        assertThat(decided.reason()).as(decided.body()).isEqualTo("NO_APPROVAL"); // approval-service's turn now
    }

    private static Http.Response deploy(String token, String digest, String query) {
        return gateway.postWithAuthorization("Bearer " + token, "/api/pipelines/payments-staging/deployments" + query,
                Map.of("imageDigest", digest));
    }

    private static String signIn(String user) {
        Http.Response token = gateway.post(null, "/api/auth/token", Map.of("username", user,
                "password", "shipgate-demo"));
        assertThat(token.status()).as("sign-in of %s", user).isEqualTo(200);
        return token.json().path("accessToken").asString();
    }
}
