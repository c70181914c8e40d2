package dev.shipgate.approval.it;

import dev.shipgate.contracts.events.BreakGlassReviewChanged;
import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.events.DeploymentBrokeGlass;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/audit} (issue 16, audit): every action and refusal on requests and deploy decisions, with who,
 * through what, when, on what and the result; filtered, paged, as CSV, and only for pipelines the reader may view.
 */
class AuditIT extends ApprovalServiceTestBase {

    private String pipeline;
    private String request;
    private String deployment;
    private Instant beforeApproval;

    @BeforeEach
    void history() {
        pipeline = pipeline("prod", 1, List.of(), false);
        String tag = "a-" + UUID.randomUUID().toString().substring(0, 8);
        String digest = image(tag, "ci-bot");
        awaitImage(pipeline, digest);
        request = http().post("alice", "/api/approval-requests", Map.of("pipelineId", pipeline, "imageDigest",
                digest)).json().path("id").asString();
        assertThat(http().post("alice", "/api/approval-requests/" + request + "/approve", null).reason())
                .isEqualTo("REQUESTER_CANNOT_APPROVE");
        beforeApproval = Instant.now();
        Http.Response token = http().post("bob", "/api/access/tokens", Map.of("name", "bob-script"));
        assertThat(http().postWithAuthorization("Bearer " + token.json().path("accessToken").asString(),
                "/api/approval-requests/" + request + "/approve",
                Map.of("comment", "=HYPERLINK(\"http://evil\"), \"looks fine\"")).status()).isEqualTo(200);
        deployment = "dp-" + UUID.randomUUID();
        topics.publish(new DeploymentRequested(deployment, new PipelineImage(pipeline, "payments", "prod", digest,
                tag), "alice", null, Channel.apiToken("tok-ci", "ci")));
        topics.await(DeploymentAuthorized.class, e -> e.deploymentId().equals(deployment));
    }

