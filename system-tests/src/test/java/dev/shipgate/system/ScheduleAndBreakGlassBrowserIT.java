package dev.shipgate.system;

import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.shipgate.system.ApprovalFlows.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18's screens in a real browser (headless Chromium) on the shared system, on a pipeline of its own with a
 * break-glass policy: alice schedules an approved image from Select Image (at the time the dialog offers, an hour
 * ahead; "next window opening" is refused at once because no window holds the pipeline), sees it PENDING on App
 * Details and cancels it; mona deploys an unapproved image from the Images tab by breaking the glass with a
 * justification, and App Details marks the deployment as break-glass with its review open. Screenshots
 * (target/screenshots/22-*, 23-*) show each screen.
 */
@ExtendWith(SharedSystem.class)
class ScheduleAndBreakGlassBrowserIT {

    private static Http gateway;
    private static ApprovalFlows flows;
    private static Browser browser;

    @BeforeAll
    static void start(RunningSystem system) throws Exception {
        gateway = new Http(system.gatewayUrl());
        flows = new ApprovalFlows(gateway, new Http(system.infra.inboxUrl()));
        browser = new Browser(system.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Issue 17: the Images tab finds an image by part of its tag among all of the application's, in place. */
    @Test
    void the_images_tab_searches_by_tag_and_says_when_nothing_matches() throws Exception {
        String tag = "find" + UUID.randomUUID().toString().substring(0, 6);
        String pipeline = flows.createPipeline(tag, Map.of());
        String wanted = flows.reportImage(tag + "-wanted");
        String other = flows.reportImage(tag + "-other");

        browser.signIn("alice");
        browser.open("#/pipelines/" + pipeline + "/images");
        browser.await(By.id("image-list-search")).sendKeys(tag + "-WANT"); // any case
        browser.await(By.cssSelector("#image-list tr[data-digest='" + wanted + "']"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                browser.driver.findElements(By.cssSelector("#image-list tr[data-digest]")).size() == 1);
        assertThat(browser.isPresent(By.cssSelector("tr[data-digest='" + other + "']"))).isFalse();
        browser.screenshot("24-images-search");

        browser.driver.findElement(By.id("image-list-search")).sendKeys("-no-such-image");
        browser.awaitText(By.id("image-list-none"), "Nothing matches");
    }

    /**
     * Issue 17: the Audit screen as erin (a viewer: the audit of the pipelines she may view), on audit lines of a
     * pipeline of its own: alice's request, her refused vote on it, bob's approval and mona's break-glass deployment.
     * Filtered to the pipeline, two lines a page, "Older" follows the cursor through the same records as the API's
     * pages; refusals and break-glass are marked; typed markup stays text; the form filters by user; CSV of the filter.
     */
    @Test
    void the_audit_screen_filters_pages_and_marks_refusals_and_break_glass() throws Exception {
        String tag = "au" + UUID.randomUUID().toString().substring(0, 6);
        String pipeline = pipelineWithBreakGlass(tag);
        String request = flows.requestApproval(pipeline, flows.reportImage(tag + "-a"));
        assertThat(gateway.postWithAuthorization(bearer("alice"), "/api/approval-requests/" + request + "/approve",
                null).reason()).isEqualTo("REQUESTER_CANNOT_APPROVE");
        ApprovalFlows.retry(() -> gateway.postWithAuthorization(bearer("bob"), "/api/approval-requests/" + request
                + "/approve", null), 200);
        String unapproved = flows.reportImage(tag + "-b");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> flows.imageListed(pipeline, unapproved));
        ApprovalFlows.retry(() -> gateway.postWithAuthorization(bearer("mona"), "/api/pipelines/" + pipeline
                + "/break-glass/deployments", Map.of("imageDigest", unapproved, "justification",
                "checkout <b>down</b>", "incidentRef", "INC-7")), 201);
        String filter = "/api/audit?pipelineId=" + pipeline;
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gateway.getWithAuthorization(bearer("erin"),
                filter).body().contains("\"BREAK_GLASS\""));
        List<String> expected = new ArrayList<>();
        gateway.getWithAuthorization(bearer("erin"), filter + "&size=500").json()
                .forEach(line -> expected.add(line.path("key").asString()));

        browser.signIn("erin");
        browser.open("#/audit?pipelineId=" + pipeline + "&size=2");
        assertThat(browser.awaitAnyText("#audit-total", "#main > .card > p")) // or what went wrong
                .isEqualTo("1–2 of " + expected.size() + " records");
        assertThat(expected).hasSizeGreaterThanOrEqualTo(4).doesNotContain("");
        List<String> shown = new ArrayList<>(auditKeys());
        while (browser.driver.findElement(By.cssSelector("[data-action=older-audit]")).isEnabled()) {
            browser.driver.findElement(By.cssSelector("[data-action=older-audit]")).click();
            String next = (shown.size() + 1) + "–";
            String said = browser.awaitAnyText("#flash", "#audit-total[data-first='" + (shown.size() + 1) + "']");
            assertThat(said).startsWith(next);
            assertThat(browser.driver.switchTo().activeElement().getAttribute("data-key"))
                    .isEqualTo(auditKeys().get(0)); // focus on the page's first line
            shown.addAll(auditKeys());
        }
        assertThat(shown).isEqualTo(expected); // the API's order, every line once
        browser.driver.findElement(By.cssSelector("[data-action=newer-audit]")).click();
        browser.awaitText(By.id("audit-total"), "1–2 of");
        browser.open("#/audit?pipelineId=" + pipeline);
        browser.awaitText(By.id("audit-total"), "1–" + expected.size() + " of " + expected.size() + " records");
        WebElement broken = browser.await(By.cssSelector("tr.break-glass[data-what=BREAK_GLASS]"));
        assertThat(broken.getText()).contains("mona", "break-glass", "checkout <b>down</b>", tag + "-b");
        assertThat(browser.isPresent(By.cssSelector("#audit-list td b"))).isFalse(); // typed markup stays text
        WebElement refused = browser.driver.findElement(By.cssSelector("tr.refused[data-what=APPROVE]"));
        assertThat(refused.getText()).contains("alice", "refused", "REQUESTER_CANNOT_APPROVE");
        assertThat(browser.driver.findElement(By.id("audit-scope")).getText())
                .contains("the pipelines you may view");
        browser.screenshot("25-audit");

        browser.driver.findElement(By.id("audit-user")).sendKeys("alice");
        browser.driver.findElement(By.cssSelector("[data-action=filter-audit]")).click();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> browser.driver.getCurrentUrl()
                .contains("user=alice") && browser.driver.findElements(By.cssSelector("tr.audit")).stream()
                .allMatch(row -> row.findElements(By.tagName("td")).get(1).getText().equals("alice")));
        int alices = gateway.getWithAuthorization(bearer("erin"), filter + "&user=alice").json().size();
        browser.awaitText(By.id("audit-total"), "1–" + alices + " of " + alices + " records");
        assertThat(browser.driver.findElements(By.cssSelector("tr.audit"))).hasSize(alices);
        browser.driver.findElement(By.cssSelector("[data-action=download-audit]")).click();
        browser.awaitText(By.id("flash"), "Downloaded " + alices + " records as shipgate-audit.csv.");
    }