    private List<JsonNode> audit(String user, String query) {
        Http.Response answer = http().get(user, "/api/audit" + query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return StreamSupport.stream(answer.json().spliterator(), false).toList();
    }

    @Test
    void a_pipelines_audit_lists_every_action_and_refusal_newest_first_with_who_through_what_and_on_what() {
        List<JsonNode> records = audit("dave", "?pipelineId=" + pipeline);

        assertThat(records).extracting(r -> r.path("actor").asString() + " " + r.path("action").asString() + " "
                + r.path("outcome").asString()).containsExactly(
                "alice DEPLOYED DONE", "bob APPROVED DONE", "alice APPROVE REFUSED", "alice REQUESTED DONE");
        assertThat(records).extracting(r -> r.path("at").asString()).isSortedAccordingTo(
                (a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
        JsonNode deployed = records.get(0);
        assertThat(deployed.path("via").path("kind").asString()).isEqualTo("API_TOKEN");
        assertThat(deployed.path("via").path("id").asString()).isEqualTo("tok-ci");
        assertThat(deployed.path("requestId").asString()).isEqualTo(request);
        assertThat(deployed.path("imageDigest").asString()).startsWith("sha256:");
        JsonNode refused = records.get(2);
        assertThat(refused.path("reason").asString()).isEqualTo("REQUESTER_CANNOT_APPROVE");
        assertThat(refused.path("pipelineId").asString()).isEqualTo(pipeline);
        assertThat(refused.path("via").path("kind").asString()).isEqualTo("SESSION");
    }

    @Test
    void filters_by_user_request_and_time_and_pages_that_neither_overlap_nor_skip() {
        assertThat(audit("dave", "?pipelineId=" + pipeline + "&user=BOB")).extracting(r -> r.path("action")
                .asString()).containsExactly("APPROVED");
        assertThat(audit("dave", "?requestId=" + request)).hasSize(4);
        assertThat(audit("dave", "?pipelineId=" + pipeline + "&from=" + beforeApproval)).extracting(
                r -> r.path("action").asString()).containsExactly("DEPLOYED", "APPROVED");
        assertThat(audit("dave", "?pipelineId=" + pipeline + "&to=" + beforeApproval)).extracting(
                r -> r.path("action").asString()).containsExactly("APPROVE", "REQUESTED");

        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            audit("dave", "?pipelineId=" + pipeline + "&size=2&page=" + page)
                    .forEach(r -> paged.add(r.path("at").asString() + r.path("action").asString()));
        }
        assertThat(paged).containsExactlyElementsOf(audit("dave", "?pipelineId=" + pipeline).stream()
                .map(r -> r.path("at").asString() + r.path("action").asString()).toList());

        // the cursor, on the CSV answer: Link rel=next until the last page, X-Total-Count on each, the same records
        // in the same order as one unpaged read
        List<String> followed = new ArrayList<>();
        Http.Response page = http().get("dave", "/api/audit?pipelineId=" + pipeline + "&size=1&format=csv");
        for (int pages = 0; ; pages++) {
            assertThat(pages).isLessThan(4);
            assertThat(page.header("X-Total-Count")).isEqualTo("4");
            String[] fields = page.body().lines().skip(1).findFirst().orElseThrow().split(",");
            followed.add(fields[0] + fields[2]);
            String link = page.header("Link");
            if (link == null) {
                break;
            }
            page = http().get("dave", link.substring(1, link.indexOf('>')));
        }
        assertThat(followed).containsExactlyElementsOf(audit("dave", "?pipelineId=" + pipeline).stream()
                .map(r -> r.path("at").asString() + r.path("action").asString()).toList());
        assertThat(http().get("dave", "/api/audit?cursor=not-ours").reason()).isEqualTo("INVALID_CURSOR");
        assertThat(http().get("dave", "/api/audit?from=yesterday").status()).isEqualTo(400);
        assertThat(http().get("dave", "/api/audit?page=100&size=500").status()).isEqualTo(400);
    }

    @Test
    void csv_quotes_fields_and_defuses_spreadsheet_formulas_with_accept_or_format() throws Exception {
        HttpResponse<String> byAccept = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/audit?pipelineId=" + pipeline + "&user=bob"))
                .header("Authorization", "Bearer " + TestTokens.forUser("dave"))
                .header("Accept", "text/csv").GET().build(), HttpResponse.BodyHandlers.ofString());
        Http.Response byFormat = http().get("dave", "/api/audit?pipelineId=" + pipeline + "&user=bob&format=csv");

        assertThat(byAccept.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(byFormat.body()).isEqualTo(byAccept.body());
        List<String> lines = byAccept.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("at,actor,action,outcome,reason,detail,viaKind,viaId,viaName,pipelineId,"
                + "requestId,deploymentId,imageDigest,imageTag");
        assertThat(lines).hasSize(2);
        // the comment's comma and quotes are quoted, and the leading '=' is neutralised
        assertThat(lines.get(1)).contains(",bob,APPROVED,DONE,,"
                + "\"'=HYPERLINK(\"\"http://evil\"\"), \"\"looks fine\"\"\",API_TOKEN,");
    }

    @Test
    void readers_see_only_the_pipelines_they_may_view_and_super_admins_see_all() {
        String catalog = "pl-" + UUID.randomUUID();
        topics.publish(new PipelineConfigured(catalog, "shop", "catalog", "prod", "simulated", 0, List.of(), 3600,
                null, false, "MANUAL", false));
        String refused = "dp-" + UUID.randomUUID();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            topics.publish(new DeploymentRequested(refused, new PipelineImage(catalog, "catalog", "prod",
                    "sha256:c", "c1"), "alice", null, Channel.session("s-alice")));
            return topics.events(DeploymentRejected.class, e -> e.deploymentId().equals(refused)
                    && e.reason().equals("NOT_ALLOWED_TO_DEPLOY")).size() > 0;
        });

        List<JsonNode> forAdmin = audit("dave", "?pipelineId=" + catalog);
        assertThat(forAdmin).singleElement().satisfies(r -> {
            assertThat(r.path("action").asString()).isEqualTo("DEPLOY");
            assertThat(r.path("outcome").asString()).isEqualTo("REFUSED");
            assertThat(r.path("reason").asString()).isEqualTo("NOT_ALLOWED_TO_DEPLOY");
            assertThat(r.path("deploymentId").asString()).isEqualTo(refused);
            assertThat(r.path("via").path("id").asString()).isEqualTo("s-alice");
        });
        // erin views shop/payments only: the catalog pipeline is not hers to read, even unfiltered
        assertThat(http().get("erin", "/api/audit?pipelineId=" + catalog).reason()).isEqualTo("UNKNOWN_PIPELINE");
        assertThat(audit("erin", "?size=500")).noneMatch(r -> r.path("pipelineId").asString().equals(catalog))
                .anyMatch(r -> r.path("pipelineId").asString().equals(pipeline));
        assertThat(audit("erin", "?pipelineId=" + pipeline)).hasSize(4);
        assertThat(audit("nobody-" + UUID.randomUUID().toString().substring(0, 6), "")).isEmpty();
    }