    /** A pipeline of its own whose managers may break the glass (review within an hour). */
    private static String pipelineWithBreakGlass(String tag) {
        String pipeline = flows.createPipeline(tag, Map.of());
        ApprovalFlows.retry(() -> gateway.putWithAuthorization(bearer("dave"), "/api/pipelines/" + pipeline
                + "/break-glass/policy", Map.of("allowedRole", "MANAGER", "reviewWithin", "PT1H")), 200);
        return pipeline;
    }

    private static List<String> auditKeys() {
        return browser.driver.findElements(By.cssSelector("#audit-list tr.audit")).stream()
                .map(row -> row.getAttribute("data-key")).toList();
    }

    @Test
    void a_deploy_is_scheduled_listed_and_cancelled_and_the_glass_broken_from_the_ui() throws Exception {
        String tag = "ui" + UUID.randomUUID().toString().substring(0, 6);
        String pipeline = pipelineWithBreakGlass(tag);
        String approved = flows.approvedImage(pipeline, tag + "-a");
        String unapproved = flows.reportImage(tag + "-b");

        browser.signIn("alice");
        browser.open("#/pipelines/" + pipeline + "/select");
        browser.await(By.cssSelector("[data-action=schedule][data-digest='" + approved + "']")).click();
        browser.await(By.id("schedule-next-opening")).click();
        browser.driver.findElement(By.cssSelector("[data-action=submit-schedule]")).click();
        browser.awaitText(By.id("schedule-problem"), "NO_OPENING_TO_WAIT_FOR"); // said at once, in the dialog
        browser.driver.findElement(By.id("schedule-at-time")).click();
        assertThat(browser.driver.findElement(By.id("schedule-problem")).getText()).isEmpty();
        Instant before = Instant.now();
        browser.screenshot("22a-schedule-dialog");
        browser.driver.findElement(By.cssSelector("[data-action=submit-schedule]")).click();

        By pending = By.cssSelector("#schedules tr[data-digest='" + approved + "'][data-status=PENDING]");
        WebElement row = browser.await(pending);
        browser.awaitText(By.id("flash"), "Deployment of " + tag + "-a scheduled for");
        assertThat(row.getText()).contains(tag + "-a", "alice", "PENDING");
        String scheduleId = row.getAttribute("data-schedule");
        Instant runAt = Instant.parse(gateway.getWithAuthorization(bearer("alice"), "/api/pipelines/" + pipeline
                + "/schedules/" + scheduleId).json().path("runAt").asString());
        // the dialog's default: an hour from when it opened, to the minute, in the browser's time
        assertThat(runAt).isBetween(before.plus(Duration.ofMinutes(55)), before.plus(Duration.ofMinutes(61)));
        browser.screenshot("22b-app-details-scheduled");

        row.findElement(By.cssSelector("[data-action=cancel-schedule]")).click();
        browser.screenshot("22c-confirm-cancel-schedule");
        browser.confirmDialog();
        browser.await(By.cssSelector("#schedules tr[data-schedule='" + scheduleId + "'][data-status=VOIDED]"));
        assertThat(browser.driver.findElement(By.cssSelector("#schedules tr[data-schedule='" + scheduleId + "']"))
                .getText()).contains("cancelled");
        assertThat(browser.isPresent(By.cssSelector("tr[data-schedule='" + scheduleId + "'] "
                + "[data-action=cancel-schedule]"))).isFalse();
        assertThat(gateway.getWithAuthorization(bearer("alice"), "/api/pipelines/" + pipeline + "/schedules/"
                + scheduleId).json().path("voidReason").asString()).isEqualTo("CANCELLED");
        browser.screenshot("22d-app-details-schedule-cancelled");

        browser.signIn("mona");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> flows.imageListed(pipeline, unapproved));
        browser.open("#/pipelines/" + pipeline + "/images");
        browser.await(By.cssSelector("[data-action=break-glass-deploy][data-digest='" + unapproved + "']")).click();
        browser.await(By.id("break-glass-justification")).sendKeys("checkout down <b>now</b>");
        browser.driver.findElement(By.id("break-glass-incident")).sendKeys("INC-99");
        browser.screenshot("23a-break-glass-dialog");
        browser.driver.findElement(By.cssSelector("[data-action=confirm-break-glass]")).click();

        WebElement card = browser.await(By.cssSelector("#break-glass[data-review=OPEN]"));
        assertThat(card.getText()).contains("Break-glass by mona", "“checkout down <b>now</b>”", "incident INC-99",
                "Review due");
        assertThat(browser.isPresent(By.cssSelector("#break-glass b"))).isFalse(); // typed markup stays text
        assertThat(browser.await(By.id("break-glass-badge")).getText()).isEqualTo("break-glass");
        browser.awaitText(By.id("flash"), "Break-glass deployment of " + tag + "-b started");
        String deploymentId = browser.driver.getCurrentUrl().replaceAll(".*/details/", "");
        Http.Response deployment = gateway.getWithAuthorization(bearer("mona"), "/api/deployments/" + deploymentId);
        assertThat(deployment.json().path("breakGlass").path("review").asString()).isEqualTo("OPEN");
        assertThat(deployment.json().path("approvalRequestId").isNull()).isTrue();
        assertThat(deployment.json().path("image").path("digest").asString()).isEqualTo(unapproved);
        browser.screenshot("23b-app-details-break-glass");
    }
}