    /**
     * Issue 18: deploy-service's break-glass events are audit lines on their pipeline (a redelivered event is still
     * one line), read under the same rule as the rest: erin views shop/payments, so she sees that pipeline's
     * break-glass and review and not the catalog's.
     */
    @Test
    void break_glass_deployments_and_their_reviews_are_audited_for_whoever_may_view_the_pipeline() {
        String catalog = "pl-" + UUID.randomUUID();
        topics.publish(new PipelineConfigured(catalog, "shop", "catalog", "prod", "simulated", 1, List.of(), 3600,
                null, false, "MANUAL", false));
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant due = at.plus(Duration.ofHours(24));
        PipelineImage payments = new PipelineImage(pipeline, "payments", "prod", "sha256:bg", "bg-1");
        PipelineImage catalogImage = new PipelineImage(catalog, "catalog", "prod", "sha256:cg", "cg-1");
        String broken = "dp-" + UUID.randomUUID();
        String rolledBack = "dp-" + UUID.randomUUID();
        DeploymentBrokeGlass broke = new DeploymentBrokeGlass(broken, payments, "mona", "=db down, \"paging\"",
                "INC-7", null, due, at);
        topics.publish(broke);
        topics.publish(broke);
        topics.publish(new BreakGlassReviewChanged(broken, payments, "mona", "=db down", "INC-7", "FLAGGED", "bob",
                "no incident open", due, at.plusSeconds(1)));
        topics.publish(new DeploymentBrokeGlass(rolledBack, catalogImage, "mona", "bad release", null, "dp-old",
                due, at.plusSeconds(2)));
        topics.publish(new BreakGlassReviewChanged(rolledBack, catalogImage, "mona", "bad release", null,
                "OVERDUE", null, null, due, at.plusSeconds(3)));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                audit("dave", "?pipelineId=" + catalog).size() == 2
                        && audit("dave", "?pipelineId=" + pipeline + "&from=" + at).size() == 2);

        List<JsonNode> forAdmin = audit("dave", "?pipelineId=" + pipeline + "&from=" + at);
        assertThat(forAdmin).extracting(r -> r.path("actor").asString() + " " + r.path("action").asString() + " "
                + r.path("outcome").asString())
                .containsExactly("bob BREAK_GLASS_FLAGGED DONE", "mona BREAK_GLASS DONE");
        assertThat(forAdmin.get(1).path("detail").asString())
                .isEqualTo("justification: =db down, \"paging\"; incident: INC-7; review due at " + due);
        assertThat(forAdmin).allSatisfy(r -> {
            assertThat(r.path("deploymentId").asString()).isEqualTo(broken);
            assertThat(r.path("imageDigest").asString()).isEqualTo("sha256:bg");
            assertThat(r.path("requestId").isNull()).isTrue();
        });
        assertThat(audit("dave", "?pipelineId=" + catalog)).extracting(r -> r.path("actor").asString() + " "
                + r.path("action").asString() + " " + r.path("via").path("kind").asString())
                .containsExactly("system BREAK_GLASS_OVERDUE SYSTEM", "mona BREAK_GLASS_ROLLBACK ");
        assertThat(audit("dave", "?pipelineId=" + pipeline + "&user=MONA")).extracting(r -> r.path("action")
                .asString()).containsExactly("BREAK_GLASS");
        assertThat(audit("dave", "?requestId=" + request)).noneMatch(r -> r.path("action").asString()
                .startsWith("BREAK_GLASS"));
        assertThat(audit("erin", "?from=" + at + "&size=500")).filteredOn(r -> r.path("action").asString()
                .startsWith("BREAK_GLASS")).extracting(r -> r.path("deploymentId").asString())
                .containsOnly(broken).hasSize(2);
        assertThat(http().get("erin", "/api/audit?pipelineId=" + catalog).reason()).isEqualTo("UNKNOWN_PIPELINE");
        // the CSV carries them as well
        assertThat(http().get("dave", "/api/audit?pipelineId=" + pipeline + "&user=mona&format=csv").body())
                .contains(",mona,BREAK_GLASS,DONE,,\"justification: =db down");
    }
}
